"use client";

import { useMutation } from "@tanstack/react-query";
import { messageOf, problemOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { unsubscribedSchema } from "@/lib/notifications/kinds";

/** POST /api/v1/unsubscribe/{token}: public (the token is the credential), so not in the typed client. */
async function unsubscribe(token: string) {
  const response = await fetch(`/api/v1/unsubscribe/${encodeURIComponent(token)}`, { method: "POST", credentials: "omit" });
  if (!response.ok) throw await problemOf(response);
  return unsubscribedSchema.parse(await response.json());
}

/** Asks before turning a kind of notification off: a link scanner that follows links in mail must not unsubscribe anyone. */
export function UnsubscribeConfirm({ token }: { token: string }) {
  const done = useMutation({ mutationFn: () => unsubscribe(token) });
  if (done.data) {
    return (
      <p role="status" className="text-emerald-800">
        Done: you no longer get “{done.data.label}” emails. Turn it back on under Email notifications (Settings, or the admin console&apos;s first page).
      </p>
    );
  }
  return (
    <div className="space-y-3">
      {done.isError ? <Alert>{messageOf(done.error)}</Alert> : null}
      <Button isLoading={done.isPending} onClick={() => done.mutate()}>
        Unsubscribe
      </Button>
    </div>
  );
}
