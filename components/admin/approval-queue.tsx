"use client";

import Link from "next/link";
import { useState } from "react";
import { messageOf } from "@/components/api/client";
import { bulkNews, queueArrivals } from "@/components/live/changes";
import { useChangeToasts } from "@/components/live/use-change-toasts";
import { KindBadge } from "@/components/links/state-badge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PageButtons, useCursorPages } from "@/components/ui/cursor-pages";
import { useToast } from "@/components/ui/toast";
import { checkLabelOf } from "@/lib/links/check-display";
import { targetFactsOf } from "@/lib/links/kind-display";
import { DenyForm } from "./deny-form";
import { ageOf, useAdminLinks, useApproveLink, useDenyLink, type AdminLink } from "./use-admin-links";

/** Waiting longer than this stands out. */
const OVERDUE_MS = 24 * 3_600_000;

/**
 * Links waiting for a vendor admin, with the facts to decide: organization and plan, the link's
 * kind, the service's (or resource configuration's) owner account, whom a service's allow list
 * admits and whether the owner is proved, the checks, and how long it has waited. Approve or deny
 * (a reason the customer reads), one or many.
 */
export function ApprovalQueue() {
  const pages = useCursorPages();
  const links = useAdminLinks({ state: "pending_approval", cursor: pages.cursor ?? undefined });
  const approve = useApproveLink();
  const deny = useDenyLink();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [denying, setDenying] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  // Links that joined the queue while the page was open: each toasted once.
  useChangeToasts(links.isPlaceholderData ? undefined : links.data?.data, queueArrivals, { scope: pages.cursor ?? "" });

  /** One link's answer toasts itself (use-admin-links.ts); several are summed up in one more. */
  const run = async (ids: string[], act: (id: string) => Promise<unknown>, verb: string) => {
    setError(null);
    const results = await Promise.allSettled(ids.map(act));
    const failed = results.flatMap((r) => (r.status === "rejected" ? [messageOf(r.reason)] : []));
    setSelected(new Set());
    if (ids.length > 1 && failed.length < ids.length) toast(bulkNews(verb, ids.length - failed.length, ids.length), { key: "bulk" });
    if (failed.length > 0) setError(`${failed.length} of ${ids.length} could not be done: ${[...new Set(failed)].join(" ")}`);
  };
  const denyAll = async (ids: string[], reason: string) => {
    if (ids.length === 1)
      await deny.mutateAsync({ id: ids[0]!, reason }); // one link: the server's refusal shows in the form
    else await run(ids, (id) => deny.mutateAsync({ id, reason }), "Denied");
    setDenying(null);
  };

  if (links.isPending) return <p className="text-sm text-slate-500">Loading the queue…</p>;
  if (links.isError) return <Alert>{messageOf(links.error)}</Alert>;
  const rows = links.data.data;
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));

  return (
    <div className="space-y-3">
      {error ? <Alert>{error}</Alert> : null}
      {rows.length === 0 ? <p className="text-sm text-slate-600">Nothing is waiting for approval.</p> : null}
      {selected.size > 0 ? (
        <div className="flex flex-wrap items-center gap-2 rounded-md bg-slate-100 p-3 text-sm" role="region" aria-label="Selected links">
          <span>{selected.size} selected</span>
          <Button onClick={() => run([...selected], (id) => approve.mutateAsync(id), "Approved")}>Approve {selected.size}</Button>
          <Button variant="secondary" onClick={() => setDenying([...selected])}>
            Deny {selected.size}
          </Button>
        </div>
      ) : null}
      {denying && denying.length > 1 ? (
        <DenyForm id="bulk" count={denying.length} onDeny={(reason) => denyAll(denying, reason)} onCancel={() => setDenying(null)} />
      ) : null}
      <ul className="space-y-3">
        {rows.map((link) => (
          <li key={link.id} className="rounded-md border border-slate-200 p-4" aria-label={link.name}>
            <QueueItem link={link} now={links.dataUpdatedAt} isSelected={selected.has(link.id)} onToggle={() => toggle(link.id)} />
            <div className="mt-3 flex flex-wrap gap-2">
              <Button
                onClick={() => run([link.id], (id) => approve.mutateAsync(id), "Approved")}
                isLoading={approve.isPending && approve.variables === link.id}
              >
                Approve
              </Button>
              <Button variant="secondary" onClick={() => setDenying([link.id])}>
                Deny
              </Button>
            </div>
            {denying?.length === 1 && denying[0] === link.id ? (
              <div className="mt-3">
                <DenyForm id={`deny-${link.id}`} count={1} onDeny={(reason) => denyAll([link.id], reason)} onCancel={() => setDenying(null)} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <PageButtons pages={pages} nextCursor={links.data.nextCursor} />
    </div>
  );
}

/** `now`: when the page was fetched, so ages render the same on every render. */
function QueueItem({ link, now, isSelected, onToggle }: { link: AdminLink; now: number; isSelected: boolean; onToggle: () => void }) {
  const isOverdue = now - Date.parse(link.stateChangedAt) > OVERDUE_MS;
  const problems = link.checks.filter((c) => c.status !== "pass");
  const { trust } = link;
  return (
    <div className="flex gap-3">
      <input type="checkbox" checked={isSelected} onChange={onToggle} aria-label={`Select ${link.name}`} className="mt-1 h-4 w-4" />
      <div className="min-w-0 flex-1 space-y-1 text-sm">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <span className="flex flex-wrap items-center gap-2">
            <Link href={`/admin/links/${link.id}`} className="font-semibold text-indigo-700 hover:underline">
              {link.name}
            </Link>
            <KindBadge kind={link.kind} />
          </span>
          <span className={isOverdue ? "rounded bg-amber-100 px-2 py-0.5 font-medium text-amber-900" : "text-slate-500"}>
            waiting {ageOf(link.stateChangedAt, now)}
            {isOverdue ? " (over a day)" : ""}
          </span>
        </div>
        <p>
          {link.organization.name} · plan {link.organization.plan} · {link.region}
        </p>
        {targetFactsOf(link).map(([label, value]) => (
          <p key={label} className="text-xs break-all text-slate-600">
            {label} <span className="font-mono">{value}</span>
          </p>
        ))}
        <p>
          Owner account <span className="font-mono">{trust.serviceOwnerAccountId ?? "unknown"}</span>
          {/* A resource configuration has no allow list: RAM shares it with our account alone. */}
          {link.kind === "service" ? (
            <>
              {" "}
              · allow list admits <strong>{trust.allowlistScope ?? "unknown"}</strong>
            </>
          ) : null}{" "}
          · owner {trust.ownerProof ?? "unknown"}
        </p>
        <p className={problems.length > 0 ? "text-amber-800" : "text-emerald-700"}>
          {problems.length === 0
            ? `All ${link.checks.length} checks passed`
            : `${link.checks.length - problems.length} of ${link.checks.length} checks passed; ${problems.map((c) => `${checkLabelOf(c.name)}: ${c.status}`).join(", ")}`}
        </p>
      </div>
    </div>
  );
}
