import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getSessionContext } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSessionContext()) redirect(callbackUrl);
  const env = getEnv();
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">Sign in</h1>
      {params.error ? <Alert className="mb-4">Single sign-on did not complete. Try again, or sign in with your email and password.</Alert> : null}
      <SignInForm callbackUrl={callbackUrl} ssoName={env.OIDC_ISSUER ? env.OIDC_NAME : null} />
    </>
  );
}
