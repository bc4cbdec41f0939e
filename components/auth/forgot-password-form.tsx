"use client";

import Link from "next/link";
import { useState } from "react";
import { passwordResetRequestSchema } from "@/lib/auth/reset-schemas";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { validate } from "@/components/ui/field-errors";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import { useIsHydrated } from "./credentials-sign-in";
import { useRequestPasswordReset } from "./use-recovery";

/** The answer is the same whether an account uses the address, so the confirmation says no more than that. */
export function ForgotPasswordForm() {
  const request = useRequestPasswordReset();
  const isHydrated = useIsHydrated();
  const [sent, setSent] = useState<{ email: string; expiresInMinutes: number } | null>(null);
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (form) => validate(passwordResetRequestSchema, { email: form.get("email") ?? "" }),
    send: request.mutateAsync,
    onSuccess: (answer) => setSent(answer),
  });

  if (sent) {
    return (
      <div role="status" className="space-y-4 text-sm text-slate-700">
        <p>
          Check your inbox. If an account uses <span className="font-medium text-slate-900">{sent.email}</span>, we sent it a link to choose a new password. The
          link works once, within {sent.expiresInMinutes} minutes.
        </p>
        <p>Nothing arrived after a few minutes? Check your spam folder, or make sure you typed the address your account uses.</p>
        <Link href="/sign-in" className="font-medium text-indigo-600 hover:underline">
          Back to sign in
        </Link>
      </div>
    );
  }
  return (
    <form noValidate method="post" onSubmit={onSubmit} className="space-y-4" aria-label="Reset your password">
      <Field label="Email" name="email" type="email" autoComplete="email" error={errors.email} hint="The address you sign in with." />
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      <Button type="submit" className="w-full" isLoading={isSending} disabled={!isHydrated}>
        {isSending ? "Sending…" : "Email me a reset link"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Remembered it?{" "}
        <Link href="/sign-in" className="font-medium text-indigo-600 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
