import type { Metadata } from "next";
import Link from "next/link";
import { UnsubscribeConfirm } from "@/components/notifications/unsubscribe-confirm";

export const metadata: Metadata = { title: "Unsubscribe", referrer: "no-referrer", robots: { index: false } };

/** A notification's unsubscribe link: one button, so that following the link alone changes nothing. */
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <p className="text-sm font-semibold uppercase tracking-wide text-indigo-600">PrivateLink portal</p>
        <h1 className="text-2xl font-bold">Stop these emails?</h1>
        <p className="text-sm text-slate-600">You will no longer get this kind of notification. The others stay as you chose them.</p>
        <UnsubscribeConfirm token={token} />
        <p className="text-sm text-slate-600">
          Or choose each kind in{" "}
          <Link href="/settings#notifications" className="font-medium text-indigo-600 hover:underline">
            Settings
          </Link>
          .
        </p>
      </div>
    </main>
  );
}
