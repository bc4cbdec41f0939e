"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { signOut, startSingleSignOn } from "@/components/auth/credentials-sign-in";
import { messageOf } from "@/components/api/client";
import { validate } from "@/components/ui/field-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import { changePasswordInputSchema } from "@/lib/auth/schemas";
import { SessionList } from "./sessions-section";
import { useChangePassword, useSignOutEverywhere, useStartSsoLink } from "./use-account";

type Sso = { name: string; isLinked: boolean; outcome: string | null };

/** The signed-in person's own account: password, single sign-on, and the sessions signed in as them. */
export function AccountSection({ email, hasPassword, sso }: { email: string; hasPassword: boolean; sso: Sso | null }) {
  return (
    <Card title="Your account">
      <div className="space-y-6 text-sm">
        <p className="text-slate-600">
          Signed in as <span className="font-medium text-slate-900">{email}</span>.
        </p>
        {hasPassword ? <ChangePasswordForm /> : <p className="text-slate-600">You sign in through single sign-on: your account has no password.</p>}
        {sso ? <SingleSignOn sso={sso} /> : null}
        <SessionList />
        <SignOutEverywhere />
      </div>
    </Card>
  );
}

function ChangePasswordForm() {
  const change = useChangePassword();
  const [done, setDone] = useState<string | null>(null);
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (values) => validate(changePasswordInputSchema, { currentPassword: values.get("currentPassword"), newPassword: values.get("newPassword") }),
    send: (input) => {
      setDone(null);
      return change.mutateAsync(input);
    },
    onSuccess: ({ endedSessions }, { form }) => {
      form.reset();
      setDone(
        `Password changed. ${endedSessions === 0 ? "You had no other sessions." : `Signed out of ${endedSessions} other session${endedSessions === 1 ? "" : "s"}.`}`,
      );
    },
  });
  return (
    <form noValidate onSubmit={onSubmit} aria-label="Change your password" className="space-y-3">
      <h3 className="font-semibold text-slate-900">Change your password</h3>
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={errors.currentPassword} />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        error={errors.newPassword}
        hint="At least 12 characters. Every other browser signed in as you is signed out."
      />
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      {done ? (
        <p role="status" className="text-emerald-800">
          {done}
        </p>
      ) : null}
      <Button type="submit" isLoading={isSending}>
        Change password
      </Button>
    </form>
  );
}

const LINK_OUTCOMES: Record<string, string> = {
  sso_link_expired: "Linking took longer than 10 minutes, or was already used. Start again.",
  sso_linked_elsewhere: "That single sign-on identity is already linked to another account of this portal. Sign in with it, or ask your administrator.",
};

function SingleSignOn({ sso }: { sso: Sso }) {
  const start = useStartSsoLink();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <h3 className="font-semibold text-slate-900">Single sign-on</h3>
      {sso.isLinked ? (
        <p role={sso.outcome === "linked" ? "status" : undefined} className="text-slate-600">
          {sso.outcome === "linked" ? "Linked. " : ""}You can sign in with {sso.name}.
        </p>
      ) : (
        <>
          <p className="text-slate-600">
            Link your {sso.name} identity to this account, then sign in with either. You will sign in at {sso.name} and come back here.
          </p>
          {sso.outcome && Object.hasOwn(LINK_OUTCOMES, sso.outcome) ? <Alert>{LINK_OUTCOMES[sso.outcome]}</Alert> : null}
          {error ? <Alert>{error}</Alert> : null}
          <Button
            variant="secondary"
            isLoading={start.isPending}
            onClick={async () => {
              setError(null);
              try {
                await start.mutateAsync();
              } catch (failure) {
                return setError(messageOf(failure));
              }
              if (!(await startSingleSignOn("/settings?sso=linked#account"))) setError("We could not start single sign-on. Reload the page and try again.");
            }}
          >
            Link {sso.name}
          </Button>
        </>
      )}
    </div>
  );
}

function SignOutEverywhere() {
  const router = useRouter();
  const end = useSignOutEverywhere();
  const { confirm, dialog } = useConfirm();
  return (
    <div className="space-y-2">
      {dialog}
      <h3 className="font-semibold text-slate-900">Sessions</h3>
      <p className="text-slate-600">Signed in on a computer you no longer use, or think someone copied your session? End every session, this one included.</p>
      {end.error ? <Alert>{messageOf(end.error)}</Alert> : null}
      <Button
        variant="secondary"
        isLoading={end.isPending}
        onClick={async () => {
          const isSure = await confirm({
            title: "Sign out everywhere?",
            body: "Every browser signed in as you is signed out, this one included.",
            confirmLabel: "Sign out everywhere",
          });
          if (!isSure) return;
          try {
            await end.mutateAsync();
          } catch {
            return;
          }
          await signOut();
          router.replace("/sign-in");
          router.refresh();
        }}
      >
        Sign out everywhere
      </Button>
    </div>
  );
}
