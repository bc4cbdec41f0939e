import "server-only";
import { recordAudit } from "@/lib/audit";
import { requireAdmin, type Ctx } from "./context";
import type { Engine } from "./engine";
import { conflict, findLinkFor, moveLink } from "./persist";

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
