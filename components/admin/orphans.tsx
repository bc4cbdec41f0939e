"use client";

import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { PageButtons, useCursorPages } from "@/components/ui/cursor-pages";
import type { OrphanEndpoint } from "@/lib/api-client/client";
import { DataTable } from "./data-table";
import { useDeleteOrphan, useOrphans } from "./use-orphans";

/** "3 h", "2 d": a span of seconds, short. */
export function spanOf(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

// A table where there is room; on a phone (390 px) DataTable makes each orphan a card of its facts.
export function Orphans() {
  const pages = useCursorPages();
  const orphans = useOrphans(pages.cursor);
  const remove = useDeleteOrphan();

  if (orphans.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (orphans.isError) return <Alert>{messageOf(orphans.error)}</Alert>;
  const { data, nextCursor } = orphans.data;
  const isDeleting = (orphan: OrphanEndpoint) => remove.isPending && remove.variables === orphan.endpointId;
  return (
    <div className="space-y-4">
      {remove.isError ? <Alert>{messageOf(remove.error)}</Alert> : null}
      {data.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">
          No orphaned endpoints: every endpoint with our tags belongs to a live link.
        </p>
      ) : (
        <DataTable
          caption="Orphaned endpoints"
          head={["Endpoint", "Organization", "Region", "Zones", "Age", "Est. monthly cost", "Grace remaining", ""]}
          rows={data.map((orphan) => [
            <span key="id" className="break-all">
              <span className="font-mono text-xs">{orphan.endpointId}</span>
              <span className="block font-mono text-xs text-slate-600">{orphan.serviceName}</span>
            </span>,
            <OrganizationOf key="org" orphan={orphan} />,
            orphan.region,
            orphan.azIds.join(", ") || "unknown",
            spanOf(orphan.ageSeconds),
            usd.format(orphan.estimatedMonthlyCostUsd),
            graceOf(orphan),
            <DeleteNow key="delete" orphan={orphan} isDeleting={isDeleting(orphan)} onDelete={remove.mutate} />,
          ])}
        />
      )}
      <PageButtons pages={pages} nextCursor={nextCursor} />
    </div>
  );
}

type OrphanProps = { orphan: OrphanEndpoint; isDeleting: boolean; onDelete: (endpointId: string) => void };

function graceOf(orphan: OrphanEndpoint): string {
  return orphan.graceRemainingSeconds === 0 ? "none: deletion queued" : spanOf(orphan.graceRemainingSeconds);
}

function DeleteNow({ orphan, isDeleting, onDelete }: OrphanProps) {
  const isQueued = orphan.graceRemainingSeconds === 0;
  const { confirm, dialog } = useConfirm();
  return (
    <>
      <Button
        variant="secondary"
        isLoading={isDeleting}
        disabled={isQueued}
        aria-label={`Delete ${orphan.endpointId} now`}
        onClick={async () => {
          const isSure = await confirm({
            title: `Delete ${orphan.endpointId} in AWS now?`,
            body: "No link uses it. Deleting it cannot be undone.",
            confirmLabel: "Delete endpoint",
          });
          if (isSure) onDelete(orphan.endpointId);
        }}
      >
        {isQueued ? "Deleting…" : "Delete now"}
      </Button>
      {dialog}
    </>
  );
}

/** The organization by name; its id when it no longer exists, so its audit entries can still be found. */
function OrganizationOf({ orphan }: { orphan: OrphanEndpoint }) {
  if (!orphan.organizationId) return <>not tagged</>;
  if (orphan.organizationName) return <>{orphan.organizationName}</>;
  return (
    <span>
      deleted organization <span className="break-all font-mono text-xs">{orphan.organizationId}</span>
    </span>
  );
}
