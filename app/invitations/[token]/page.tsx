import type { Metadata } from "next";
import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { AcceptInvitationForm, JoinInvitationButton } from "@/components/settings/invitation-accept";
import { Alert } from "@/components/ui/alert";
import { getSessionContext } from "@/lib/auth/session";
import { appEngine } from "@/lib/engine";
import { AppError } from "@/lib/errors";
import { previewInvitation } from "@/lib/orgs/invitations";
import { invitationTokenSchema, type InvitationPreview } from "@/lib/orgs/member-schemas";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

/** An invitation link: join signed in with the invited email, or create that account here. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const parsed = invitationTokenSchema.safeParse(token);
  let preview: InvitationPreview | null = null;
  let problem = parsed.success ? null : parsed.error.issues[0]!.message;
  if (parsed.success) {
    try {
      preview = await previewInvitation({ ctx: { engine: appEngine() }, input: { token: parsed.data } });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problem = error.detail;
    }
  }
  const session = await getSessionContext();
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <p className="text-sm font-semibold uppercase tracking-wide text-indigo-600">PrivateLink portal</p>
        {!preview ? (
          <>
            <h1 className="text-2xl font-bold">This invitation cannot be used</h1>
            <Alert>{problem}</Alert>
          </>
        ) : (
          <>
            <h1 className="text-2xl font-bold">Join {preview.organizationName}</h1>
            <p className="text-sm text-slate-600">
              You are invited as {preview.role === "owner" ? "an owner" : "a member"}, with the email <strong className="break-all">{preview.email}</strong>.
              The link works until {preview.expiresAt.slice(0, 10)}.
            </p>
            {session ? (
              session.user.email === preview.email ? (
                <JoinInvitationButton token={token} organizationName={preview.organizationName} />
              ) : (
                <div className="space-y-3 text-sm">
                  <Alert>
                    You are signed in as {session.user.email}. This invitation is for {preview.email}: sign out, then open the link again.
                  </Alert>
                  <SignOutButton />
                </div>
              )
            ) : preview.hasAccount ? (
              <Link
                href={`/sign-in?callbackUrl=${encodeURIComponent(`/invitations/${token}`)}`}
                className="inline-flex rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500"
              >
                Sign in as {preview.email} to join
              </Link>
            ) : (
              <AcceptInvitationForm token={token} email={preview.email} />
            )}
          </>
        )}
      </div>
    </main>
  );
}
