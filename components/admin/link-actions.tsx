"use client";

import { useState } from "react";
import { messageOf } from "@/components/api/client";
import { useDeleteLink, useReconnectLink, useVerifyLink } from "@/components/links/use-links";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import type { Link } from "@/lib/api-client/client";
import { DenyForm } from "./deny-form";
import { useApproveLink, useDenyLink, useReconcileLink, useReleaseLink, useRetryLink } from "./use-admin-links";

/** What a vendor admin may do with a link now: the API's allowedActions. */
export function LinkActions({ link }: { link: Link }) {
  const verify = useVerifyLink();
  const approve = useApproveLink();
  const deny = useDenyLink();
  const retry = useRetryLink();
  const remove = useDeleteLink();
  const reconcile = useReconcileLink();
  const release = useReleaseLink();
  const reconnect = useReconnectLink();
  const [isDenying, setIsDenying] = useState(false);
  const { confirm, dialog } = useConfirm();
  const [error, setError] = useState<string | null>(null);
  const onError = (e: unknown) => setError(messageOf(e));
  const can = (action: Link["allowedActions"][number]) => link.allowedActions.includes(action);
  const busy = (m: { isPending: boolean; variables?: unknown }) => m.isPending && m.variables === link.id;

  return (
    <div className="space-y-2">
      {dialog}
      {error ? <Alert>{error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        {can("approve") ? (
          <Button onClick={() => approve.mutate(link.id, { onError })} isLoading={busy(approve)}>
            Approve
          </Button>
        ) : null}
        {can("deny") ? (
          <Button variant="secondary" onClick={() => setIsDenying(true)}>
            Deny
          </Button>
        ) : null}
        {can("retry") ? (
          <Button onClick={() => retry.mutate(link.id, { onError })} isLoading={busy(retry)}>
            Retry provisioning
          </Button>
        ) : null}
        {can("reconnect") ? (
          // The customer's Reconnect: a new endpoint for the same service, verified (and approved, if its policy asks) again.
          <Button variant="secondary" onClick={() => reconnect.mutate(link.id, { onError })} isLoading={busy(reconnect)}>
            Recreate
          </Button>
        ) : null}
        {can("verify") ? (
          <Button variant="secondary" onClick={() => verify.mutate(link.id, { onError })} isLoading={busy(verify)}>
            Verify again
          </Button>
        ) : null}
        {can("reconcile") ? (
          <Button variant="secondary" onClick={() => reconcile.mutate(link.id, { onError })} isLoading={busy(reconcile)}>
            Reconcile now
          </Button>
        ) : null}
        {can("release") ? (
          <Button
            variant="secondary"
            onClick={async () => {
              const isSure = await confirm({
                title: `Release the endpoint of ${link.name} now?`,
                body: `Its endpoint is deleted at once, which cannot be undone. The link stays ${link.state}; the customer (or you, with Recreate) can reconnect it later.`,
                confirmLabel: "Delete endpoint",
              });
              if (isSure) release.mutate(link.id, { onError });
            }}
            isLoading={busy(release)}
          >
            Release now
          </Button>
        ) : null}
        {can("delete") ? (
          <Button
            variant="secondary"
            onClick={async () => {
              const isSure = await confirm({
                title: `Delete ${link.name}?`,
                body: "Its endpoint is deleted and the customer loses the connection.",
                confirmLabel: "Delete link",
              });
              if (isSure) remove.mutate(link.id, { onError });
            }}
            isLoading={busy(remove)}
          >
            Delete
          </Button>
        ) : null}
      </div>
      {isDenying ? (
        <DenyForm
          id={`deny-${link.id}`}
          count={1}
          onDeny={async (reason) => {
            await deny.mutateAsync({ id: link.id, reason });
            setIsDenying(false);
          }}
          onCancel={() => setIsDenying(false)}
        />
      ) : null}
    </div>
  );
}
