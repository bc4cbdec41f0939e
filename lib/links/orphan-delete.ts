import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { ec2Client } from "@/lib/aws/config";
import { deleteEndpoints, describeEndpoints } from "@/lib/aws/ec2";
import { AwsCallError } from "@/lib/aws/errors";
import { requireVendorAdmin, type Ctx, type VerbArgs } from "@/lib/context";
import type { OrphanEndpoint } from "@/lib/db/generated/client";
import { takeToken } from "@/lib/db/token-bucket";
import { AppError } from "@/lib/errors";
import { defineJob, isRunAgain, retriedQueue, type RunAgain } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/queue";
import { principalForJob } from "@/lib/orgs/principal";
import type { OrphanView } from "./orphan-schemas";
import { organizationNames, toOrphanView } from "./orphan-views";
import { claimantsOf, settleOrphan } from "./orphans";

// Durable and idempotent, like the release of a link's endpoint: DeleteVpcEndpoints (an endpoint AWS no longer knows counts
// as deleted) within EC2's delete budget, then a look until AWS shows it gone, and only then the row is settled. Before
// each delete the endpoint is checked unclaimed again, so a link that adopted it meanwhile keeps it.

export const ORPHAN_RECHECK_MS = 2_000;
/** A refusal (a policy that no longer lets us delete it) is tried again this much later, not every pass. */
export const ORPHAN_REFUSED_RETRY_MS = 3_600_000;
const QUEUE_PER_PASS = 1_000;
const ENQUEUE_BATCH = 100;

/** The reconciler's share: each open orphan whose grace is over (or that an admin asked to delete) gets its job. */
export async function queueDueOrphanDeletes(ctx: Ctx, now: Date): Promise<number> {
  const { db } = ctx.engine;
  const due = await db.orphanEndpoint.findMany({
    where: { settledAt: null, deleteAt: { lte: now } },
    select: { endpointId: true },
    orderBy: { deleteAt: "asc" },
    take: QUEUE_PER_PASS,
  });
  for (let i = 0; i < due.length; i += ENQUEUE_BATCH) {
    await db.$transaction(async (tx) => {
      for (const { endpointId } of due.slice(i, i + ENQUEUE_BATCH)) await enqueue(tx, deleteOrphanJob, { endpointId }, { ctx });
    });
  }
  return due.length;
}

/** An admin's "Delete now": the grace ends now and the job is queued; deleting one being deleted changes nothing. */
export async function deleteOrphanNow({ ctx, input }: VerbArgs<{ endpointId: string }>): Promise<OrphanView> {
  requireVendorAdmin(ctx);
  const orphan = await ctx.engine.db.$transaction(async (tx) => {
    const found = await tx.orphanEndpoint.findUnique({ where: { endpointId: input.endpointId } });
    if (!found || found.settledAt) throw new AppError("not_found", `No orphaned endpoint ${input.endpointId}.`);
    const now = new Date();
    const updated = found.deleteAt > now ? await tx.orphanEndpoint.update({ where: { id: found.id }, data: { deleteAt: now } }) : found;
    // Vendor-wide: the organization the tag names may no longer exist.
    await recordAudit(tx, ctx, {
      organizationId: null,
      action: "orphan.delete",
      target: { type: "endpoint", id: found.endpointId },
      metadata: { region: found.region, serviceName: found.serviceName, organizationId: found.organizationId },
    });
    await enqueue(tx, deleteOrphanJob, { endpointId: found.endpointId }, { ctx });
    return updated;
  });
  const names = await organizationNames(ctx.engine.db, [orphan]);
  return toOrphanView(orphan, new Date(), names.get(orphan.organizationId ?? "") ?? null);
}

export async function runOrphanDeletion({ ctx, input: { endpointId } }: VerbArgs<{ endpointId: string }>): Promise<RunAgain | void> {
  const { engine } = ctx;
  const orphan = await engine.db.orphanEndpoint.findUnique({ where: { endpointId } });
  if (!orphan || orphan.settledAt || orphan.deleteAt > new Date()) return;
  const ec2 = await clientFor(ctx, orphan);
  if (isRunAgain(ec2)) return ec2;
  const [endpoint] = (await describeEndpoints(ec2, { ids: [endpointId] })).filter((e) => e.state !== "deleted");
  if (!endpoint) {
    await engine.db.$transaction(async (tx) => {
      await recordAudit(tx, ctx, {
        organizationId: null,
        action: "orphan.deleted",
        target: { type: "endpoint", id: endpointId },
        metadata: { region: orphan.region, serviceName: orphan.serviceName, organizationId: orphan.organizationId },
      });
    });
    await settleOrphan(ctx, endpointId, "deleted", null);
    return;
  }
  const claimant = (await claimantsOf(engine.db, [endpoint])).get(endpointId);
  if (claimant) return settleOrphan(ctx, endpointId, "adopted", claimant);
  if (endpoint.state === "deleting") return { retryAfterMs: ORPHAN_RECHECK_MS };

  const token = await takeToken(engine.db, `ec2:delete-vpc-endpoints:${orphan.region}`, engine.budgets.delete);
  if (!token.ok) return { retryAfterMs: token.waitMs };
  try {
    const refused = (await deleteEndpoints(ec2, [endpointId])).unsuccessful[0];
    if (refused) return postpone(ctx, orphan, refused);
  } catch (error) {
    if (error instanceof AwsCallError && !error.retryable) return postpone(ctx, orphan, error.failure);
    throw error;
  }
  return { retryAfterMs: ORPHAN_RECHECK_MS };
}

// As the organization's principal while it exists (its role may delete only endpoints carrying its tag); an orphan of an
// organization we no longer know is deleted by the control principal (README: what the control principal needs).
async function clientFor(ctx: Ctx, orphan: OrphanEndpoint): Promise<ReturnType<typeof ec2Client> | RunAgain> {
  const org = orphan.organizationId ? await ctx.engine.db.organization.findUnique({ where: { id: orphan.organizationId } }) : null;
  if (!org) return ec2Client(ctx.engine.aws, orphan.region);
  const principal = await principalForJob(ctx.engine, org);
  if (isRunAgain(principal)) return principal;
  return ec2Client(ctx.engine.aws, orphan.region, principal.credentials);
}

async function postpone(ctx: Ctx, orphan: OrphanEndpoint, refusal: { code: string; message: string }): Promise<void> {
  ctx.log.warn(
    { endpointId: orphan.endpointId, awsCode: refusal.code, awsMessage: refusal.message },
    "deleting the orphaned endpoint failed; trying again later",
  );
  await ctx.engine.db.orphanEndpoint.updateMany({
    where: { id: orphan.id, settledAt: null },
    data: { deleteAt: new Date(Date.now() + ORPHAN_REFUSED_RETRY_MS) },
  });
}

export const deleteOrphanJob = defineJob({
  name: "orphan-delete",
  schema: z.object({ endpointId: z.string().min(1).max(64) }),
  options: (settings) => retriedQueue(settings),
  singletonKey: ({ endpointId }) => endpointId,
  concurrency: 2,
  handle: runOrphanDeletion,
});
