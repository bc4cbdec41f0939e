import "server-only";
import { deleteEndpoints, describeEndpoints } from "@/lib/aws/ec2";
import { AwsCallError } from "@/lib/aws/errors";
import { takeToken } from "@/lib/db/token-bucket";
import type { Link } from "@/lib/db/generated/client";
import { defineJob, isRunAgain, retriedQueue, type RunAgain } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/queue";
import type { Ctx, VerbArgs } from "@/lib/context";
import { describeServiceAs, taggedEndpoints } from "./aws";
import { loadLinkJob, type LinkJob } from "./job-link";
import { recordStayingEvent, StaleLinkError } from "./persist";
import { linkJobSchema } from "./schemas";
import { RELEASABLE, type LinkState } from "./state-machine";

// Two-sided teardown: a link the customer turned away (rejected, disconnected, expired) keeps its state, and our endpoint
// is deleted once its releaseAt has come, so it is not billed for ever. Each step can run again: DeleteVpcEndpoints is
// idempotent (an endpoint AWS no longer knows counts as deleted), and the release is recorded once, guarded by version,
// only after AWS shows the endpoint gone.

export const RELEASE_RECHECK_MS = 2_000;
/** A refusal (say, a policy that no longer lets our role delete it) is tried again this much later, not every pass. */
export const RELEASE_REFUSED_RETRY_MS = 3_600_000;
/** Links queued per reconcile pass; the rest wait for the next one. */
const QUEUE_PER_PASS = 1_000;
const ENQUEUE_BATCH = 100;

type Cause = { reason: string; code: string; message: string };

const REJECTED: Cause = {
  reason: "the customer rejected the connection",
  code: "Rejected",
  message: "You rejected the connection request, so we deleted our endpoint. To connect, Reconnect and accept the new request.",
};

const CAUSES: Partial<Record<LinkState, Cause>> = {
  rejected: REJECTED,
  disconnected: {
    reason: "the customer revoked the accepted connection",
    code: "Rejected",
    message: "You rejected the connection after it was available, so we deleted our endpoint. To connect again, Reconnect and accept the new request.",
  },
  expired: {
    reason: "nobody accepted the connection request in time",
    code: "Expired",
    message: "The connection request expired before it was accepted, so we deleted our endpoint. Reconnect, then accept the new request.",
  },
};

// AWS cannot tell a deleted service from one no longer shared with us (both are InvalidServiceName), and a service is
// deleted only once its connections are rejected: the link is then rejected or disconnected, and this says more.
const SERVICE_DELETED: Cause = {
  reason: "the customer deleted its endpoint service",
  code: "ServiceDeleted",
  message:
    "The customer deleted its endpoint service (or no longer shares it with us), so we deleted our endpoint. To connect again, share the service with us and Reconnect.",
};

/** The reconciler's share: each link whose releaseAt has come gets a release job (one per link at a time). */
export async function queueDueReleases(ctx: Ctx, now: Date): Promise<number> {
  const { db } = ctx.engine;
  const due = await db.link.findMany({
    where: { state: { in: [...RELEASABLE] }, releaseAt: { lte: now }, endpointReleasedAt: null },
    select: { id: true },
    orderBy: { releaseAt: "asc" },
    take: QUEUE_PER_PASS,
  });
  for (let i = 0; i < due.length; i += ENQUEUE_BATCH) {
    await db.$transaction(async (tx) => {
      for (const { id } of due.slice(i, i + ENQUEUE_BATCH)) await enqueue(tx, releaseEndpointJob, { linkId: id }, { ctx });
    });
  }
  return due.length;
}

/** The release job: DeleteVpcEndpoints (within EC2's budget) as the organization's principal, until AWS shows it gone. */
export async function runRelease({ ctx, input: { linkId } }: VerbArgs<{ linkId: string }>): Promise<RunAgain | void> {
  const job = await loadLinkJob(ctx, linkId, RELEASABLE);
  if (!job) return; // deleted, or moved on (deleting takes the endpoint with it)
  if (isRunAgain(job)) return job;
  const { link, ec2 } = job;
  if (link.endpointReleasedAt || !link.releaseAt || link.releaseAt > new Date()) return;
  const known = link.endpointId ? await describeEndpoints(ec2, { ids: [link.endpointId] }) : [];
  const live = [...known.filter((e) => e.state !== "deleted"), ...(await taggedEndpoints(ec2, link.id))];
  if (live.length === 0) {
    await recordRelease(ctx, link, await causeOf(ctx, job));
    return;
  }
  const ids = [...new Set(live.filter((e) => e.state !== "deleting").map((e) => e.endpointId))];
  if (ids.length > 0) {
    const token = await takeToken(ctx.engine.db, `ec2:delete-vpc-endpoints:${link.region}`, ctx.engine.budgets.delete);
    if (!token.ok) return { retryAfterMs: token.waitMs };
    try {
      const refused = (await deleteEndpoints(ec2, ids)).unsuccessful[0];
      if (refused) return postpone(ctx, link, refused);
    } catch (error) {
      if (error instanceof AwsCallError && !error.retryable) return postpone(ctx, link, error.failure);
      throw error;
    }
  }
  return { retryAfterMs: RELEASE_RECHECK_MS };
}

async function causeOf(ctx: Ctx, { link, principal }: LinkJob): Promise<Cause> {
  const service = await describeServiceAs(ctx.engine, link, principal.credentials, principal.arn);
  if ("failure" in service && service.failure.code === "InvalidServiceName") return SERVICE_DELETED;
  return CAUSES[link.state] ?? REJECTED;
}

type Released = Pick<Link, "id" | "organizationId" | "state" | "version">;

// The link keeps its state; the timeline says what happened, and the webhook outbox sends it as link.endpoint_released.
// From now on the reconciler no longer looks at the endpoint (dueLinks leaves released links out).
async function recordRelease(ctx: Ctx, link: Released, cause: Cause): Promise<void> {
  try {
    await ctx.engine.db.$transaction(async (tx) => {
      const updated = await tx.link.updateMany({
        where: { id: link.id, state: link.state, version: link.version, endpointReleasedAt: null },
        data: {
          endpointReleasedAt: new Date(),
          releaseAt: null,
          nextCheckAt: null,
          dnsNames: {},
          endpointAddresses: [],
          networkInterfaceIds: [],
          privateDnsEnabled: false,
          lastError: cause.message,
          lastErrorCode: cause.code,
          version: { increment: 1 },
        },
      });
      if (updated.count === 0) throw new StaleLinkError(link.id);
      await recordStayingEvent(tx, link, { kind: "endpoint_released", reason: `our endpoint was deleted: ${cause.reason}` });
    });
    ctx.log.info({ linkId: link.id, cause: cause.code }, "endpoint released");
  } catch (error) {
    if (!(error instanceof StaleLinkError)) throw error;
  }
}

async function postpone(ctx: Ctx, link: Released & { state: LinkState }, refusal: { code: string; message: string }): Promise<void> {
  ctx.log.warn({ linkId: link.id, awsCode: refusal.code, awsMessage: refusal.message }, "releasing the endpoint failed; trying again later");
  await ctx.engine.db.link.updateMany({
    where: { id: link.id, state: link.state, endpointReleasedAt: null },
    data: { releaseAt: new Date(Date.now() + RELEASE_REFUSED_RETRY_MS) },
  });
}

export const releaseEndpointJob = defineJob({
  name: "link-release",
  schema: linkJobSchema,
  options: (settings) => retriedQueue(settings),
  singletonKey: ({ linkId }) => linkId,
  concurrency: 4,
  handle: runRelease,
});
