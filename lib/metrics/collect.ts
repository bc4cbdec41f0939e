import "server-only";
import { Counter, Gauge, Registry } from "prom-client";
import type { Engine } from "@/lib/engine";
import { readRoleHeadroom } from "@/lib/orgs/role-headroom";
import { readQueues } from "./queues";

// Read from PostgreSQL at each scrape, so every web replica answers the same whatever process did the work (the worker makes
// the AWS calls); the IAM roles quota is read from IAM.
export async function collectMetrics(engine: Engine): Promise<{ contentType: string; body: string }> {
  const { db } = engine;
  const registry = new Registry();
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Gauge({ name, help, labelNames, registers: [registry] });

  const links = gauge("privatelink_links", "Links by state and region (deleted links not counted).", ["state", "region"]);
  const byState = await db.link.groupBy({ by: ["state", "region"], where: { state: { not: "deleted" } }, _count: { _all: true } });
  for (const row of byState) links.set({ state: row.state, region: row.region }, row._count._all);

  const available = gauge("privatelink_register_to_available_seconds", "Register-to-available time of links that became available in the last 24 hours.", [
    "quantile",
  ]);
  const [timing] = await db.$queryRaw<{ p50: number | null; p90: number | null; p99: number | null; count: bigint }[]>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS p50, percentile_cont(0.9) WITHIN GROUP (ORDER BY s) AS p90,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY s) AS p99, count(*) AS count
    FROM (SELECT extract(epoch FROM min(e."createdAt") - l."createdAt")::float8 AS s
          FROM "LinkEvent" e JOIN "Link" l ON l.id = e."linkId"
          WHERE e."toState" = 'available' AND e."kind" = 'state' AND e."createdAt" > now() - interval '24 hours'
          GROUP BY l.id, l."createdAt") t`;
  for (const [quantile, value] of [
    ["0.5", timing?.p50],
    ["0.9", timing?.p90],
    ["0.99", timing?.p99],
  ] as const) {
    if (value !== null && value !== undefined) available.set({ quantile }, value);
  }
  gauge("privatelink_register_to_available_count", "Links that became available in the last 24 hours.", []).set(Number(timing?.count ?? 0));

  const errors = gauge("privatelink_link_errors", "Links whose last AWS call failed, by error code (failed, disconnected, rejected... now).", ["code"]);
  const byCode = await db.link.groupBy({ by: ["lastErrorCode"], where: { lastErrorCode: { not: null }, state: { not: "deleted" } }, _count: { _all: true } });
  for (const row of byCode) errors.set({ code: row.lastErrorCode ?? "unknown" }, row._count._all);
  const failures = gauge("privatelink_link_failures_last_hour", "Links that moved to failed in the last hour.", []);
  failures.set(await db.linkEvent.count({ where: { toState: "failed", createdAt: { gt: new Date(Date.now() - 3_600_000) } } }));

  // Counters kept in PostgreSQL (ProbeCount), so they count every worker's probes and survive restarts.
  const counter = (name: string, help: string) => new Counter({ name, help, labelNames: ["region", "result"], registers: [registry] });
  const probes = counter("privatelink_probes_total", "Connectivity probes by region and outcome (ok, degraded).");
  const checks = counter(
    "privatelink_probe_checks_total",
    "Connectivity checks (one DNS name and port) by region and result (ok, refused, reset, timeout, dns_error, tls_error).",
  );
  for (const row of await db.probeCount.findMany()) (row.kind === "probe" ? probes : checks).inc({ region: row.region, result: row.result }, Number(row.count));
  const degraded = gauge("privatelink_links_degraded", "Available links whose last connectivity probe failed somewhere, by region.", ["region"]);
  const byRegion = await db.link.groupBy({ by: ["region"], where: { state: "available", degraded: true }, _count: { _all: true } });
  for (const row of byRegion) degraded.set({ region: row.region }, row._count._all);

  // Endpoints of ours no live link claims (lib/links/orphans.ts), still billed until deleted.
  const orphans = gauge("privatelink_orphaned_endpoints", "Endpoints in our AWS account with our tags that no live link claims, by region.", ["region"]);
  const orphanZones = gauge("privatelink_orphaned_endpoint_zones", "Availability Zones those endpoints are billed in (per zone and hour), by region.", [
    "region",
  ]);
  for (const row of await db.orphanEndpoint.findMany({ where: { settledAt: null }, select: { region: true, azIds: true } })) {
    orphans.inc({ region: row.region });
    orphanZones.inc({ region: row.region }, Math.max(row.azIds.length, 1));
  }

  const depth = gauge("privatelink_job_queue_depth", "Jobs waiting to run, by queue.", ["queue"]);
  const age = gauge("privatelink_job_queue_oldest_seconds", "Age of the oldest job waiting to run, by queue.", ["queue"]);
  const throttled = gauge("privatelink_job_retries", "Jobs waiting to run again after an error or AWS throttling, by queue.", ["queue"]);
  for (const queue of await readQueues(db)) {
    depth.set({ queue: queue.queue }, queue.depth);
    age.set({ queue: queue.queue }, queue.oldestSeconds);
    if (queue.retrying > 0) throttled.set({ queue: queue.queue }, queue.retrying);
  }

  const roles = await readRoleHeadroom(engine);
  if (roles.used !== null && roles.quota !== null) {
    gauge("privatelink_iam_roles", "IAM roles in the vendor account (every organization's principal is one).", []).set(roles.used);
    gauge("privatelink_iam_roles_quota", "The vendor account's quota of IAM roles.", []).set(roles.quota);
  }

  return { contentType: registry.contentType, body: await registry.metrics() };
}
