import "server-only";
import { recordAudit } from "@/lib/audit";
import { requireVendorAdmin, type VerbArgs } from "@/lib/context";
import { enqueue } from "@/lib/jobs/queue";
import { findLinkFor } from "./persist";
import { reconcileLinksJob } from "./reconcile-links";
import { mayHaveEndpoint } from "./state-machine";
import { toLinkView, type LinkView } from "./views";
import { AppError } from "@/lib/errors";

/**
 * A vendor admin asks for a link's endpoint to be described now rather than at its next check
 * (a settled link is looked at every few minutes): the link is made due and a reconcile pass queued.
 */
export async function reconcileLinkNow({ ctx, input }: VerbArgs<{ linkId: string }>): Promise<LinkView> {
  requireVendorAdmin(ctx);
  const due = await ctx.engine.db.$transaction(async (tx) => {
    const link = await findLinkFor(tx, ctx, input.linkId);
    if (!mayHaveEndpoint(link.state)) throw new AppError("conflict", `The link is ${link.state}: it holds no endpoint to look at.`);
    const updated = await tx.link.update({ where: { id: link.id }, data: { nextCheckAt: new Date() } });
    await recordAudit(tx, ctx, { organizationId: link.organizationId, action: "link.reconcile", target: { type: "link", id: link.id } });
    await enqueue(tx, reconcileLinksJob, {}, { ctx });
    return updated;
  });
  return toLinkView(due, ctx);
}
