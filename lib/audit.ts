import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import type { Ctx } from "@/lib/context";

/** One audit row for a human or API action, written in the caller's transaction. */
export async function recordAudit(
  tx: Prisma.TransactionClient,
  ctx: Pick<Ctx, "actor" | "requestId">,
  entry: { organizationId: string | null; action: string; target: { type: string; id: string }; metadata?: Prisma.InputJsonValue },
): Promise<void> {
  await tx.auditLog.create({
    data: {
      organizationId: entry.organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id,
      metadata: entry.metadata ?? {},
      requestId: ctx.requestId,
    },
  });
}
