"use client";

import { useState } from "react";
import { messageOf } from "@/components/api/client";
import { validate } from "@/components/ui/field-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import type { ApiKey, CreatedApiKey } from "@/lib/api-client/client";
import { createApiKeyInputSchema } from "@/lib/api-keys/schemas";
import { formatTime, ListStates, ShownOnce } from "./section-states";
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from "./use-settings";

/** API keys: owners create them (the whole key shown once), see when each was last used, and revoke them. */
export function ApiKeysSection({ isOwner }: { isOwner: boolean }) {
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  return (
    <Card title="API keys">
      <div className="space-y-4 text-sm">
        <p className="text-slate-600">
          Keys call the REST API (
          <a href="/docs/api" className="font-medium text-indigo-700 underline">
            /api/v1
          </a>
          ) as your organization, with <code>Authorization: Bearer plk_…</code>. <em>read</em> lists and reads; <em>write</em> also registers and deletes links
          and manages webhooks.
        </p>
        {isOwner ? (
          <>
            <CreateKeyForm onCreated={setCreated} />
            {created?.key ? (
              <ShownOnce
                label={`API key "${created.name}"`}
                note="Copy it now: this is the only time the whole key is shown. We keep only its hash."
                value={created.key}
                onDone={() => setCreated(null)}
              />
            ) : null}
            <KeyList />
          </>
        ) : (
          <p className="text-slate-600">Only owners of the organization manage its API keys.</p>
        )}
      </div>
    </Card>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const create = useCreateApiKey();
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (values) => validate(createApiKeyInputSchema, { name: values.get("name"), scopes: values.getAll("scopes") }),
    send: create.mutateAsync,
    onSuccess: (key, { form }) => {
      form.reset();
      onCreated(key);
    },
  });
  return (
    <form noValidate onSubmit={onSubmit} aria-label="Create an API key" className="space-y-3">
      <Field label="Key name" name="name" placeholder="ci-pipeline" autoComplete="off" error={errors.name} />
      <fieldset aria-describedby={errors.scopes ? "scopes-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">Scopes</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="scopes" value="read" defaultChecked /> read
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="scopes" value="write" /> write
          </label>
        </div>
        {errors.scopes ? (
          <p id="scopes-error" role="alert" className="mt-1 text-sm text-red-600">
            {errors.scopes}
          </p>
        ) : null}
      </fieldset>
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      <Button type="submit" isLoading={isSending}>
        Create key
      </Button>
    </form>
  );
}

function KeyList() {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  return (
    <>
      {revoke.error ? <Alert>{messageOf(revoke.error)}</Alert> : null}
      <ListStates query={keys} what="API keys" empty="No API keys yet.">
        {(list) => (
          <ul className="divide-y divide-slate-100" aria-label="API keys">
            {list.map((key) => (
              <KeyRow key={key.id} apiKey={key} isRevoking={revoke.isPending && revoke.variables === key.id} onRevoke={() => revoke.mutate(key.id)} />
            ))}
          </ul>
        )}
      </ListStates>
    </>
  );
}

function KeyRow({ apiKey, isRevoking, onRevoke }: { apiKey: ApiKey; isRevoking: boolean; onRevoke: () => void }) {
  const { confirm, dialog } = useConfirm();
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-2">
      {dialog}
      <div className="min-w-0">
        <p className="break-all font-medium">
          {apiKey.name} <code className="font-mono text-xs text-slate-600">plk_{apiKey.prefix}_…</code>
        </p>
        <p className="text-slate-600">
          {apiKey.scopes.join(", ")} · created {formatTime(apiKey.createdAt)} · last used {formatTime(apiKey.lastUsedAt)}
        </p>
      </div>
      {apiKey.revokedAt ? (
        <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700">Revoked {formatTime(apiKey.revokedAt)}</span>
      ) : (
        <Button
          variant="secondary"
          isLoading={isRevoking}
          aria-label={`Revoke ${apiKey.name}`}
          onClick={async () => {
            const isSure = await confirm({ title: `Revoke “${apiKey.name}”?`, body: "Requests with it fail at once.", confirmLabel: "Revoke key" });
            if (isSure) onRevoke();
          }}
        >
          Revoke
        </Button>
      )}
    </li>
  );
}
