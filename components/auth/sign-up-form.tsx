"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { signUpInputSchema } from "@/lib/auth/schemas";
import { PASSWORD_MIN } from "@/lib/validation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { toFieldErrors, validate } from "@/components/ui/field-errors";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import { ApiProblemError } from "@/components/api/client";
import { signInWithCredentials, useIsHydrated } from "./credentials-sign-in";
import { useSignUp } from "./use-sign-up";
import { Alert } from "@/components/ui/alert";

// Sign-up answers alike whether the address had an account, so this is all the form can truthfully say when signing in fails.
const NOT_SIGNED_IN = "We could not sign you in with this email and password. If you already have an account, sign in instead.";

export function SignUpForm() {
  const router = useRouter();
  const signUp = useSignUp();
  const [isSigningIn, setIsSigningIn] = useState(false);
  const isHydrated = useIsHydrated();
  const { errors, setErrors, isSending, onSubmit } = useFormSubmit({
    read: (form) => validate(signUpInputSchema, Object.fromEntries(["name", "email", "password", "organizationName"].map((key) => [key, form.get(key) ?? ""]))),
    send: signUp.mutateAsync,
    onSuccess: async (_, { data }) => {
      setIsSigningIn(true);
      const result = await signInWithCredentials({ email: data.email, password: data.password }, "/", null);
      if (result.ok) {
        router.push("/");
        router.refresh();
      } else if (result.error === "invalid_credentials" || result.error === "CredentialsSignin") {
        setIsSigningIn(false);
        setErrors({ form: NOT_SIGNED_IN });
      } else {
        router.push("/sign-in");
      }
    },
    errorsOf: (error) => {
      if (error instanceof ApiProblemError && error.problem.invalidParams?.length) return toFieldErrors(error.problem.invalidParams);
      return {
        form:
          error instanceof ApiProblemError && error.problem.status < 500
            ? error.problem.detail
            : "We could not create your account just now. Please try again.",
      };
    },
  });

  const isPending = isSending || isSigningIn;
  return (
    <form noValidate method="post" onSubmit={onSubmit} className="space-y-4" aria-label="Create an account">
      <Field label="Your name" name="name" autoComplete="name" error={errors.name} />
      <Field label="Work email" name="email" type="email" autoComplete="email" error={errors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={errors.password}
        hint={`At least ${PASSWORD_MIN} characters.`}
      />
      <Field
        label="Organization"
        name="organizationName"
        autoComplete="organization"
        error={errors.organizationName}
        hint="Your company; you become its owner."
      />
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      <Button type="submit" className="w-full" isLoading={isPending} disabled={!isHydrated}>
        {isPending ? "Creating your account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-indigo-600 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
