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
import type { CreatedWebhook, Webhook } from "@/lib/api-client/client";
import { ALL_LINK_EVENTS, WEBHOOK_EVENT_TYPES, webhookCreateInputSchema } from "@/lib/webhooks/schemas";
import { ListStates, ShownOnce } from "./section-states";
import { useCreateWebhook, useDeleteWebhook, useEnableWebhook, useWebhooks } from "./use-settings";
import { WebhookDeliveries } from "./webhook-deliveries";

/** Webhooks: owners add one with the events to send, send a test event and read each one's delivery log. */
export function WebhooksSection({ isOwner }: { isOwner: boolean }) {
  const webhooks = useWebhooks();
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  return (
    <Card title="Webhooks">
      <div className="space-y-4 text-sm">
        <p className="text-slate-600">
          We POST each link event you choose to your HTTPS URL, signed with the webhook&apos;s secret (header <code>PrivateLink-Signature</code>), and retry for
          hours when it fails.
        </p>
        {isOwner ? <CreateWebhookForm onCreated={setCreated} /> : null}
        {created?.secret ? (
          <ShownOnce
            label={`Signing secret of ${created.url}`}
            note="Copy it now: it is shown only this once. Verify each request's signature with it."
            value={created.secret}
            onDone={() => setCreated(null)}
          />
        ) : null}
        <ListStates query={webhooks} what="webhooks" empty="No webhooks yet.">
          {(list) => (
            <ul className="space-y-4" aria-label="Webhooks">
              {list.map((webhook) => (
                <WebhookItem key={webhook.id} webhook={webhook} isOwner={isOwner} />
              ))}
            </ul>
          )}
        </ListStates>
      </div>
    </Card>
  );
}

function CreateWebhookForm({ onCreated }: { onCreated: (webhook: CreatedWebhook) => void }) {
  const create = useCreateWebhook();
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (values) => {
      const description = String(values.get("description") ?? "").trim();
      return validate(webhookCreateInputSchema, { url: values.get("url"), eventTypes: values.getAll("eventTypes"), description: description || undefined });
    },
    send: create.mutateAsync,
    onSuccess: (webhook, { form }) => {
      form.reset();
      onCreated(webhook);
    },
  });
  return (
    <form noValidate onSubmit={onSubmit} aria-label="Add a webhook" className="space-y-3">
      <Field label="Endpoint URL" name="url" type="url" placeholder="https://hooks.example.com/privatelink" autoComplete="off" error={errors.url} />
      <Field label="Description (optional)" name="description" autoComplete="off" error={errors.description} />
      <fieldset aria-describedby={errors.eventTypes ? "eventTypes-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">Events to send</legend>
        <label className="mt-1 flex items-center gap-2">
          <input type="checkbox" name="eventTypes" value={ALL_LINK_EVENTS} defaultChecked /> Every link event ({ALL_LINK_EVENTS})
        </label>
        <details className="mt-1">
          <summary className="cursor-pointer text-slate-700">Or only some states</summary>
          <div className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
            {WEBHOOK_EVENT_TYPES.filter((type) => type !== ALL_LINK_EVENTS).map((type) => (
              <label key={type} className="flex items-center gap-2 font-mono text-xs">
                <input type="checkbox" name="eventTypes" value={type} /> {type}
              </label>
            ))}
          </div>
        </details>
        {errors.eventTypes ? (
          <p id="eventTypes-error" role="alert" className="mt-1 text-sm text-red-600">
            {errors.eventTypes}
          </p>
        ) : null}
      </fieldset>
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      <Button type="submit" isLoading={isSending}>
        Add webhook
      </Button>
    </form>
  );
}

function WebhookItem({ webhook, isOwner }: { webhook: Webhook; isOwner: boolean }) {
  const remove = useDeleteWebhook();
  const enable = useEnableWebhook();
  const { confirm, dialog } = useConfirm();
  const error = remove.error ?? enable.error;
  return (
    <li className="space-y-2 rounded-md border border-slate-200 p-3" aria-label={`Webhook ${webhook.url}`}>
      {dialog}
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="break-all font-mono text-xs font-medium">{webhook.url}</p>
          {webhook.description ? <p className="text-slate-600">{webhook.description}</p> : null}
          <p className="break-words text-xs text-slate-600">{webhook.eventTypes.join(", ")}</p>
        </div>
        <span className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${webhook.isEnabled ? "bg-emerald-100 text-emerald-800" : "bg-red-100 text-red-800"}`}>
          {webhook.isEnabled ? "Enabled" : "Disabled"}
        </span>
      </div>
      {webhook.isEnabled ? null : (
        <div className="flex flex-wrap items-center gap-2">
          {webhook.disabledReason ? <p className="min-w-0 flex-1 text-xs text-red-700">{webhook.disabledReason}</p> : null}
          {isOwner ? (
            <Button
              variant="secondary"
              isLoading={enable.isPending}
              aria-label={`Enable the webhook ${webhook.url} again`}
              onClick={() => enable.mutate(webhook.id)}
            >
              Enable again
            </Button>
          ) : null}
        </div>
      )}
      {error ? <Alert>{messageOf(error)}</Alert> : null}
      <WebhookDeliveries webhook={webhook} isOwner={isOwner} />
      {isOwner ? (
        <Button
          variant="secondary"
          isLoading={remove.isPending}
          aria-label={`Delete the webhook ${webhook.url}`}
          onClick={async () => {
            const isSure = await confirm({
              title: `Delete the webhook ${webhook.url}?`,
              body: "Its delivery log goes with it, and no more events are sent to it.",
              confirmLabel: "Delete webhook",
            });
            if (isSure) remove.mutate(webhook.id);
          }}
        >
          Delete webhook
        </Button>
      ) : null}
    </li>
  );
}
