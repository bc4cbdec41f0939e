"use client";

import { messageOf } from "@/components/api/client";
import { eventHeadline, LinkAddresses } from "@/components/links/link-addresses";
import { LinkConnectivity } from "@/components/links/link-connectivity";
import { DegradedBadge, KindBadge, StateBadge } from "@/components/links/state-badge";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { checkExplanationOf, checkLabelOf } from "@/lib/links/check-display";
import { KIND_DISPLAY, targetFactsOf } from "@/lib/links/kind-display";
import { timestampOf } from "./format";
import { LinkActions } from "./link-actions";
import { useAdminLink } from "./use-admin-links";

type Fact = [label: string, value: string | null | undefined];

/** One link as its customer sees it, plus the AWS facts and the admin's actions. */
export function AdminLinkDetail({ id }: { id: string }) {
  const detail = useAdminLink(id);
  if (detail.isPending) return <p className="text-sm text-slate-500">Loading the link…</p>;
  if (detail.isError) return <Alert>{messageOf(detail.error)}</Alert>;
  const { link, principalArn, nextCheckAt, events } = detail.data;
  // A resource configuration has no allow list nor private DNS name of its own to ask for.
  const ownerFacts: Fact[] =
    link.kind === "service"
      ? [
          ["Private DNS name", link.privateDns ? (link.privateDnsName ?? "asked for; not on yet") : "not asked for"],
          ["Service owner account", link.trust.serviceOwnerAccountId],
          ["Allow list admits", link.trust.allowlistScope],
        ]
      : [["Configuration owner account", link.trust.serviceOwnerAccountId]];
  const facts: Fact[] = [
    ["Organization", link.organization ? `${link.organization.name} (plan ${link.organization.plan}, approval ${link.organization.approvalMode})` : null],
    ["Kind", KIND_DISPLAY[link.kind].label],
    ...targetFactsOf(link),
    ["Region", link.serviceRegion === link.region ? link.region : `${link.region} (service in ${link.serviceRegion})`],
    ["Ports", link.ports.join(", ")],
    ["Endpoint", link.endpointId],
    ...ownerFacts,
    ["Owner proof", link.trust.ownerProof],
    ["Principal", principalArn],
    ["Next look at AWS", nextCheckAt ?? "never (finished)"],
    ["Endpoint released", link.endpointReleasedAt ? timestampOf(link.endpointReleasedAt) : link.releaseAt ? `due ${timestampOf(link.releaseAt)}` : null],
    ["Registered", link.createdAt],
  ];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold break-all">{link.name}</h1>
        <KindBadge kind={link.kind} />
        <StateBadge state={link.state} />
        {link.degraded ? <DegradedBadge /> : null}
      </div>
      {link.lastError ? (
        <Alert>
          {link.lastError.message} ({link.lastError.code})
        </Alert>
      ) : null}
      <Card title="Actions">
        <LinkActions link={link} />
      </Card>
      <LinkConnectivity link={link} />
      <LinkAddresses link={link} />
      <Card title="Facts">
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[14rem_1fr]">
          {facts.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd className="font-mono break-all">{value ?? "—"}</dd>
            </div>
          ))}
          <dt className="text-slate-500">DNS names</dt>
          <dd className="font-mono break-all">{link.dnsNames.length > 0 ? link.dnsNames.join(" ") : "—"}</dd>
        </dl>
      </Card>
      <Card title="Checks">
        <ul className="space-y-1 text-sm">
          {link.checks.map((check) => (
            <li key={check.name}>
              <span className={check.status === "pass" ? "text-emerald-700" : check.status === "fail" ? "text-red-700" : "text-amber-800"}>{check.status}</span>{" "}
              <span className="font-medium">{checkLabelOf(check.name)}</span>: {check.detail}
              <span className="block text-xs text-slate-500">{checkExplanationOf(check.name)}</span>
            </li>
          ))}
          {link.checks.length === 0 ? <li className="text-slate-500">Not verified yet.</li> : null}
        </ul>
      </Card>
      <Card title="Timeline (newest first)">
        <ol className="space-y-1 text-sm">
          {events.map((event) => (
            <li key={event.id}>
              <span className="text-slate-500">{timestampOf(event.createdAt)}</span>{" "}
              {eventHeadline(event) ? (
                <strong>{eventHeadline(event)}</strong>
              ) : (
                <>
                  {event.fromState ?? "—"} → <strong>{event.toState}</strong>
                </>
              )}
              : {event.reason} ({event.actor.type})
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
