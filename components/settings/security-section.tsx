"use client";

import { useState } from "react";
import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { validate } from "@/components/ui/field-errors";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import { mfaCodeInputSchema, totpConfirmInputSchema, type MfaStatus, type TotpEnrolment } from "@/lib/auth/mfa/schemas";
import { PasskeysPanel } from "./passkeys-panel";
import { RecoveryCodesShown } from "./recovery-codes";
import { useConfirmTotp, useMfaStatus, useRegenerateRecoveryCodes, useRemoveTotp, useSetOrganizationMfa, useStartTotp } from "./use-mfa";

/** Second factors: the authenticator app (TOTP) with its recovery codes, passkeys, and an owner's rule for the members. */
export function SecuritySection({ organization }: { organization: { name: string; requireMfa: boolean } | null }) {
  const status = useMfaStatus();
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <Card title="Security">
      <div className="space-y-6 text-sm">
        {status.isPending ? (
          <p role="status" className="text-slate-500">
            Loading your second factors…
          </p>
        ) : status.isError || !status.data ? (
          <Alert>{messageOf(status.error)}</Alert>
        ) : (
          <>
            <Requirement status={status.data} />
            {codes ? <RecoveryCodesShown codes={codes} onDone={() => setCodes(null)} /> : null}
            <AuthenticatorApp status={status.data} onCodes={setCodes} />
            <PasskeysPanel passkeys={status.data.passkeys} />
            {organization ? <RequireForMembers organization={organization} hasSecondFactor={status.data.hasSecondFactor} /> : null}
          </>
        )}
      </div>
    </Card>
  );
}

function Requirement({ status }: { status: MfaStatus }) {
  if (status.requiredBy.length === 0) return null;
  const who = status.requiredBy.map((name) => (name === "vendor" ? "vendor admins" : name)).join(", ");
  return status.hasSecondFactor ? (
    <p className="text-slate-600">A second factor is required for {who}; yours is set up.</p>
  ) : (
    <Alert>A second factor is required ({who}). Set up an authenticator app or a passkey below to continue.</Alert>
  );
}

function AuthenticatorApp({ status, onCodes }: { status: MfaStatus; onCodes: (codes: string[]) => void }) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const start = useStartTotp();
  if (status.totp === "on")
    return (
      <div className="space-y-3">
        <h3 className="font-semibold text-slate-900">Authenticator app</h3>
        <p className="text-slate-600">
          <span className="font-medium text-emerald-800">On.</span> Sign-in asks for its code after your password. {status.recoveryCodesLeft} recovery code
          {status.recoveryCodesLeft === 1 ? "" : "s"} left.
        </p>
        <CodeForm
          name="regenerateCode"
          label="Code to make new recovery codes"
          button="New recovery codes"
          useAction={useRegenerateRecoveryCodes}
          onDone={(answer) => answer && onCodes(answer.recoveryCodes ?? [])}
        />
        <CodeForm name="removeCode" label="Code to remove the app" button="Remove the authenticator app" useAction={useRemoveTotp} onDone={() => undefined} />
      </div>
    );
  return (
    <div className="space-y-3">
      <h3 className="font-semibold text-slate-900">Authenticator app</h3>
      {!enrolment ? (
        <>
          <p className="text-slate-600">Off. Use an app such as 1Password, Google Authenticator or Authy for a 6-digit code at each sign-in.</p>
          {start.error ? <Alert>{messageOf(start.error)}</Alert> : null}
          <Button isLoading={start.isPending} onClick={async () => setEnrolment((await start.mutateAsync().catch(() => null)) as TotpEnrolment | null)}>
            Set up an authenticator app
          </Button>
        </>
      ) : (
        <ConfirmTotp
          enrolment={enrolment}
          onConfirmed={(codes) => {
            setEnrolment(null);
            onCodes(codes);
          }}
        />
      )}
    </div>
  );
}

function ConfirmTotp({ enrolment, onConfirmed }: { enrolment: TotpEnrolment; onConfirmed: (codes: string[]) => void }) {
  const confirm = useConfirmTotp();
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (values) => validate(totpConfirmInputSchema, { code: values.get("code") }),
    send: (input) => confirm.mutateAsync(input),
    onSuccess: (answer) => onConfirmed(answer.recoveryCodes ?? []),
  });
  return (
    <div className="space-y-3">
      <p className="text-slate-600">Scan this QR code with your authenticator app, or type the secret in, then enter the code it shows.</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made by the API, not an optimisable image */}
      <img src={enrolment.qrCode} alt="QR code to scan with your authenticator app" width={180} height={180} className="rounded border border-slate-200" />
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-slate-600">Secret:</span>
        <code data-testid="totp-secret" className="break-all rounded bg-slate-100 px-2 py-1 font-mono text-xs">
          {enrolment.secret}
        </code>
        <CopyButton value={enrolment.secret ?? ""} />
      </div>
      <form noValidate onSubmit={onSubmit} aria-label="Confirm your authenticator app" className="space-y-3">
        <Field label="Code from your authenticator app" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} error={errors.code} />
        {errors.form ? <Alert>{errors.form}</Alert> : null}
        <Button type="submit" isLoading={isSending}>
          Confirm
        </Button>
      </form>
    </div>
  );
}

type CodeAction<T> = () => { mutateAsync: (input: { code: string }) => Promise<T> };

function CodeForm<T>({
  name,
  label,
  button,
  useAction,
  onDone,
}: {
  name: string;
  label: string;
  button: string;
  useAction: CodeAction<T>;
  onDone: (answer: T) => void;
}) {
  const action = useAction();
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (values) => validate(mfaCodeInputSchema, { code: values.get(name) }),
    send: (input) => action.mutateAsync(input),
    onSuccess: (answer, { form }) => {
      form.reset();
      onDone(answer);
    },
  });
  return (
    <form noValidate onSubmit={onSubmit} aria-label={button} className="flex flex-wrap items-end gap-2">
      <div className="min-w-48 flex-1">
        <Field label={label} name={name} autoComplete="one-time-code" hint="A current code from the app, or a recovery code." error={errors.code} />
      </div>
      <Button type="submit" variant="secondary" isLoading={isSending}>
        {button}
      </Button>
      {errors.form ? <Alert>{errors.form}</Alert> : null}
    </form>
  );
}

function RequireForMembers({ organization, hasSecondFactor }: { organization: { name: string; requireMfa: boolean }; hasSecondFactor: boolean }) {
  const set = useSetOrganizationMfa();
  const [isRequired, setIsRequired] = useState(organization.requireMfa);
  return (
    <div className="space-y-2">
      <h3 className="font-semibold text-slate-900">Require MFA for members</h3>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={isRequired}
          disabled={set.isPending || (!isRequired && !hasSecondFactor)}
          onChange={async (event) => {
            const wanted = event.currentTarget.checked;
            const answer = await set.mutateAsync(wanted).catch(() => null);
            if (answer) setIsRequired(answer.requireMfa);
          }}
        />
        <span>Members of {organization.name} need a second factor (they are asked to set one up before anything else)</span>
      </label>
      {!hasSecondFactor && !isRequired ? <p className="text-xs text-slate-500">Set up your own second factor first.</p> : null}
      {set.error ? <Alert>{messageOf(set.error)}</Alert> : null}
    </div>
  );
}
