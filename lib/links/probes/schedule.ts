import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import type { Ctx, VerbArgs } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { defineJob, singlePassQueue } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/queue";
import { authorizeAction, findLinkFor, requireActionAllowed, type Tx } from "../persist";
import { probeLinkJob } from "./probe-link";
import { probeConfigOf } from "./settings";

// When probes run: as a link becomes available, when the sweep finds it due (nextProbeAt), and when someone asks (probeLink).

/** At most one manual probe per link in this window. */
export const MANUAL_PROBE_WINDOW_MS = 30_000;
/** Links the sweep queues per transaction, and per pass. */
const SWEEP_BATCH = 500;
const SWEEP_LIMIT = 10_000;

/** In the transaction that made the link available (the reconciler's, or provisioning's when AWS answers available at once). */
export async function probeWhenAvailable(tx: Tx, ctx: Pick<Ctx, "engine" | "requestId">, linkId: string): Promise<void> {
  const config = probeConfigOf(ctx.engine);
  if (!config.enabled) return;
  // The sweep leaves it alone until then; the probe, run now, sets the next time itself.
  await tx.link.update({ where: { id: linkId }, data: { nextProbeAt: new Date(Date.now() + config.intervalMs) } });
  await enqueue(tx, probeLinkJob, { linkId, trigger: "available" }, { ctx });
}

export type SweepReport = { queued: number };

/**
 * Queues a probe for every available link whose nextProbeAt has come (or that has none: available before probes existed), in
 * batches, pushing each one's nextProbeAt a whole interval on so the next pass does not queue it again; the probe sets it anew.
 */
export async function sweepProbes({ ctx }: { ctx: Ctx }): Promise<SweepReport> {
  const config = probeConfigOf(ctx.engine);
  if (!config.enabled) return { queued: 0 };
  const { db } = ctx.engine;
  let queued = 0;
  while (queued < SWEEP_LIMIT) {
    const now = new Date();
    const batch = await db.$transaction(async (tx) => {
      const due = await tx.link.findMany({
        where: { state: "available", endpointId: { not: null }, OR: [{ nextProbeAt: null }, { nextProbeAt: { lte: now } }] },
        select: { id: true },
        orderBy: { nextProbeAt: { sort: "asc", nulls: "first" } },
        take: SWEEP_BATCH,
      });
      if (due.length === 0) return 0;
      const ids = due.map((link) => link.id);
      await tx.link.updateMany({ where: { id: { in: ids }, state: "available" }, data: { nextProbeAt: new Date(now.getTime() + config.intervalMs) } });
      for (const id of ids) await enqueue(tx, probeLinkJob, { linkId: id, trigger: "schedule" }, { ctx });
      return ids.length;
    });
    queued += batch;
    if (batch < SWEEP_BATCH) break;
  }
  if (queued > 0) ctx.log.info({ queued }, "probes queued");
  return { queued };
}

export const sweepProbesJob = defineJob({
  name: "links-probe-sweep",
  schema: z.object({}),
  options: ({ expireInSeconds }) => singlePassQueue(Math.max(60, expireInSeconds)),
  singletonKey: () => "probe-sweep",
  every: { ms: 15_000 },
  handle: sweepProbes,
});

/**
 * Test now: queues a probe of an available link, at most one per link per MANUAL_PROBE_WINDOW_MS (a guarded update, so two
 * requests at once cannot both pass). The answer's time is what the caller waits for: connectivity.checkedAt >= requestedAt.
 */
export async function probeLink({ ctx, input }: VerbArgs<{ linkId: string }>): Promise<{ requestedAt: string }> {
  authorizeAction(ctx, "probe");
  const config = probeConfigOf(ctx.engine);
  return ctx.engine.db.$transaction(async (tx) => {
    const link = await findLinkFor(tx, ctx, input.linkId);
    requireActionAllowed(link, "probe");
    if (!config.enabled) throw new AppError("conflict", "Connectivity probes are turned off on this installation (PROBES=off).");
    const now = new Date();
    const windowStart = new Date(now.getTime() - MANUAL_PROBE_WINDOW_MS);
    const claimed = await tx.link.updateMany({
      where: { id: link.id, state: "available", OR: [{ probeRequestedAt: null }, { probeRequestedAt: { lte: windowStart } }] },
      data: { probeRequestedAt: now },
    });
    if (claimed.count === 0) {
      const last = (await tx.link.findUnique({ where: { id: link.id }, select: { probeRequestedAt: true } }))?.probeRequestedAt ?? now;
      const retryAfter = Math.max(1, Math.ceil((last.getTime() + MANUAL_PROBE_WINDOW_MS - now.getTime()) / 1000));
      throw new AppError("probe_rate_limited", `This link was probed on request less than ${MANUAL_PROBE_WINDOW_MS / 1000} s ago; retry in ${retryAfter} s.`, {
        retryAfter,
      });
    }
    await recordAudit(tx, ctx, { organizationId: link.organizationId, action: "link.probe", target: { type: "link", id: link.id } });
    await enqueue(tx, probeLinkJob, { linkId: link.id, trigger: "manual" }, { ctx });
    return { requestedAt: now.toISOString() };
  });
}
