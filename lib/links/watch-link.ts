import "server-only";
import type { Ctx } from "@/lib/context";
import { HOLDS_ENDPOINT } from "./state-machine";

/** How stale a link a person has open may get: its endpoint is described again within this. */
export const WATCHED_CHECK_MS = 20_000;

/**
 * A settled link is reconciled rarely (pollDelayMs); one a person is looking at is checked within
 * WATCHED_CHECK_MS, so a connection revoked in the customer's account shows on an open page within
 * a minute. Only the schedule moves (never the state), at most one write per link per interval,
 * and only for people (a partner polling with a key keeps the usual pace, within EC2's budget).
 */
export async function watchLink(ctx: Ctx, linkId: string): Promise<void> {
  if (ctx.actor.type !== "user") return;
  const soon = new Date(Date.now() + WATCHED_CHECK_MS);
  await ctx.engine.db.link.updateMany({ where: { id: linkId, state: { in: [...HOLDS_ENDPOINT] }, nextCheckAt: { gt: soon } }, data: { nextCheckAt: soon } });
}
