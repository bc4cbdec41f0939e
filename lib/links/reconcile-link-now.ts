import "server-only";
import { recordAudit } from "@/lib/audit";
import type { VerbArgs } from "@/lib/context";
import { enqueue } from "@/lib/jobs/queue";
import { authorizeAction, findLinkFor, requireActionAllowed } from "./persist";
import { reconcileLinksJob } from "./reconcile-links";
import { toLinkView, type LinkView } from "./views";

/** Now rather than at the next check, which for a settled link is a while away. */
export async function reconcileLinkNow({ ctx, input }: VerbArgs<{ linkId: string }>): Promise<LinkView> {
  authorizeAction(ctx, "reconcile");
  const due = await ctx.engine.db.$transaction(async (tx) => {
    const link = await findLinkFor(tx, ctx, input.linkId);
    requireActionAllowed(link, "reconcile");
    const updated = await tx.link.update({ where: { id: link.id }, data: { nextCheckAt: new Date() } });
    await recordAudit(tx, ctx, { organizationId: link.organizationId, action: "link.reconcile", target: { type: "link", id: link.id } });
    await enqueue(tx, reconcileLinksJob, {}, { ctx });
    return updated;
  });
  return toLinkView(due, ctx);
}
