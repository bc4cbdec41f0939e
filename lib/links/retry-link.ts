import "server-only";
import { recordAudit } from "@/lib/audit";
import { enqueue, QUEUES } from "@/lib/jobs/queue";
import { requireAdmin, type Ctx } from "./context";
import type { Engine } from "./engine";
import { conflict, findLinkFor, moveLink } from "./persist";

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
