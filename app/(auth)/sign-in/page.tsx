import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getSessionContext } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Sign in" };

// lib/auth/oidc.ts names why a single sign-on was refused.
const SSO_REFUSALS: Record<string, string> = {
  sso_account_exists:
    "An account with this email already exists, and nobody verified its address, so single sign-on cannot sign in to it. Sign in with your email and password, then link single sign-on from Settings (Your account).",
  sso_no_email: "Your single sign-on provider did not tell us your email address. Ask your administrator, or sign in with your email and password.",
  // lib/sso/sign-in.ts: an organization's own provider.
  sso_email_unverified: "Your organization's provider did not confirm your email address, so we cannot sign you in with it. Ask your administrator.",
  sso_domain_not_claimed: "Your organization's provider signs in only addresses of its verified domains; yours is not one of them.",
  sso_linked_elsewhere: "This identity at your organization's provider belongs to another account here. Ask your administrator.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSessionContext()) redirect(callbackUrl);
  const env = getEnv();
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">Sign in</h1>
      {params.error ? (
        <Alert className="mb-4">
          {(typeof params.error === "string" && Object.hasOwn(SSO_REFUSALS, params.error) && SSO_REFUSALS[params.error]) ||
            "Single sign-on did not complete. Try again, or sign in with your email and password."}
        </Alert>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} ssoName={env.OIDC_ISSUER ? env.OIDC_NAME : null} />
    </>
  );
}
