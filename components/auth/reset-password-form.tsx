"use client";

import Link from "next/link";
import { useState } from "react";
import { passwordResetFormSchema } from "@/lib/auth/reset-schemas";
import { PASSWORD_MIN } from "@/lib/validation";
import { ApiProblemError } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { validate } from "@/components/ui/field-errors";
import { fieldErrorsOf, useFormSubmit } from "@/components/ui/use-form-submit";
import { useIsHydrated } from "./credentials-sign-in";
import { useResetPassword } from "./use-recovery";

export function ResetPasswordForm({ token }: { token: string }) {
  const reset = useResetPassword(token);
  const isHydrated = useIsHydrated();
  const [done, setDone] = useState<string | null>(null);
  const [isGone, setIsGone] = useState(false);
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (form) => validate(passwordResetFormSchema, { password: form.get("password") ?? "", confirmPassword: form.get("confirmPassword") ?? "" }),
    send: ({ password }) => reset.mutateAsync({ password }),
    onSuccess: ({ email }) => setDone(email),
    errorsOf: (error) => {
      if (error instanceof ApiProblemError && error.problem.code === "token_invalid") setIsGone(true);
      return fieldErrorsOf(error);
    },
  });

  if (done) {
    return (
      <div role="status" className="space-y-4 text-sm text-slate-700">
        <p>
          Your password is set. Every browser that was signed in as <span className="font-medium text-slate-900">{done}</span> is signed out.
        </p>
        <Link href="/sign-in" className="inline-block font-medium text-indigo-600 hover:underline">
          Sign in with your new password
        </Link>
      </div>
    );
  }
  return (
    <form noValidate method="post" onSubmit={onSubmit} className="space-y-4" aria-label="Choose a new password">
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={errors.password}
        hint={`At least ${PASSWORD_MIN} characters.`}
      />
      <Field label="New password, again" name="confirmPassword" type="password" autoComplete="new-password" error={errors.confirmPassword} />
      {errors.form ? (
        <Alert>
          {errors.form}{" "}
          {isGone ? (
            <Link href="/forgot-password" className="font-medium underline">
              Ask for a new link
            </Link>
          ) : null}
        </Alert>
      ) : null}
      <Button type="submit" className="w-full" isLoading={isSending} disabled={!isHydrated}>
        {isSending ? "Setting your password…" : "Set password"}
      </Button>
    </form>
  );
}
