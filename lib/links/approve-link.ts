import "server-only";
import { recordAudit } from "@/lib/audit";
import { requireVendorAdmin, type VerbArgs } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { enqueue, QUEUES } from "@/lib/jobs/queue";
import { conflict, findLinkFor, moveLink } from "./persist";
import { PLANS_WITH_PRIVATE_LINKS } from "./register-link";
import { toLinkView, type LinkView } from "./views";

/** A vendor admin approves a verified link: provisioning starts. Plan gating is checked again. */
export async function approveLink({ ctx, input }: VerbArgs<{ linkId: string }>): Promise<LinkView> {
  requireVendorAdmin(ctx);
  const moved = await ctx.engine.db.$transaction(async (tx) => {
    const link = await findLinkFor(tx, ctx, input.linkId);
    if (link.state !== "pending_approval") throw conflict(link, "approved");
    const org = await tx.organization.findUniqueOrThrow({ where: { id: link.organizationId } });
    if (!(PLANS_WITH_PRIVATE_LINKS as readonly string[]).includes(org.plan)) {
      throw new AppError("plan_not_eligible", `${org.name} is on the ${org.plan} plan, which does not include private connectivity.`);
    }
    const moved = await moveLink(tx, link, { to: "provisioning", reason: "approved by a vendor admin", actor: ctx.actor });
    await recordAudit(tx, ctx, { organizationId: link.organizationId, action: "link.approve", target: { type: "link", id: link.id } });
    await enqueue(tx, QUEUES.provision, { linkId: link.id }, { singletonKey: link.id });
    return moved;
  });
  return toLinkView(moved);
}
