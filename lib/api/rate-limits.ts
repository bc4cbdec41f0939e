import "server-only";
import type { Window } from "@/lib/auth/rate-limit";
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Principal } from "./principal";

/**
 * Fixed one-minute windows in PostgreSQL, in lib/auth/rate-limit.ts's RateLimit table and with its
 * semantics, so every web replica counts together: one counter per API key (or signed-in user)
 * and one per organization. The tighter of the two is reported in the RateLimit-* headers.
 *
 * Both counters move in one statement that commits without waiting for the WAL flush
 * (synchronous_commit off for that transaction only): every API request passes here, and a
 * synchronous commit would hold the hot counter rows locked for a disk flush each. A crash may
 * forget the last few increments, which a rate limit can afford.
 */
export const API_RATE_WINDOW_MS = 60_000;

export type RateState = { limit: number; remaining: number; resetSeconds: number };

export async function takeRequest(db: Db, principal: Principal): Promise<RateState> {
  const env = getEnv();
  const limits = new Map([[`api:${principal.id}`, env.API_RATE_LIMIT_PER_MINUTE]]);
  if (principal.ctx.organizationId) limits.set(`api:org:${principal.ctx.organizationId}`, env.API_RATE_LIMIT_ORG_PER_MINUTE);
  const windows = await hitAll(db, [...limits.keys()].sort(), API_RATE_WINDOW_MS);
  const now = Date.now();
  const states = windows.map((window) => {
    const limit = limits.get(window.key)!;
    return {
      limit,
      remaining: Math.max(0, limit - window.count),
      resetSeconds: Math.max(1, Math.ceil((window.resetAt.getTime() - now) / 1000)),
      isOver: window.count > limit,
    };
  });
  const over = states.filter((s) => s.isOver).sort((a, b) => b.resetSeconds - a.resetSeconds);
  const tightest = over[0] ?? states.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  const state = { limit: tightest.limit, remaining: tightest.remaining, resetSeconds: tightest.resetSeconds };
  if (tightest.isOver) throw new RateLimitedError(state);
  return state;
}

/** lib/auth/rate-limit.ts's `hit` for several keys at once (keys sorted, so concurrent calls lock rows in one order). */
async function hitAll(db: Db, keys: string[], windowMs: number): Promise<(Window & { key: string })[]> {
  return db.$queryRaw<(Window & { key: string })[]>`
    WITH durability AS (SELECT set_config('synchronous_commit', 'off', true))
    INSERT INTO "RateLimit" ("key", "count", "resetAt")
    SELECT k, 1, now() + make_interval(secs => ${windowMs / 1000}) FROM durability, unnest(${keys}::text[]) AS k
    ON CONFLICT ("key") DO UPDATE SET
      "count"   = CASE WHEN "RateLimit"."resetAt" <= now() THEN 1 ELSE "RateLimit"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimit"."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE "RateLimit"."resetAt" END
    RETURNING "key", "count", "resetAt"`;
}

export class RateLimitedError extends AppError {
  constructor(readonly state: RateState) {
    super("too_many_requests", `Rate limit of ${state.limit} requests a minute reached; retry in ${state.resetSeconds} s.`, { retryAfter: state.resetSeconds });
  }
}

export function setRateHeaders(headers: Headers, state: RateState): void {
  headers.set("ratelimit-limit", String(state.limit));
  headers.set("ratelimit-remaining", String(state.remaining));
  headers.set("ratelimit-reset", String(state.resetSeconds));
}
