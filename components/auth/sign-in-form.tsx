"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { signInInputSchema } from "@/lib/auth/schemas";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { validate, type FieldErrors } from "@/components/ui/field-errors";
import { Alert } from "@/components/ui/alert";
import { prepareSignIn, signInWithCredentials, startSingleSignOn } from "./credentials-sign-in";
import { OrganizationSsoButton, useSsoDiscovery } from "./organization-sso";
import { SecondFactorForm } from "./second-factor-form";

const SECOND_STEP = "mfa_required:";
const SSO_SECOND_STEP = /^#mfa=([A-Za-z0-9_-]{43})$/;

function messageFor(code: string): { field?: string; message: string } {
  if (code === "invalid_credentials" || code === "CredentialsSignin") return { field: "password", message: "Email or password is incorrect." };
  if (code.startsWith("too_many_requests")) {
    const minutes = Math.max(1, Math.ceil(Number(code.split(":")[1] ?? 60) / 60));
    return { message: `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
  }
  if (code === "invalid_input") return { field: "email", message: "Enter a valid email address and your password." };
  if (code === "csrf" || code === "csrf_unavailable")
    return { message: "We could not start a secure sign-in (the security check did not complete). Reload the page and try again." };
  if (code === "sso_required") return { field: "email", message: "Your organization signs you in through its single sign-on, not with a password." };
  if (code === "network") return { message: "We could not reach the server. Check your connection and try again." };
  return { message: "We could not sign you in just now. Please try again." };
}

export function SignInForm({ callbackUrl, ssoName }: { callbackUrl: string; ssoName: string | null }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [isPending, setIsPending] = useState(false);
  // No submit before the form can succeed: until hydrated and the CSRF token is fetched, the
  // button is disabled (which also blocks submitting with Enter), so nothing posts natively.
  const [isReady, setIsReady] = useState(false);
  const token = useRef<string | null>(null);
  const { sso, lookUp } = useSsoDiscovery();
  // The second step's challenge: after a right password (from the error code), or after single sign-on (from the fragment).
  const [challenge, setChallenge] = useState<string | null>(null);

  useEffect(() => {
    const fromSso = SSO_SECOND_STEP.exec(window.location.hash)?.[1];
    if (fromSso) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
      setChallenge(fromSso); // eslint-disable-line react-hooks/set-state-in-effect -- read once from the URL, which React cannot know on the server
    }
  }, []);

  useEffect(() => {
    let isCurrent = true;
    void prepareSignIn().then((prepared) => {
      if (!isCurrent) return;
      token.current = prepared;
      setIsReady(true);
    });
    return () => {
      isCurrent = false;
    };
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const checked = validate(signInInputSchema, { email: form.get("email"), password: form.get("password") });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    setIsPending(true);
    // Whose organization requires its provider goes there instead of trying a password that would be refused.
    const required = await lookUp(checked.data.email);
    if (required?.required && (await startSingleSignOn(callbackUrl, required.providerId))) return;
    const result = await signInWithCredentials(checked.data, callbackUrl, token.current);
    token.current = null;
    if (result.ok) return signedIn();
    setIsPending(false);
    if (result.error.startsWith(SECOND_STEP)) return setChallenge(result.error.slice(SECOND_STEP.length));
    const { field, message } = messageFor(result.error);
    setErrors({ [field ?? "form"]: message });
  }

  function signedIn() {
    router.push(callbackUrl);
    router.refresh();
  }

  if (challenge)
    return (
      <SecondFactorForm
        challenge={challenge}
        callbackUrl={callbackUrl}
        onSignedIn={signedIn}
        onRestart={(message) => {
          setChallenge(null);
          setErrors(message ? { form: message } : {});
        }}
      />
    );

  return (
    <form noValidate method="post" onSubmit={onSubmit} className="space-y-4" aria-label="Sign in">
      <Field label="Email" name="email" type="email" autoComplete="email" error={errors.email} onBlur={(event) => void lookUp(event.currentTarget.value)} />
      {sso ? <OrganizationSsoButton sso={sso} callbackUrl={callbackUrl} /> : null}
      <Field label="Password" name="password" type="password" autoComplete="current-password" error={errors.password} />
      <p className="-mt-2 text-right text-sm">
        <Link href="/forgot-password" className="font-medium text-indigo-600 hover:underline">
          Forgot password?
        </Link>
      </p>
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      <Button type="submit" className="w-full" isLoading={isPending} disabled={!isReady}>
        {isPending ? "Signing in…" : "Sign in"}
      </Button>
      {ssoName ? (
        <Button type="button" variant="secondary" className="w-full" onClick={() => signIn("oidc", { callbackUrl })}>
          Continue with {ssoName}
        </Button>
      ) : null}
      <p className="text-center text-sm text-slate-600">
        New here?{" "}
        <Link href="/sign-up" className="font-medium text-indigo-600 hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
