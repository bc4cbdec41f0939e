"use client";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FieldErrors } from "@/components/ui/field-errors";
import { signInWithCredentials, type SignInResult } from "./credentials-sign-in";

type Props = {
  challenge: string;
  callbackUrl: string;
  onSignedIn: () => void;
  /** The step expired, was used up, or the person wants to start over: back to the password. */
  onRestart: (message: string | null) => void;
};

function messageFor(code: string, usesRecoveryCode: boolean): { field?: "code"; message: string } | "restart" {
  if (code === "mfa_invalid_code" || code === "mfa_invalid_input" || code === "CredentialsSignin")
    return {
      field: "code",
      message: usesRecoveryCode ? "That recovery code is not right, or was already used." : "That code is not right, or was already used.",
    };
  if (code === "mfa_expired") return "restart";
  if (code.startsWith("too_many_requests")) {
    const minutes = Math.max(1, Math.ceil(Number(code.split(":")[1] ?? 60) / 60));
    return { message: `Too many wrong codes. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
  }
  if (code === "network") return { message: "We could not reach the server. Check your connection and try again." };
  return { message: "We could not sign you in just now. Please try again." };
}

/** The sign-in's second step: a code from the authenticator app, a recovery code, or a passkey. */
export function SecondFactorForm({ challenge, callbackUrl, onSignedIn, onRestart }: Props) {
  const [usesRecoveryCode, setUsesRecoveryCode] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState<"code" | "passkey" | null>(null);

  function settle(result: SignInResult) {
    setPending(null);
    if (result.ok) return onSignedIn();
    const outcome = messageFor(result.error, usesRecoveryCode);
    if (outcome === "restart") return onRestart("This sign-in step expired or was used up. Sign in again.");
    setErrors({ [outcome.field ?? "form"]: outcome.message });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    if (!usesRecoveryCode && !/^\d{6}$/.test(code)) return setErrors({ code: "Enter the 6-digit code from your authenticator app." });
    if (usesRecoveryCode && code.length < 6) return setErrors({ code: "Enter one of your recovery codes." });
    setErrors({});
    setPending("code");
    settle(await signInWithCredentials({ challenge, code }, callbackUrl, null, "mfa"));
  }

  async function usePasskey() {
    setErrors({});
    setPending("passkey");
    const options = await fetch("/api/v1/sign-in/passkey-options", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ challenge }),
    }).catch(() => null);
    if (!options) return settle({ ok: false, error: "network" });
    const body: unknown = await options.json().catch(() => null);
    if (!options.ok) {
      setPending(null);
      if (options.status === 401) return onRestart("This sign-in step expired or was used up. Sign in again.");
      const detail = typeof body === "object" && body !== null && "detail" in body && typeof body.detail === "string" ? body.detail : null;
      return setErrors({ form: detail ?? "We could not ask for your passkey just now. Please try again." });
    }
    let answer;
    try {
      // Loaded when used: most people answer with a code.
      const { startAuthentication } = await import("@simplewebauthn/browser");
      answer = await startAuthentication({ optionsJSON: body as PublicKeyCredentialRequestOptionsJSON });
    } catch {
      setPending(null);
      return setErrors({ form: "The passkey did not answer (cancelled, or not on this device). Try again, or use a code." });
    }
    settle(await signInWithCredentials({ challenge, passkey: JSON.stringify(answer) }, callbackUrl, null, "mfa"));
  }

  return (
    <form noValidate method="post" onSubmit={onSubmit} className="space-y-4" aria-label="Second step of sign-in">
      <p className="text-sm text-slate-600">
        {usesRecoveryCode
          ? "Enter one of the recovery codes you saved. Each works once."
          : "Your account has two-step sign-in. Enter the code your authenticator app shows."}
      </p>
      <Field
        key={usesRecoveryCode ? "recovery" : "totp"}
        label={usesRecoveryCode ? "Recovery code" : "Code from your authenticator app"}
        name="code"
        autoComplete="one-time-code"
        inputMode={usesRecoveryCode ? "text" : "numeric"}
        autoFocus
        error={errors.code}
      />
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      <Button type="submit" className="w-full" isLoading={pending === "code"} disabled={pending !== null}>
        {pending === "code" ? "Checking…" : "Continue"}
      </Button>
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <button
          type="button"
          className="font-medium text-indigo-700 hover:underline"
          onClick={() => {
            setUsesRecoveryCode(!usesRecoveryCode);
            setErrors({});
          }}
        >
          {usesRecoveryCode ? "Use your authenticator app" : "Use a recovery code"}
        </button>
        <button type="button" className="font-medium text-indigo-700 hover:underline disabled:opacity-50" disabled={pending !== null} onClick={usePasskey}>
          {pending === "passkey" ? "Waiting for your passkey…" : "Use a passkey"}
        </button>
        <button type="button" className="text-slate-600 hover:underline" onClick={() => onRestart(null)}>
          Start over
        </button>
      </div>
    </form>
  );
}
