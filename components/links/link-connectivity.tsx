"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { messageOf } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageButtons, useCursorPages } from "@/components/ui/cursor-pages";
import type { Link } from "@/lib/api-client/client";
import type { Diagnosis, LinkConnectivity as Connectivity, ProbePort, ProbeTarget } from "@/lib/links/probes/schemas";
import { linkKeys, probeFinished, useLinkProbes, useProbeLink, useProbeResult } from "./use-links";

const STATUS = {
  ok: { label: "Connected", className: "bg-emerald-100 text-emerald-800" },
  degraded: { label: "Degraded", className: "bg-red-100 text-red-800" },
  pending: { label: "Not tested yet", className: "bg-slate-200 text-slate-700" },
  off: { label: "Not tested", className: "bg-slate-100 text-slate-700" },
} as const;
const RESULT_COLOR: Record<ProbePort["result"], string> = {
  ok: "text-emerald-700",
  refused: "text-red-700",
  reset: "text-red-700",
  timeout: "text-red-700",
  dns_error: "text-red-700",
  tls_error: "text-amber-800",
};
const CELL = "px-2 py-1 text-left align-top";
/** A requested probe that has not come back by then is reported as such, so the button never spins forever. */
const GIVE_UP_MS = 60_000;

const at = (iso: string | null) => (iso ? `${iso.slice(0, 19).replace("T", " ")} UTC` : "—");

/** The link's last probe per zone and port, the diagnosis in the customer's words, and Test now (when the link allows it). */
export function LinkConnectivity({ link }: { link: Link }) {
  const [request, setRequest] = useState<{ at: string; isLate: boolean } | null>(null);
  const probe = useProbeLink();
  const client = useQueryClient();
  const polled = useProbeResult(link.id, request && !request.isLate ? request.at : null);
  const connectivity = fresherConnectivity(link.connectivity, polled.data?.connectivity);
  const isDone = request !== null && probeFinished(connectivity, request.at);
  const isTesting = probe.isPending || (request !== null && !request.isLate && !isDone);

  // Every view of the link (the admin's detail, the lists) reads the new result too.
  useEffect(() => {
    if (isDone) void client.invalidateQueries({ queryKey: linkKeys.all });
  }, [isDone, client]);
  useEffect(() => {
    if (!isTesting || probe.isPending) return;
    const timer = setTimeout(() => setRequest((asked) => asked && { ...asked, isLate: true }), GIVE_UP_MS);
    return () => clearTimeout(timer);
  }, [isTesting, probe.isPending]);

  const testNow = () => probe.mutate(link.id, { onSuccess: (answer) => setRequest({ at: answer.requestedAt, isLate: false }) });
  const isLate = request?.isLate === true && !isDone;
  const status = STATUS[connectivity.status];

  return (
    <Card title="Connectivity">
      <div className="space-y-4 text-sm" data-testid="connectivity">
        <div className="flex flex-wrap items-center gap-3">
          <span
            data-status={connectivity.status}
            data-testid="connectivity-status"
            className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium ${status.className}`}
          >
            {status.label}
          </span>
          {connectivity.status === "off" ? (
            <span className="text-slate-600">Tested once the link is available with an endpoint (and while probes are on).</span>
          ) : (
            <span className="text-slate-600">
              Last test {at(connectivity.checkedAt)} · next {at(connectivity.nextCheckAt)}
            </span>
          )}
          {link.allowedActions.includes("probe") ? (
            <Button variant="secondary" isLoading={isTesting} onClick={testNow}>
              Test now
            </Button>
          ) : null}
          <span role="status" className="text-slate-600">
            {isTesting ? "Testing…" : isLate ? "No result yet: the test is queued; it shows here once the worker ran it." : ""}
          </span>
        </div>
        {probe.error ? (
          <p role="alert" className="text-amber-800" data-testid="probe-refused">
            {messageOf(probe.error)}
          </p>
        ) : null}
        {connectivity.status === "pending" ? <p className="text-slate-600">Not tested yet: the first test runs within a few minutes.</p> : null}
        {connectivity.diagnosis.length ? <DiagnosisList diagnosis={connectivity.diagnosis} /> : null}
        {connectivity.targets.length ? <ZoneTable targets={connectivity.targets} /> : null}
        {connectivity.status === "off" ? null : <ProbeHistory linkId={link.id} />}
      </div>
    </Card>
  );
}

function DiagnosisList({ diagnosis }: { diagnosis: Diagnosis[] }) {
  return (
    <ol aria-label="Diagnosis" className="space-y-2">
      {diagnosis.map((finding, index) => (
        <li key={`${finding.code}-${index}`} className="rounded-md border border-red-200 bg-red-50 p-3" data-code={finding.code}>
          <p className="font-medium text-red-900">
            {index === 0 ? "Most likely: " : ""}
            {finding.cause}
          </p>
          <p className="text-red-900">Check: {finding.check}</p>
          {finding.zones.length || finding.ports.length ? (
            <p className="text-xs text-red-800">
              {finding.zones.length ? `Zones ${finding.zones.join(", ")}` : "Every zone"}
              {finding.ports.length ? ` · ports ${finding.ports.join(", ")}` : ""}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function ZoneTable({ targets }: { targets: ProbeTarget[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-xs">
        <caption className="text-left font-medium">Connectivity by zone</caption>
        <thead>
          <tr className="text-slate-600">
            <th className={CELL}>Zone</th>
            <th className={CELL}>Port</th>
            <th className={CELL}>Result</th>
          </tr>
        </thead>
        <tbody>
          {targets.flatMap((target) => {
            const zone = target.kind === "regional" ? "regional name" : (target.availabilityZone ?? target.name);
            if (target.ports.length === 0)
              return [
                <tr key={target.name}>
                  <th scope="row" className={`${CELL} font-medium`}>
                    {zone}
                  </th>
                  <td className={CELL}>—</td>
                  <td className={`${CELL} text-red-700`}>dns error: {target.dnsError ?? "did not resolve"}</td>
                </tr>,
              ];
            return target.ports.map((port) => (
              <tr key={`${target.name}:${port.port}`}>
                <th scope="row" className={`${CELL} font-medium`}>
                  {zone}
                </th>
                <td className={CELL}>{port.port}</td>
                <td className={`${CELL} ${RESULT_COLOR[port.result]}`}>{resultOf(port)}</td>
              </tr>
            ));
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The newer of two readings of a link's connectivity (the page's, and the one polled after Test now). */
export function fresherConnectivity(shown: Connectivity, polled: Connectivity | undefined): Connectivity {
  return polled && (polled.checkedAt ?? "") >= (shown.checkedAt ?? "") ? polled : shown;
}

/** One port's result as a sentence: the connect time, or the failure and what the probe saw; TLS names and expiry on TLS ports. */
export function resultOf(port: ProbePort): string {
  const head =
    port.result === "ok"
      ? `ok${port.connectMs === null ? "" : ` in ${port.connectMs < 1 ? "<1" : Math.round(port.connectMs)} ms`}`
      : port.result.replace("_", " ");
  const detail = port.result === "ok" || !port.detail ? "" : `: ${port.detail}`;
  const tls = port.tls
    ? ` · TLS ${port.tls.failure ? port.tls.failure.replaceAll("_", " ") : "ok"} (${port.tls.names.join(", ") || "no names"}${port.tls.notAfter ? `, until ${port.tls.notAfter.slice(0, 10)}` : ""})`
    : "";
  return `${head}${detail}${tls}`;
}

/** The probe history, read only when opened. */
function ProbeHistory({ linkId }: { linkId: string }) {
  const [isOpen, setIsOpen] = useState(false);
  const pages = useCursorPages();
  const probes = useLinkProbes(linkId, pages.cursor, isOpen);
  return (
    <details onToggle={(event) => setIsOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer font-medium text-indigo-700">Test history</summary>
      {probes.isError ? <p className="text-amber-800">{messageOf(probes.error)}</p> : null}
      {probes.data ? (
        <div className="space-y-2 pt-2">
          {probes.data.data.length === 0 ? <p className="text-slate-600">No test yet.</p> : null}
          <ol aria-label="Test history" className="space-y-1">
            {probes.data.data.map((run) => (
              <li key={run.id}>
                <time dateTime={run.finishedAt} className="text-slate-600">
                  {at(run.finishedAt)}
                </time>{" "}
                <strong className={run.status === "ok" ? "text-emerald-700" : "text-red-700"}>{run.status}</strong> ({run.trigger})
                {run.diagnosis[0] ? `: ${run.diagnosis[0].cause}` : ""}
              </li>
            ))}
          </ol>
          <PageButtons pages={pages} nextCursor={probes.data.nextCursor} />
        </div>
      ) : isOpen ? (
        <p className="pt-2 text-slate-500">Loading…</p>
      ) : null}
    </details>
  );
}
