import type { Metadata } from "next";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { SecuritySection } from "@/components/settings/security-section";
import { pageSession } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Set up a second factor" };

/**
 * Where page-guards.ts sends a vendor admin (ADMIN_MFA=required) or a member of an organization that requires it, without a
 * second factor: outside the portal's and the console's layouts, which would send them here again.
 */
export default async function MfaSetupPage() {
  const { user } = await pageSession();
  const next = user.role === "admin" ? "/admin" : "/";
  return (
    <main className="mx-auto max-w-3xl space-y-6 px-4 py-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-2">
          <p className="text-sm font-semibold uppercase tracking-wide text-indigo-600">PrivateLink portal</p>
          <h1 className="text-2xl font-bold">Set up a second factor</h1>
          <p className="text-sm text-slate-600">
            Signed in as <span className="font-medium text-slate-900">{user.email}</span>. Your account needs an authenticator app or a passkey before you
            continue.
          </p>
        </div>
        <SignOutButton />
      </div>
      <SecuritySection organization={null} />
      {/* A plain link: the layouts behind it check again and send you back here until a second factor is set up. */}
      <a href={next} className="inline-block text-sm font-medium text-indigo-700 underline-offset-2 hover:underline">
        Continue to the {user.role === "admin" ? "admin console" : "portal"}
      </a>
    </main>
  );
}
