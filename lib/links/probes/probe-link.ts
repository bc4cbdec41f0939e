import "server-only";
import { z } from "zod";
import type { Ctx } from "@/lib/context";
import { defineJob, type JobQueueSettings } from "@/lib/jobs/define";
import { dnsNamesOfLink } from "../columns";
import { privateDnsNameOf } from "../views";
import { connectivityStatusOf, diagnose } from "./diagnosis";
import { probeEndpoint, ResolverUnreachableError, SocketBudget, type ProbeRequest } from "./probe";
import { recordProbe } from "./record-probe";
import { PROBE_TRIGGERS } from "./schemas";
import { probeConfigOf, type ProbeConfig } from "./settings";

// The probe of one link, in its own queue so it never delays the reconciler. Idempotent: a link no longer available (or
// probes turned off) is left alone, and a duplicate is one more probe at most (one queued and one running per link).

/** Probe jobs one worker runs at once; their sockets are bounded by the process's SocketBudget whatever this is. */
export const PROBE_CONCURRENCY = 16;

export const probeLinkJobSchema = z.object({ linkId: z.uuid(), trigger: z.enum(PROBE_TRIGGERS) });

export type ProbeReport = { status: "ok" | "degraded"; changed: boolean } | { skipped: "off" | "not_available" | "resolver_unreachable" };

export async function runProbe({ ctx, input }: { ctx: Ctx; input: z.output<typeof probeLinkJobSchema> }): Promise<ProbeReport> {
  const config = probeConfigOf(ctx.engine);
  if (!config.enabled) return { skipped: "off" };
  const { db } = ctx.engine;
  const link = await db.link.findUnique({ where: { id: input.linkId } });
  if (!link || link.state !== "available" || !link.endpointId) return { skipped: "not_available" };
  const dns = dnsNamesOfLink(link);
  const privateDnsName = privateDnsNameOf(link);
  const request: ProbeRequest = {
    // The private name, once on, is what clients dial: it is probed first, like a regional name (it resolves to every zone).
    regionalNames: privateDnsName ? [privateDnsName, ...dns.regional] : dns.regional,
    zonalNames: dns.zonal,
    ports: link.ports,
    tlsPorts: link.tlsPorts,
    // The certificate is held to the private name when it is on (the customer's certificate names it), else to the regional name.
    tlsServerName: privateDnsName,
  };
  const startedAt = new Date();
  let targets;
  try {
    targets = await probeEndpoint(request, { resolver: config.resolver, timeoutMs: config.timeoutMs, sockets: socketBudgetOf(config) });
  } catch (error) {
    if (!(error instanceof ResolverUnreachableError)) throw error;
    resolverWentDown(ctx, config, error);
    // Not the link's fault: nothing is recorded, and the sweep asks again at the next interval.
    await db.link.updateMany({ where: { id: link.id, state: "available" }, data: { nextProbeAt: new Date(Date.now() + config.intervalMs) } });
    return { skipped: "resolver_unreachable" };
  }
  resolverAnswered(ctx);
  const finishedAt = new Date();
  const status = connectivityStatusOf(targets);
  const outcome = { trigger: input.trigger, status, startedAt, finishedAt, targets, diagnosis: status === "ok" ? [] : diagnose(targets) };
  const { changed } = await recordProbe(db, link, outcome, new Date(finishedAt.getTime() + config.intervalMs));
  if (changed) ctx.log.info({ linkId: link.id, status }, "connectivity changed");
  return { status, changed };
}

// One budget per process, shared by every probe it runs: at most `maxSockets` sockets open at once.
const budgets = new Map<number, SocketBudget>();

function socketBudgetOf({ maxSockets }: Pick<ProbeConfig, "maxSockets">): SocketBudget {
  let budget = budgets.get(maxSockets);
  if (!budget) budgets.set(maxSockets, (budget = new SocketBudget(maxSockets)));
  return budget;
}

// A worker that cannot reach its resolver would otherwise mark every link degraded, and log once per link: it says so once,
// and again only after the resolver answered in between.
let resolverDown = false;

function resolverWentDown(ctx: Ctx, config: ProbeConfig, error: Error): void {
  if (resolverDown) return;
  resolverDown = true;
  ctx.log.error(
    { resolver: config.resolver ?? "the system's", error: error.message },
    "connectivity probes are paused: this worker cannot reach its DNS resolver, so no link is marked degraded. Run the worker in a network that reaches the endpoints, with the VPC's resolver (PROBE_DNS_SERVER), or set PROBES=off.",
  );
}

function resolverAnswered(ctx: Ctx): void {
  if (!resolverDown) return;
  resolverDown = false;
  ctx.log.info({}, "connectivity probes resumed: the DNS resolver answers again");
}

export const probeLinkJob = defineJob({
  name: "link-probe",
  schema: probeLinkJobSchema,
  // A probe that fails to run is not retried for long: the sweep queues the next one at the interval anyway.
  options: ({ expireInSeconds }: JobQueueSettings) => ({ policy: "stately", retryLimit: 2, retryDelay: 5, retryBackoff: true, expireInSeconds }),
  singletonKey: ({ linkId }) => linkId,
  concurrency: PROBE_CONCURRENCY,
  handle: runProbe,
});
