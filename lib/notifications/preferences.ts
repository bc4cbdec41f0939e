import "server-only";
import type { VerbArgs } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import {
  NOTIFICATION_KINDS,
  notificationPreferencesSchema,
  type NotificationKind,
  type NotificationPreferences,
  type UpdateNotificationPreferencesInput,
} from "./kinds";

// A person's own choices (GET/PUT /api/v1/me/notifications, Settings), and who of a list wants a kind. No row: on.

function personOf(ctx: VerbArgs<unknown>["ctx"]): string {
  if (ctx.actor.type !== "user") throw new AppError("forbidden", "Notification choices are a person's own: sign in to the portal to change them.");
  return ctx.actor.id;
}

export async function getNotificationPreferences({ ctx }: VerbArgs<unknown>): Promise<NotificationPreferences> {
  return preferencesOf(ctx.engine.db, personOf(ctx));
}

export async function updateNotificationPreferences({ ctx, input }: VerbArgs<UpdateNotificationPreferencesInput>): Promise<NotificationPreferences> {
  const userId = personOf(ctx);
  await ctx.engine.db.$transaction(async (tx) => {
    for (const kind of NOTIFICATION_KINDS) {
      const isEnabled = input[kind];
      if (isEnabled !== undefined) await setPreference(tx, userId, kind, isEnabled);
    }
  });
  return preferencesOf(ctx.engine.db, userId);
}

async function preferencesOf(db: Db, userId: string): Promise<NotificationPreferences> {
  const rows = await db.notificationPreference.findMany({ where: { userId }, select: { kind: true, isEnabled: true } });
  const off = new Set(rows.filter((row) => !row.isEnabled).map((row) => row.kind));
  return notificationPreferencesSchema.parse(Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, !off.has(kind)])));
}

export async function setPreference(db: Db | Prisma.TransactionClient, userId: string, kind: NotificationKind, isEnabled: boolean): Promise<void> {
  await db.notificationPreference.upsert({
    where: { userId_kind: { userId, kind } },
    create: { userId, kind, isEnabled },
    update: { isEnabled },
  });
}

/** Of these people, those who get `kind`. */
export async function wantingIt(db: Prisma.TransactionClient, userIds: string[], kind: NotificationKind): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const off = await db.notificationPreference.findMany({ where: { userId: { in: userIds }, kind, isEnabled: false }, select: { userId: true } });
  const refused = new Set(off.map((row) => row.userId));
  return new Set(userIds.filter((id) => !refused.has(id)));
}
