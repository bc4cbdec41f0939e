"use client";

import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import { useState } from "react";
import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import type { PasskeyView } from "@/lib/auth/mfa/schemas";
import { useDeletePasskey, usePasskeyOptions, useRegisterPasskey } from "./use-mfa";

/** The person's passkeys: listed, added (the browser asks the authenticator), removed. */
export function PasskeysPanel({ passkeys }: { passkeys: PasskeyView[] }) {
  const options = usePasskeyOptions();
  const register = useRegisterPasskey();
  const remove = useDeletePasskey();
  const { confirm, dialog } = useConfirm();
  const [error, setError] = useState<{ field?: "name"; message: string } | null>(null);
  const [isAdding, setIsAdding] = useState(false);

  async function add(form: HTMLFormElement) {
    const name = String(new FormData(form).get("passkeyName") ?? "").trim();
    if (name.length > 60) return setError({ field: "name", message: "Use at most 60 characters" });
    setError(null);
    setIsAdding(true);
    try {
      const optionsJSON = (await options.mutateAsync()) as unknown as PublicKeyCredentialCreationOptionsJSON;
      let response;
      try {
        // Loaded when used: Settings stays within the client JavaScript budget.
        const { startRegistration } = await import("@simplewebauthn/browser");
        response = await startRegistration({ optionsJSON });
      } catch {
        return setError({ message: "The passkey was not created (cancelled, or this device has none). Nothing was added." });
      }
      await register.mutateAsync({ response: { ...response }, ...(name ? { name } : {}) });
      form.reset();
    } catch (failure) {
      setError({ message: messageOf(failure) });
    } finally {
      setIsAdding(false);
    }
  }

  return (
    <div className="space-y-3">
      {dialog}
      <h3 className="font-semibold text-slate-900">Passkeys</h3>
      {passkeys.length === 0 ? (
        <p className="text-slate-600">No passkey yet. A passkey (this device, a phone or a security key) can be your second factor at sign-in.</p>
      ) : (
        <ul aria-label="Your passkeys" className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <span>
                <span className="font-medium text-slate-900">{passkey.name}</span>{" "}
                <span className="text-slate-500">
                  added {new Date(passkey.createdAt).toLocaleDateString()}
                  {passkey.lastUsedAt ? `, last used ${new Date(passkey.lastUsedAt).toLocaleDateString()}` : ", never used"}
                </span>
              </span>
              <Button
                variant="secondary"
                aria-label={`Remove passkey ${passkey.name}`}
                isLoading={remove.isPending && remove.variables === passkey.id}
                onClick={async () => {
                  const isSure = await confirm({
                    title: `Remove the passkey “${passkey.name}”?`,
                    body: "It no longer signs you in.",
                    confirmLabel: "Remove passkey",
                  });
                  if (isSure) remove.mutate(passkey.id);
                }}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      {remove.error ? <Alert>{messageOf(remove.error)}</Alert> : null}
      <form
        noValidate
        aria-label="Add a passkey"
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          void add(event.currentTarget);
        }}
      >
        <div className="min-w-48 flex-1">
          <Field
            label="Passkey name (optional)"
            name="passkeyName"
            placeholder="e.g. Work laptop"
            error={error?.field === "name" ? error.message : undefined}
          />
        </div>
        <Button type="submit" variant="secondary" isLoading={isAdding}>
          Add a passkey
        </Button>
      </form>
      {error && !error.field ? <Alert>{error.message}</Alert> : null}
    </div>
  );
}
