"use client";

import { messageOf } from "@/components/api/client";
import { useResendVerification } from "@/components/settings/use-sessions";

/** Until the address is verified, registering links is refused (403 email_unverified): this says why, and sends the link again. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const resend = useResendVerification();
  return (
    <div role="region" aria-label="Address verification" className="border-b border-amber-300 bg-amber-50">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm text-amber-950">
        <p>
          Verify <span className="font-medium">{email}</span> to register links: follow the link we emailed you.
        </p>
        <div className="flex items-center gap-3">
          {resend.data ? <span role="status">Sent. The new link works once, within 24 hours.</span> : null}
          {resend.error ? <span role="alert">{messageOf(resend.error)}</span> : null}
          <button
            type="button"
            disabled={resend.isPending}
            onClick={() => resend.mutate()}
            className="rounded-md border border-amber-400 bg-white px-3 py-1 font-semibold text-amber-900 hover:bg-amber-100 disabled:opacity-60"
          >
            {resend.isPending ? "Sending…" : "Resend"}
          </button>
        </div>
      </div>
    </div>
  );
}
