"use client";

import { useState } from "react";
import { messageOf } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { LinksTable } from "@/components/links/links-table";
import { useApproveLink, useDenyLink, useRetryLink } from "@/components/links/use-links";
import type { Link as LinkView } from "@/lib/api-client/client";
import { Alert } from "@/components/ui/alert";

/** Every organization's links, waiting for approval first, with approve, deny and retry. */
export function AdminLinks() {
  const approve = useApproveLink();
  const deny = useDenyLink();
  const retry = useRetryLink();
  const [error, setError] = useState<string | null>(null);
  const onError = (e: unknown) => setError(messageOf(e));

  // What the API says this admin may do with each link now (allowedActions), not a copy of the rules.
  const actions = (link: LinkView) => {
    const can = (action: LinkView["allowedActions"][number]) => link.allowedActions.includes(action);
    if (can("approve") || can("deny")) {
      return (
        <span className="flex justify-end gap-2">
          {can("approve") ? (
            <Button onClick={() => approve.mutate(link.id, { onError })} isLoading={approve.isPending && approve.variables === link.id}>
              Approve
            </Button>
          ) : null}
          {can("deny") ? (
            <Button
              variant="secondary"
              onClick={() => {
                const reason = window.prompt(`Why deny ${link.name}? The customer sees this.`);
                if (reason && reason.trim().length >= 3) deny.mutate({ id: link.id, reason }, { onError });
              }}
            >
              Deny
            </Button>
          ) : null}
        </span>
      );
    }
    if (can("retry")) {
      return (
        <Button variant="secondary" onClick={() => retry.mutate(link.id, { onError })}>
          Retry
        </Button>
      );
    }
    return link.lastError ? <span className="text-xs text-slate-500">{link.lastError.code}</span> : null;
  };

  return (
    <div className="space-y-3">
      {error ? <Alert>{error}</Alert> : null}
      <LinksTable scope="admin" actions={actions} emptyMessage="No links in this state." />
    </div>
  );
}
