import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Ctx } from "@/lib/context";
import { appUrl, getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { NOTIFICATION_KIND_INFO, NOTIFICATION_KINDS, unsubscribedSchema, type NotificationKind, type Unsubscribed } from "./kinds";
import { setPreference } from "./preferences";

// One-click unsubscribe (RFC 8058): each notification names a URL that turns its kind off for its person, with no sign-in. The
// token is `<user id>.<kind index>.<HMAC-SHA256 under AUTH_SECRET of both>`: only we can make one, it does one harmless thing,
// and it keeps working in an old message (turning a kind back on is in Settings). The same signature never serves another
// purpose: the MAC covers a label of its own.

const LABEL = "privatelink-portal unsubscribe v1";
const UNAVAILABLE = "This unsubscribe link is not valid. Choose which notifications you get in Settings.";

function secret(): string {
  const value = getEnv().AUTH_SECRET;
  if (!value) throw new AppError("conflict", "AUTH_SECRET is not set, so unsubscribe links cannot be made or checked.");
  return value;
}

function mac(userId: string, kind: NotificationKind, key: string): Buffer {
  return createHmac("sha256", key).update(`${LABEL}\n${userId}\n${kind}`).digest();
}

export function unsubscribeToken(userId: string, kind: NotificationKind, key: string = secret()): string {
  return `${userId}.${NOTIFICATION_KINDS.indexOf(kind)}.${mac(userId, kind, key).toString("base64url")}`;
}

/** Who and what a token unsubscribes, or null when we did not make it. */
export function readUnsubscribeToken(token: string, key: string = secret()): { userId: string; kind: NotificationKind } | null {
  const [userId, index, signature, ...rest] = token.split(".");
  const kind = NOTIFICATION_KINDS[Number(index)];
  if (rest.length > 0 || !userId || !kind || !signature || !/^\d$/.test(index ?? "") || !/^[0-9a-f-]{36}$/.test(userId)) return null;
  const expected = mac(userId, kind, key);
  const given = Buffer.from(signature, "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected) ? { userId, kind } : null;
}

/** The one-click URL (the List-Unsubscribe header: POST) and the page a person opens from the message (GET, a button). */
export function unsubscribeUrls(userId: string, kind: NotificationKind, base: string = appUrl()) {
  const token = unsubscribeToken(userId, kind);
  return { oneClick: `${base}/api/v1/unsubscribe/${token}`, page: `${base}/unsubscribe/${token}` };
}

export async function unsubscribe({ ctx, input: { token } }: { ctx: Pick<Ctx, "engine">; input: { token: string } }): Promise<Unsubscribed> {
  const target = readUnsubscribeToken(token);
  if (!target) throw new AppError("not_found", UNAVAILABLE);
  const user = await ctx.engine.db.user.findUnique({ where: { id: target.userId }, select: { id: true } });
  if (!user) throw new AppError("not_found", UNAVAILABLE);
  await setPreference(ctx.engine.db, user.id, target.kind, false);
  return unsubscribedSchema.parse({ kind: target.kind, label: NOTIFICATION_KIND_INFO[target.kind].label, isEnabled: false });
}
