import "server-only";
import { hit, type Window } from "@/lib/auth/rate-limit";
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Principal } from "./principal";

/**
 * Fixed one-minute windows in PostgreSQL (lib/auth/rate-limit.ts), so every web replica counts
 * together: one counter per API key (or signed-in user) and one per organization. The tighter
 * of the two is reported in the RateLimit-* headers.
 */
export const API_RATE_WINDOW_MS = 60_000;

export type RateState = { limit: number; remaining: number; resetSeconds: number };

export async function takeRequest(db: Db, principal: Principal): Promise<RateState> {
  const env = getEnv();
  const checks: Promise<[Window, number]>[] = [hit(db, `api:${principal.id}`, API_RATE_WINDOW_MS).then((w) => [w, env.API_RATE_LIMIT_PER_MINUTE])];
  const organizationId = principal.ctx.organizationId;
  if (organizationId) checks.push(hit(db, `api:org:${organizationId}`, API_RATE_WINDOW_MS).then((w) => [w, env.API_RATE_LIMIT_ORG_PER_MINUTE]));
  const now = Date.now();
  const states = (await Promise.all(checks)).map(([window, limit]) => ({
    limit,
    remaining: Math.max(0, limit - window.count),
    resetSeconds: Math.max(1, Math.ceil((window.resetAt.getTime() - now) / 1000)),
    isOver: window.count > limit,
  }));
  const over = states.filter((s) => s.isOver).sort((a, b) => b.resetSeconds - a.resetSeconds);
  const tightest = over[0] ?? states.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  const state = { limit: tightest.limit, remaining: tightest.remaining, resetSeconds: tightest.resetSeconds };
  if (tightest.isOver) throw new RateLimitedError(state);
  return state;
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
