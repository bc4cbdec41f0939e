import "server-only";
import { requireVendorAdmin, type VerbArgs } from "@/lib/context";
import { readRoleHeadroom } from "@/lib/orgs/role-headroom";
import { ALL_QUEUES, QUEUE_SAMPLE_EVERY_MS } from "./queues";
import { adminMetricsSchema, METRICS_WINDOW_HOURS, type AdminMetrics } from "./schemas";

// From what PostgreSQL keeps (link events, indexed by state and time, and the workers' QueueSample rows): every replica
// answers the same, nothing is kept in memory. Hours are counted from the epoch, so the database's time zone cannot shift them.
const HOUR_MS = 3_600_000;

type HourRow = { hour: bigint };

export async function readMetricsHistory({ ctx }: VerbArgs<unknown>): Promise<AdminMetrics> {
  requireVendorAdmin(ctx);
  const { db } = ctx.engine;
  const first = Math.floor(Date.now() / HOUR_MS) - (METRICS_WINDOW_HOURS - 1);
  const since = new Date(first * HOUR_MS);
  const [byState, byKind, available, failures, samples, iamRoles] = await Promise.all([
    db.link.groupBy({ by: ["state", "region"], where: { state: { not: "deleted" } }, _count: { _all: true }, orderBy: [{ state: "asc" }, { region: "asc" }] }),
    db.link.groupBy({ by: ["kind"], where: { state: { not: "deleted" } }, _count: { _all: true }, orderBy: { kind: "asc" } }),
    db.$queryRaw<(HourRow & { p50: number; p90: number; count: bigint })[]>`
      SELECT floor(extract(epoch FROM at) / 3600)::bigint AS hour, percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS p50,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY s) AS p90, count(*) AS count
      FROM (SELECT min(e."createdAt") AS at, extract(epoch FROM min(e."createdAt") - l."createdAt")::float8 AS s
            FROM "LinkEvent" e JOIN "Link" l ON l.id = e."linkId"
            WHERE e."toState" = 'available' AND e."kind" = 'state' AND e."createdAt" >= ${since}
            GROUP BY l.id, l."createdAt") t
      GROUP BY 1`,
    db.$queryRaw<(HourRow & { failed: bigint; verification_failed: bigint })[]>`
      SELECT floor(extract(epoch FROM "createdAt") / 3600)::bigint AS hour,
             count(*) FILTER (WHERE "toState" = 'failed') AS failed, count(*) FILTER (WHERE "toState" = 'verification_failed') AS verification_failed
      FROM "LinkEvent" WHERE "toState" IN ('failed', 'verification_failed') AND "createdAt" >= ${since}
      GROUP BY 1`,
    db.$queryRaw<(HourRow & { depth: number; retrying: number; oldest: number })[]>`
      SELECT floor(extract(epoch FROM "takenAt") / 3600)::bigint AS hour, max(depth) AS depth, max(retrying) AS retrying, max("oldestSeconds") AS oldest
      FROM "QueueSample" WHERE queue = ${ALL_QUEUES} AND "takenAt" >= ${since}
      GROUP BY 1`,
    readRoleHeadroom(ctx.engine),
  ]);
  const hours = Array.from({ length: METRICS_WINDOW_HOURS }, (_, i) => first + i);
  const at = <R extends HourRow, V>(rows: R[], pick: (row: R) => V, none: V) => {
    const byHour = new Map(rows.map((row) => [Number(row.hour), row]));
    return hours.map((hour) => {
      const row = byHour.get(hour);
      return row ? pick(row) : none;
    });
  };
  return adminMetricsSchema.parse({
    hours: hours.map((hour) => new Date(hour * HOUR_MS).toISOString()),
    linksByState: byState.map((row) => ({ state: row.state, region: row.region, count: row._count._all })),
    linksByKind: byKind.map((row) => ({ kind: row.kind, count: row._count._all })),
    registerToAvailable: {
      p50Seconds: at(available, (row) => row.p50, null),
      p90Seconds: at(available, (row) => row.p90, null),
      count: at(available, (row) => Number(row.count), 0),
    },
    errors: {
      failed: at(failures, (row) => Number(row.failed), 0),
      verificationFailed: at(failures, (row) => Number(row.verification_failed), 0),
      retrying: at(samples, (row) => Number(row.retrying), null),
    },
    queues: {
      depth: at(samples, (row) => Number(row.depth), null),
      oldestSeconds: at(samples, (row) => Number(row.oldest), null),
      sampleEveryMinutes: QUEUE_SAMPLE_EVERY_MS / 60_000,
    },
    iamRoles,
  });
}
