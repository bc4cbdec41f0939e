import "server-only";
import { Prisma, type Link } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/client";
import { recordStayingEvent } from "../persist";
import type { Diagnosis, ProbeTarget, ProbeTrigger } from "./schemas";

/** The history kept per link: the newest probes (a little over 8 hours at the default 5-minute interval); older rows are deleted as new ones come. */
export const PROBE_HISTORY_PER_LINK = 100;

export type ProbeOutcome = {
  trigger: ProbeTrigger;
  status: "ok" | "degraded";
  startedAt: Date;
  finishedAt: Date;
  targets: ProbeTarget[];
  diagnosis: Diagnosis[];
};

type ProbedLink = Pick<Link, "id" | "organizationId" | "region" | "probeStatus">;

/**
 * The probe's row, the link's copy of it, the counters, and a timeline event only when the status changed (ok <-> degraded;
 * a first probe that fails counts as a change, a first that succeeds does not), in one transaction. Guarded by state: a link
 * that left `available` meanwhile keeps nothing of it.
 */
export async function recordProbe(db: Db, link: ProbedLink, outcome: ProbeOutcome, nextProbeAt: Date): Promise<{ changed: boolean; recorded: boolean }> {
  return db.$transaction(async (tx) => {
    const previous = await tx.link.findUnique({ where: { id: link.id }, select: { state: true, probeStatus: true } });
    if (previous?.state !== "available") return { changed: false, recorded: false };
    const changed = previous.probeStatus === null ? outcome.status === "degraded" : previous.probeStatus !== outcome.status;
    const updated = await tx.link.updateMany({
      where: { id: link.id, state: "available" },
      data: {
        degraded: outcome.status === "degraded",
        probeStatus: outcome.status,
        probedAt: outcome.finishedAt,
        probeTargets: outcome.targets as unknown as Prisma.InputJsonValue,
        probeDiagnosis: outcome.diagnosis as unknown as Prisma.InputJsonValue,
        nextProbeAt,
      },
    });
    if (updated.count === 0) return { changed: false, recorded: false };
    await tx.linkProbe.create({
      data: {
        linkId: link.id,
        trigger: outcome.trigger,
        status: outcome.status,
        startedAt: outcome.startedAt,
        finishedAt: outcome.finishedAt,
        targets: outcome.targets as unknown as Prisma.InputJsonValue,
        diagnosis: outcome.diagnosis as unknown as Prisma.InputJsonValue,
        createdAt: outcome.finishedAt,
      },
    });
    await tx.$executeRaw`
      DELETE FROM "LinkProbe" WHERE "id" IN (
        SELECT "id" FROM "LinkProbe" WHERE "linkId" = ${link.id}::uuid ORDER BY "createdAt" DESC, "id" DESC OFFSET ${PROBE_HISTORY_PER_LINK})`;
    await countProbe(tx, link.region, outcome);
    if (changed) {
      await recordStayingEvent(
        tx,
        { ...link, state: "available" },
        {
          kind: "connectivity",
          fromConnectivity: previous.probeStatus,
          toConnectivity: outcome.status,
          reason: changeReason(outcome.targets, outcome.status),
        },
      );
    }
    return { changed, recorded: true };
  });
}

type Tx = Prisma.TransactionClient;

/** One upsert for the probe and each of its name-and-port results; rows are few (regions x results), so contention is bounded by the probe job's concurrency. */
async function countProbe(tx: Tx, region: string, outcome: ProbeOutcome): Promise<void> {
  const counts = new Map<string, number>([[`probe ${outcome.status}`, 1]]);
  for (const target of outcome.targets) {
    const results = target.ports.length ? target.ports.map((port) => port.result) : ["dns_error"];
    for (const result of results) counts.set(`check ${result}`, (counts.get(`check ${result}`) ?? 0) + 1);
  }
  const rows = [...counts].map(([key, count]) => {
    const [kind, result] = key.split(" ");
    return Prisma.sql`(${region}, ${kind}, ${result}, ${count})`;
  });
  await tx.$executeRaw`
    INSERT INTO "ProbeCount" ("region", "kind", "result", "count") VALUES ${Prisma.join(rows)}
    ON CONFLICT ("region", "kind", "result") DO UPDATE SET "count" = "ProbeCount"."count" + EXCLUDED."count"`;
}

/** The timeline's sentence: which zones (or names) failed on which ports, and how. */
export function changeReason(targets: ProbeTarget[], status: "ok" | "degraded"): string {
  // The event says it is a connectivity change and between which statuses: the reason says only where.
  if (status === "ok") return "every zone answered on every port";
  const failures = targets.flatMap((target) => {
    const where = target.kind === "zonal" ? (target.availabilityZone ?? target.name) : `regional name ${target.name}`;
    if (target.ports.length === 0) return [`${where}: DNS (${target.dnsError ?? "no answer"})`];
    return target.ports.filter((port) => port.result !== "ok").map((port) => `${where} port ${port.port} (${port.result.replaceAll("_", " ")})`);
  });
  return failures.join(", ") || "a probe failed";
}
