import "server-only";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { enqueue, QUEUES } from "@/lib/jobs/queue";
import { requireAdmin, type Ctx } from "./context";
import type { Engine } from "./engine";
import { conflict, findLinkFor, moveLink } from "./persist";
import { PLANS_WITH_PRIVATE_LINKS } from "./register-link";

/** A vendor admin approves a verified link: provisioning starts. Plan gating is checked again. */
export async function approveLink({ engine, ctx, linkId }: { engine: Pick<Engine, "db">; ctx: Ctx; linkId: string }) {
  requireAdmin(ctx);
  return engine.db.$transaction(async (tx) => {
    const link = await findLinkFor(tx, ctx, linkId);
    if (link.state !== "pending_approval") throw conflict(link, "approved");
    const org = await tx.organization.findUniqueOrThrow({ where: { id: link.organizationId } });
    if (!(PLANS_WITH_PRIVATE_LINKS as readonly string[]).includes(org.plan)) {
      throw new AppError("plan_not_eligible", `${org.name} is on the ${org.plan} plan, which does not include private connectivity.`);
    }
    const moved = await moveLink(tx, link, { to: "provisioning", reason: "approved by a vendor admin", actor: ctx.actor });
    await recordAudit(tx, ctx, { organizationId: link.organizationId, action: "link.approve", target: { type: "link", id: linkId } });
    await enqueue(tx, QUEUES.provision, { linkId }, { singletonKey: linkId });
    return moved;
  });
}
