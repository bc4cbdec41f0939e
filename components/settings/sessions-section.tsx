"use client";

import { useRouter } from "next/navigation";
import { signOut } from "@/components/auth/credentials-sign-in";
import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { formatTime, ListStates } from "./section-states";
import { useEndSession, useSessions } from "./use-sessions";

/** Where the person is signed in; any session can be ended, this one too (which signs this browser out). */
export function SessionList() {
  const router = useRouter();
  const sessions = useSessions();
  const end = useEndSession();
  const { confirm, dialog } = useConfirm();
  return (
    <div className="space-y-2">
      {dialog}
      <h3 className="font-semibold text-slate-900">Where you are signed in</h3>
      {end.error ? <Alert>{messageOf(end.error)}</Alert> : null}
      <ListStates query={{ ...sessions, data: sessions.data?.data }} what="your sessions" empty="No session is signed in.">
        {(list) => (
          <ul className="divide-y divide-slate-100" aria-label="Your sessions">
            {list.map((session) => (
              <li key={session.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">
                    {session.device}
                    {session.current ? (
                      <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">This browser</span>
                    ) : null}
                  </p>
                  <p className="text-slate-600">
                    {session.address ?? "address unknown"} · signed in {formatTime(session.createdAt)} · last seen {formatTime(session.lastSeenAt, "not yet")}
                  </p>
                </div>
                <Button
                  variant="secondary"
                  isLoading={end.isPending && end.variables === session.id}
                  aria-label={`Sign out ${session.device}${session.current ? " (this browser)" : ""}`}
                  onClick={async () => {
                    if (session.current && !(await confirm({ title: "Sign out of this browser?", confirmLabel: "Sign out" }))) return;
                    try {
                      await end.mutateAsync(session.id);
                    } catch {
                      return;
                    }
                    if (!session.current) return;
                    await signOut();
                    router.replace("/sign-in");
                    router.refresh();
                  }}
                >
                  Sign out
                </Button>
              </li>
            ))}
          </ul>
        )}
      </ListStates>
    </div>
  );
}
