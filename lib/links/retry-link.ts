import "server-only";
import { recordAudit } from "@/lib/audit";
import { requireVendorAdmin, type VerbArgs } from "@/lib/context";
import { enqueue, QUEUES } from "@/lib/jobs/queue";
import { conflict, findLinkFor, moveLink } from "./persist";
import { toLinkView, type LinkView } from "./views";

/** A vendor admin retries a failed link (after fixing the cause): provisioning again. */
export async function retryLink({ ctx, input }: VerbArgs<{ linkId: string }>): Promise<LinkView> {
  requireVendorAdmin(ctx);
  const moved = await ctx.engine.db.$transaction(async (tx) => {
    const link = await findLinkFor(tx, ctx, input.linkId);
    if (link.state !== "failed") throw conflict(link, "retried");
    const moved = await moveLink(tx, link, { to: "provisioning", reason: "retry requested by a vendor admin", actor: ctx.actor, data: { lastError: null, lastErrorCode: null } });
    await recordAudit(tx, ctx, { organizationId: link.organizationId, action: "link.retry", target: { type: "link", id: link.id } });
    await enqueue(tx, QUEUES.provision, { linkId: link.id }, { singletonKey: link.id });
    return moved;
  });
  return toLinkView(moved);
}
