"use client";

import { useRouter } from "next/navigation";
import { messageOf } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import type { Link as LinkView } from "@/lib/api-client/client";
import { NEXT_STEP, StateBadge } from "./state-badge";
import { useDeleteLink, useLink, useLinkEvents, useVerifyLink } from "./use-links";
import { Alert } from "@/components/ui/alert";

const CHECK_ICON = { pass: "✓", fail: "✗", warn: "!", skipped: "–" } as const;
const CHECK_COLOR = { pass: "text-emerald-700", fail: "text-red-700", warn: "text-amber-700", skipped: "text-slate-400" } as const;

export function LinkDetail({ id }: { id: string }) {
  const link = useLink(id);
  if (link.isPending)
    return (
      <p role="status" className="text-sm text-slate-500">
        Loading the link…
      </p>
    );
  if (link.isError) return <Alert>{messageOf(link.error)}</Alert>;
  return <LinkPanels link={link.data} />;
}

function LinkPanels({ link }: { link: LinkView }) {
  const router = useRouter();
  const verify = useVerifyLink();
  const remove = useDeleteLink();
  const events = useLinkEvents(link.id, link.state);
  const actionError = verify.error ?? remove.error;
  const canVerify = link.allowedActions.includes("verify");
  const canDelete = link.allowedActions.includes("delete");

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{link.name}</h1>
          <p className="font-mono text-xs text-slate-500">{link.serviceName}</p>
        </div>
        <div className="flex items-center gap-2">
          <StateBadge state={link.state} />
          {canVerify ? (
            <Button variant="secondary" isLoading={verify.isPending} onClick={() => verify.mutate(link.id)}>
              Verify again
            </Button>
          ) : null}
          {canDelete ? (
            <Button
              variant="secondary"
              isLoading={remove.isPending}
              onClick={() => {
                if (window.confirm(`Delete ${link.name}? Its endpoint is removed and clients lose the connection.`)) remove.mutate(link.id);
              }}
            >
              Delete
            </Button>
          ) : null}
        </div>
      </div>
      {actionError ? <Alert>{messageOf(actionError)}</Alert> : null}

      <Card title="Status">
        <p className="text-sm" data-testid="next-step">
          {NEXT_STEP[link.state]}
        </p>
        {link.lastError ? (
          <p className="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="last-error">
            {link.lastError.message} <span className="font-mono text-xs">({link.lastError.code})</span>
          </p>
        ) : null}
        <dl className="mt-4 grid grid-cols-1 gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">Our region</dt>
            <dd>{link.region}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Service region</dt>
            <dd>{link.serviceRegion}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Endpoint</dt>
            <dd className="font-mono text-xs">{link.endpointId ?? "not created yet"}</dd>
          </div>
          {link.trust.serviceOwnerAccountId ? (
            <div>
              <dt className="text-slate-500">Service&apos;s AWS account</dt>
              <dd className="font-mono text-xs">{link.trust.serviceOwnerAccountId}</dd>
            </div>
          ) : null}
        </dl>
      </Card>

      {link.dnsNames.length > 0 ? (
        <Card title="DNS names">
          <ul className="space-y-2" data-testid="dns-names">
            {link.dnsNames.map((name, index) => (
              <li key={name} className="flex items-center justify-between gap-2">
                <span className="break-all font-mono text-xs">{name}</span>
                <span className="flex items-center gap-2 text-xs text-slate-500">
                  {index === 0 ? "regional" : "zonal"} <CopyButton value={name} />
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <Card title="Checks">
        {link.checks.length === 0 ? (
          <p className="text-sm text-slate-500">No checks yet: verification is under way.</p>
        ) : (
          <ul className="space-y-2 text-sm" data-testid="checks">
            {link.checks.map((check) => (
              <li key={check.name} className="flex gap-2">
                <span aria-label={check.status} className={`w-4 font-bold ${CHECK_COLOR[check.status]}`}>
                  {CHECK_ICON[check.status]}
                </span>
                <span>
                  <span className="font-medium">{check.name.replaceAll("_", " ")}</span>: {check.detail}
                  {check.awsCode ? <span className="ml-1 font-mono text-xs text-slate-500">({check.awsCode})</span> : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="Timeline">
        {events.isPending ? (
          <p className="text-sm text-slate-500">Loading…</p>
        ) : events.isError ? (
          <p className="text-sm text-red-700">{messageOf(events.error)}</p>
        ) : (
          <ol className="space-y-1 text-sm" data-testid="timeline">
            {events.data.map((event) => (
              <li key={event.id} className="flex gap-3">
                <time className="w-44 shrink-0 text-slate-500" dateTime={event.createdAt}>
                  {new Date(event.createdAt).toLocaleString()}
                </time>
                <span>
                  {event.fromState ? `${event.fromState.replaceAll("_", " ")} → ` : ""}
                  <span className="font-medium">{event.toState.replaceAll("_", " ")}</span>: {event.reason}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Card>
      <Button variant="secondary" onClick={() => router.push("/")}>
        Back to links
      </Button>
    </div>
  );
}
