import "server-only";
import { recordAudit } from "@/lib/audit";
import type { VerbArgs } from "@/lib/context";
import { enqueue } from "@/lib/jobs/queue";
import { entitlementsFor, requireEntitlement } from "@/lib/plans/entitlements";
import { authorizeAction, findLinkFor, takeAction } from "./persist";
import { provisionLinkJob } from "./provision-link";
import { toLinkView, type LinkView } from "./views";

/** The example verb (docs/ARCHITECTURE.md). */
export async function approveLink({ ctx, input }: VerbArgs<{ linkId: string }>): Promise<LinkView> {
  authorizeAction(ctx, "approve");
  const approved = await ctx.engine.db.$transaction(async (tx) => {
    const link = await findLinkFor(tx, ctx, input.linkId);
    const org = await tx.organization.findUniqueOrThrow({ where: { id: link.organizationId }, include: { entitlements: true } });
    // The plan, or what it includes, may have changed since registration.
    for (const entitlement of entitlementsFor(link)) await requireEntitlement(tx, org.entitlements, entitlement, org.name);
    const moved = await takeAction(tx, link, "approve", { reason: "approved by a vendor admin", actor: ctx.actor });
    await recordAudit(tx, ctx, { organizationId: link.organizationId, action: "link.approve", target: { type: "link", id: link.id } });
    await enqueue(tx, provisionLinkJob, { linkId: link.id }, { ctx });
    return moved;
  });
  return toLinkView(approved, ctx);
}
