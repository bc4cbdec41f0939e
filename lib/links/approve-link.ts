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

/** A vendor admin denies a link, saying why; the customer sees the reason. */
export async function denyLink({ engine, ctx, linkId, reason }: { engine: Pick<Engine, "db">; ctx: Ctx; linkId: string; reason: string }) {
  requireAdmin(ctx);
  return engine.db.$transaction(async (tx) => {
    const link = await findLinkFor(tx, ctx, linkId);
    if (link.state !== "pending_approval") throw conflict(link, "denied");
    const moved = await moveLink(tx, link, { to: "denied", reason: `denied: ${reason}`, actor: ctx.actor, data: { lastError: reason, lastErrorCode: "denied" } });
    await recordAudit(tx, ctx, { organizationId: link.organizationId, action: "link.deny", target: { type: "link", id: linkId }, metadata: { reason } });
    return moved;
  });
}

/** A vendor admin retries a failed link (after fixing the cause): provisioning again. */
export async function retryLink({ engine, ctx, linkId }: { engine: Pick<Engine, "db">; ctx: Ctx; linkId: string }) {
  requireAdmin(ctx);
  return engine.db.$transaction(async (tx) => {
    const link = await findLinkFor(tx, ctx, linkId);
    if (link.state !== "failed") throw conflict(link, "retried");
    const moved = await moveLink(tx, link, { to: "provisioning", reason: "retry requested by a vendor admin", actor: ctx.actor, data: { lastError: null, lastErrorCode: null } });
    await recordAudit(tx, ctx, { organizationId: link.organizationId, action: "link.retry", target: { type: "link", id: linkId } });
    await enqueue(tx, QUEUES.provision, { linkId }, { singletonKey: linkId });
    return moved;
  });
}
