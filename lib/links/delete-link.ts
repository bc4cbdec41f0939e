import "server-only";
import { recordAudit } from "@/lib/audit";
import { deleteEndpoints, describeEndpoints } from "@/lib/aws/ec2";
import { AwsCallError, EC2_CONSISTENCY_MS, isPropagating } from "@/lib/aws/errors";
import { takeToken } from "@/lib/db/token-bucket";
import { defineJob, isRunAgain, retriedQueue, type RunAgain } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/queue";
import { SYSTEM_ACTOR, type Ctx, type VerbArgs } from "@/lib/context";
import { authorizeAction, findLinkFor, moveLink, StaleLinkError, takeAction } from "./persist";
import { taggedEndpoints } from "./aws";
import { loadLinkJob } from "./job-link";
import { linkJobSchema } from "./schemas";
import { isActionAllowed, mayHaveEndpoint } from "./state-machine";
import { toLinkView, type LinkView } from "./views";

export const DELETE_RECHECK_MS = 2_000;

// Idempotent: deleting a deleted or deleting link changes nothing, so a link moved meanwhile is simply read again.
export async function deleteLink(args: VerbArgs<{ linkId: string }>): Promise<LinkView> {
  for (let attempt = 1; ; attempt++) {
    try {
      return toLinkView(await deleteOnce(args), args.ctx);
    } catch (error) {
      if (!(error instanceof StaleLinkError) || attempt === 3) throw error;
    }
  }
}

async function deleteOnce({ ctx, input: { linkId } }: VerbArgs<{ linkId: string }>) {
  authorizeAction(ctx, "delete");
  return ctx.engine.db.$transaction(async (tx) => {
    const link = await findLinkFor(tx, ctx, linkId);
    if (!isActionAllowed("delete", link.state)) return link; // deleting or deleted already
    const moved = await takeAction(tx, link, "delete", { reason: "deletion requested", actor: ctx.actor });
    await recordAudit(tx, ctx, { organizationId: link.organizationId, action: "link.delete", target: { type: "link", id: link.id } });
    if (mayHaveEndpoint(link.state)) await enqueue(tx, deleteLinkJob, { linkId: link.id }, { ctx });
    return moved;
  });
}

/** The delete job: DeleteVpcEndpoints (within EC2's budget) until AWS shows the endpoint gone. */
export async function runDeletion({ ctx, input: { linkId } }: VerbArgs<{ linkId: string }>): Promise<RunAgain | void> {
  const job = await loadLinkJob(ctx, linkId, "deleting");
  if (!job) return;
  if (isRunAgain(job)) return job;
  const { link, ec2 } = job;
  const { engine } = ctx;
  const known = link.endpointId ? await describeEndpoints(ec2, { ids: [link.endpointId] }) : [];
  const live = [...known.filter((e) => e.state !== "deleted"), ...(await taggedEndpoints(ec2, link.id))];
  const ids = [...new Set(live.filter((e) => e.state !== "deleting").map((e) => e.endpointId))];
  if (live.length === 0) {
    // Not even shown as deleted: moments after it was recorded, EC2 may not show the endpoint yet; look again before
    // calling it gone, or it would be left running.
    if (link.endpointId && known.length === 0 && isPropagating(link.stateChangedAt, EC2_CONSISTENCY_MS)) return { retryAfterMs: DELETE_RECHECK_MS };
    await settle(ctx, link, "deleted", "the endpoint is gone");
    return;
  }
  if (ids.length > 0) {
    const token = await takeToken(engine.db, `ec2:delete-vpc-endpoints:${link.region}`, engine.budgets.delete);
    if (!token.ok) return { retryAfterMs: token.waitMs };
    try {
      const { unsuccessful } = await deleteEndpoints(ec2, ids);
      const refused = unsuccessful[0];
      if (refused) {
        await settle(ctx, link, "failed", `AWS refused to delete the endpoint (${refused.code})`, { code: refused.code, message: refused.message });
        return;
      }
    } catch (error) {
      if (error instanceof AwsCallError && !error.retryable) {
        await settle(ctx, link, "failed", "deleting the endpoint failed", { code: error.failure.code, message: error.failure.message });
        return;
      }
      throw error;
    }
  }
  return { retryAfterMs: DELETE_RECHECK_MS };
}

async function settle(ctx: Ctx, link: Parameters<typeof moveLink>[1], to: "deleted" | "failed", reason: string, error?: { code: string; message: string }) {
  if (error) ctx.log.warn({ linkId: link.id, awsCode: error.code, awsMessage: error.message }, "deleting the endpoint failed");
  try {
    await ctx.engine.db.$transaction((tx) =>
      moveLink(tx, link, { to, reason, actor: SYSTEM_ACTOR, data: error ? { lastError: error.message, lastErrorCode: error.code } : { dnsNames: {} } }),
    );
  } catch (caught) {
    if (!(caught instanceof StaleLinkError)) throw caught;
  }
}

export const deleteLinkJob = defineJob({
  name: "link-delete",
  schema: linkJobSchema,
  options: (settings) => retriedQueue(settings),
  singletonKey: ({ linkId }) => linkId,
  concurrency: 4,
  handle: runDeletion,
});
