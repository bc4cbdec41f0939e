import "server-only";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { sessionOf } from "./account";
import { deviceOf } from "./device";
import { sessionListSchema, type SessionList } from "./reset-schemas";
import { liveSession } from "./sessions";

// The person's own live sessions (Settings), newest sign-in first, and ending one of them; the session the request came with is
// marked `current`, and ending it signs this browser out.

export async function listSessions({ ctx }: { ctx: Ctx }): Promise<SessionList> {
  const { userId, sessionId } = sessionOf(ctx);
  const rows = await ctx.engine.db.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, userAgent: true, clientAddress: true, createdAt: true, lastSeenAt: true },
  });
  return sessionListSchema.parse({
    data: rows.map((row) => ({
      id: row.id,
      device: deviceOf(row.userAgent),
      address: row.clientAddress,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
      current: row.id === sessionId,
    })),
  });
}

/** Another person's session, or one that already ended, is not found: the same answer, revealing nothing. */
export async function endOwnSession({ ctx, id }: { ctx: Ctx; id: string }): Promise<null> {
  const { userId, sessionId } = sessionOf(ctx);
  return ctx.engine.db.$transaction(async (tx) => {
    const ended = await tx.session.updateMany({ where: { ...liveSession(id), userId }, data: { revokedAt: new Date() } });
    if (ended.count === 0) throw new AppError("not_found", `No session ${id} of yours is signed in.`);
    await tx.auditLog.create({
      data: {
        actorType: "user",
        actorId: userId,
        action: "user.session_end",
        targetType: "session",
        targetId: id,
        metadata: { current: id === sessionId },
        requestId: ctx.requestId,
      },
    });
    return null;
  });
}
