import "server-only";
import { ec2Client } from "@/lib/aws/config";
import { describeEndpoints, type EndpointSnapshot } from "@/lib/aws/ec2";
import { z } from "zod";
import { defineJob, singlePassQueue } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/queue";
import { deleteLinkJob } from "./delete-link";
import { SYSTEM_ACTOR, type Ctx } from "@/lib/context";
import { dnsNamesOf, observe } from "./observe";
import { moveLink, POLL, StaleLinkError } from "./persist";
import { provisionLinkJob } from "./provision-link";
import { canTransition, HOLDS_ENDPOINT, pollDelayMs } from "./state-machine";

export type ReconcileReport = { due: number; regions: number; transitions: number };

/**
 * One reconcile pass: every due link, refreshed with batched DescribeVpcEndpoints per region
 * (pages of up to 1000, as the control principal: every endpoint lives in the vendor account).
 * It detects acceptance, rejection, revocation, expiry and endpoints deleted outside the portal,
 * and re-kicks provisioning or deletion that lost its job. Safe to run from several workers: each
 * change is a guarded transition.
 */
export async function reconcileLinks({ ctx, input: { limit = 20_000 } = {} }: { ctx: Ctx; input?: { limit?: number } }): Promise<ReconcileReport> {
  const { engine } = ctx;
  const { db } = engine;
  const due = await db.link.findMany({
    // Each link is due at its own nextCheckAt (often or rarely by state, pollDelayMs).
    where: { state: { in: [...HOLDS_ENDPOINT] }, nextCheckAt: { lte: new Date() } },
    orderBy: { nextCheckAt: "asc" },
    take: limit,
  });
  const report: ReconcileReport = { due: due.length, regions: 0, transitions: 0 };

  const byRegion = new Map<string, typeof due>();
  for (const link of due) byRegion.set(link.region, [...(byRegion.get(link.region) ?? []), link]);

  for (const [region, links] of byRegion) {
    const ids = links.flatMap((l) => (l.endpointId ? [l.endpointId] : []));
    const ec2 = ec2Client(engine.aws, region);
    const seen = new Map<string, EndpointSnapshot>();
    if (ids.length > 0) {
      report.regions += 1;
      for (const endpoint of await describeEndpoints(ec2, { ids })) seen.set(endpoint.endpointId, endpoint);
    }

    for (const link of links) {
      const endpoint = link.endpointId ? seen.get(link.endpointId) : undefined;
      const observed = link.endpointId || link.state !== "provisioning" ? observe(link.state, endpoint) : null;
      // Only moves the state machine allows; anything else is left for a person to look at.
      const observation = observed && canTransition(link.state, observed.to) ? observed : null;
      try {
        if (observation) {
          await db.$transaction(async (tx) => {
            await moveLink(tx, link, {
              to: observation.to,
              reason: observation.reason,
              actor: SYSTEM_ACTOR,
              data: {
                ...(endpoint && observation.to !== "deleted" ? { dnsNames: dnsNamesOf(endpoint) } : {}),
                ...(observation.to === "deleted" ? { dnsNames: {} } : {}),
                lastError: observation.error?.message ?? null,
                lastErrorCode: observation.error?.code ?? null,
              },
            });
            if (observation.to === "deleting") await enqueue(tx, deleteLinkJob, { linkId: link.id }, { ctx });
          });
          report.transitions += 1;
          continue;
        }
        await db.$transaction(async (tx) => {
          // Nothing changed in AWS: look again later, and re-kick work whose job may be lost.
          const delay = pollDelayMs(link.state, POLL) ?? POLL.slowMs;
          await tx.link.updateMany({ where: { id: link.id, version: link.version }, data: { nextCheckAt: new Date(Date.now() + delay) } });
          if (link.state === "provisioning") await enqueue(tx, provisionLinkJob, { linkId: link.id }, { ctx });
          if (link.state === "deleting") await enqueue(tx, deleteLinkJob, { linkId: link.id }, { ctx });
        });
      } catch (error) {
        if (!(error instanceof StaleLinkError)) throw error;
      }
    }
  }
  if (report.transitions > 0) ctx.log.info({ ...report }, "reconciled");
  return report;
}

export const reconcileLinksJob = defineJob({
  name: "links-reconcile",
  schema: z.object({}),
  // A pass over every due link may outlast one link's job.
  options: ({ expireInSeconds }) => singlePassQueue(Math.ceil(expireInSeconds * 2.5)),
  singletonKey: () => "reconcile",
  every: { ms: 5_000 },
  handle: ({ ctx }) => reconcileLinks({ ctx }),
});
