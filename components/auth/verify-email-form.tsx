"use client";

import Link from "next/link";
import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useIsHydrated } from "./credentials-sign-in";
import { useConfirmEmail } from "./use-recovery";

// A button, not the page load, confirms: mail scanners open every link in a message, and opening one must change nothing.
export function VerifyEmailForm({ token }: { token: string }) {
  const confirm = useConfirmEmail(token);
  const isHydrated = useIsHydrated();
  if (confirm.data) {
    return (
      <div role="status" className="space-y-4 text-sm text-slate-700">
        <p>
          <span className="font-medium text-slate-900">{confirm.data.email}</span> is verified. You can register links now.
        </p>
        <Link href="/" className="font-medium text-indigo-600 hover:underline">
          Go to the portal
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-4 text-sm">
      <p className="text-slate-600">Confirm that this address is yours to finish setting up your account.</p>
      {confirm.error ? <Alert>{messageOf(confirm.error)}</Alert> : null}
      <Button className="w-full" isLoading={confirm.isPending} disabled={!isHydrated} onClick={() => confirm.mutate()}>
        {confirm.isPending ? "Verifying…" : "Verify my email address"}
      </Button>
    </div>
  );
}
