"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useConfirm } from "@/components/ui/confirm-dialog";
import type { Link as LinkView, LinkEvent } from "@/lib/api-client/client";
import { checkExplanationOf, checkLabelOf } from "@/lib/links/check-display";
import { KIND_DISPLAY, targetFactsOf } from "@/lib/links/kind-display";
import { eventHeadline, LinkAddresses } from "./link-addresses";
import { LinkConnectivity } from "./link-connectivity";
import { LinkDnsNames } from "./link-dns-names";
import { LinkInstruction } from "./link-instruction";
import { LinkSteps } from "./link-steps";
import { KindBadge, StateBadge } from "./state-badge";
import { useDeleteLink, useLink, useLinkEvents, useReconnectLink, useVerifyLink } from "./use-links";

const CHECK_ICON = { pass: "✓", fail: "✗", warn: "!", skipped: "–" } as const;
const CHECK_COLOR = { pass: "text-emerald-700", fail: "text-red-700", warn: "text-amber-700", skipped: "text-slate-500" } as const;

/**
 * A link's page: rendered on the server with the link and its timeline (`initial`), then kept live
 * by polling that slows down while nothing changes (use-links.ts); never a loading state.
 */
export function LinkDetail({
  initial,
  requesterAccountId,
  isSandbox,
}: {
  initial: { link: LinkView; events: LinkEvent[] };
  requesterAccountId: string | null;
  /** The portal runs against the built-in sandbox: the instructions also point at its console. */
  isSandbox: boolean;
}) {
  const query = useLink(initial.link.id, initial.link);
  const link = query.data ?? initial.link;
  const events = useLinkEvents(link.id, link.stateChangedAt, link.stateChangedAt === initial.link.stateChangedAt ? initial.events : undefined);
  const verify = useVerifyLink();
  const remove = useDeleteLink();
  const reconnect = useReconnectLink();
  const { confirm, dialog } = useConfirm();
  const actionError = verify.error ?? reconnect.error ?? remove.error;

  return (
    <div className="space-y-6">
      {dialog}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-bold">{link.name}</h1>
          <p className="break-all font-mono text-xs text-slate-600">{link.serviceName}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <KindBadge kind={link.kind} />
          <StateBadge state={link.state} />
          {link.allowedActions.includes("verify") ? (
            <Button variant="secondary" isLoading={verify.isPending} onClick={() => verify.mutate(link.id)}>
              Verify again
            </Button>
          ) : null}
          {link.allowedActions.includes("reconnect") ? (
            <Button isLoading={reconnect.isPending} onClick={() => reconnect.mutate(link.id)}>
              Reconnect
            </Button>
          ) : null}
          {link.allowedActions.includes("delete") ? (
            <Button
              variant="secondary"
              isLoading={remove.isPending}
              onClick={async () => {
                const isSure = await confirm({
                  title: `Delete ${link.name}?`,
                  body: "Its endpoint is removed and clients lose the connection.",
                  confirmLabel: "Delete link",
                });
                if (isSure) remove.mutate(link.id);
              }}
            >
              Delete
            </Button>
          ) : null}
        </div>
      </div>
      {actionError ? <Alert>{messageOf(actionError)}</Alert> : null}
      {query.isError ? (
        <p role="status" className="text-sm text-amber-800">
          Live updates paused: {messageOf(query.error)} We keep trying.
        </p>
      ) : null}

      <Card title="Status">
        <div className="space-y-5">
          <LinkSteps state={link.state} kind={link.kind} />
          <LinkInstruction link={link} requesterAccountId={requesterAccountId} isSandbox={isSandbox} />
          <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-3">
            <Fact label="Our region">{link.region}</Fact>
            {/* A resource link is always in its configuration's region. */}
            {link.kind === "service" ? <Fact label="Service region">{link.serviceRegion}</Fact> : null}
            <Fact label="Ports" testId="link-ports">
              {link.ports.join(", ")}
            </Fact>
            <Fact label="Endpoint" mono testId="endpoint-id">
              {link.endpointId ?? "not created yet"}
            </Fact>
            {link.privateDns ? (
              <Fact label="Private DNS name" mono>
                {link.privateDnsName ?? "asked for; on once the link is available"}
              </Fact>
            ) : null}
            {link.trust.serviceOwnerAccountId ? (
              <Fact label={KIND_DISPLAY[link.kind].owner} mono>
                {link.trust.serviceOwnerAccountId}
              </Fact>
            ) : null}
            {targetFactsOf(link).map(([label, value]) => (
              <Fact key={label} label={label} mono wide>
                {value}
              </Fact>
            ))}
          </dl>
        </div>
      </Card>

      <LinkConnectivity link={link} />

      <LinkDnsNames link={link} />

      <LinkAddresses link={link} />

      <Card title="Checks">
        {link.checks.length === 0 ? (
          <p className="text-sm text-slate-600">No checks yet: verification is under way.</p>
        ) : (
          <ul className="space-y-2 text-sm" data-testid="checks">
            {link.checks.map((check) => (
              <li key={check.name} className="flex gap-2">
                <span aria-label={check.status} className={`w-4 shrink-0 font-bold ${CHECK_COLOR[check.status]}`}>
                  {CHECK_ICON[check.status]}
                </span>
                <span className="min-w-0 break-words">
                  <span className="font-medium">{checkLabelOf(check.name)}</span>: {check.detail}
                  {check.awsCode ? <span className="ml-1 font-mono text-xs text-slate-600">({check.awsCode})</span> : null}
                  <span className="block text-xs text-slate-500">{checkExplanationOf(check.name)}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="Timeline">
        <ol className="space-y-2 text-sm" data-testid="timeline">
          {(events.data ?? initial.events).map((event) => (
            <li key={event.id} className="flex flex-col gap-x-3 sm:flex-row">
              <time className="shrink-0 whitespace-nowrap text-slate-600 sm:w-48" dateTime={event.createdAt}>
                {`${event.createdAt.slice(0, 19).replace("T", " ")} UTC`}
              </time>
              <span className="min-w-0 break-words">
                {eventHeadline(event) ? (
                  <span className="font-medium">{eventHeadline(event)}</span>
                ) : (
                  <>
                    {event.fromState ? `${event.fromState.replaceAll("_", " ")} → ` : ""}
                    <span className="font-medium">{event.toState.replaceAll("_", " ")}</span>
                  </>
                )}
                : {event.reason}
              </span>
            </li>
          ))}
        </ol>
      </Card>
      <Link href="/" className="inline-block text-sm font-medium text-indigo-700 hover:underline">
        ← Back to links
      </Link>
    </div>
  );
}

/** `wide`: a whole row, for an ARN. */
function Fact({ label, mono, wide, testId, children }: { label: string; mono?: boolean; wide?: boolean; testId?: string; children: ReactNode }) {
  return (
    <div className={wide ? "min-w-0 sm:col-span-3" : "min-w-0"}>
      <dt className="text-slate-600">{label}</dt>
      <dd className={mono ? "break-all font-mono text-xs" : undefined} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
