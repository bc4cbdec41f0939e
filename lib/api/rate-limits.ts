import "server-only";
import type { MfaGap } from "@/lib/auth/mfa/gate";
import { hitAll, type Window } from "@/lib/auth/rate-limit";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { JsonRow } from "@/lib/db/scoped-read";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { callerKey, identityOfKey, LAST_USED_RESOLUTION_MS, parseBearer, sessionIdentity, type ApiKeyRow, type Identity } from "./authenticate";
import { tokenHash } from "@/lib/token-hash";

// In PostgreSQL (lib/auth/rate-limit.ts's table) so every web replica counts together. synchronous_commit is off for the
// counting transaction only: every API request passes here, and a synchronous commit would hold the hot counter rows locked
// for a disk flush each. A crash may forget the last few increments, which a rate limit can afford.
export const API_RATE_WINDOW_MS = 60_000;

export type RateState = { limit: number; remaining: number; resetSeconds: number };

export async function takeRequest(db: Db, identity: Identity): Promise<RateState> {
  const limits = limitsOf(identity);
  return rateStateOf(limits, await hitAll(db, [...limits.keys()], API_RATE_WINDOW_MS));
}

export type AdmittedRead = (organizationId: Prisma.Sql) => Prisma.Sql;

export type Admission = {
  identity: Identity;
  /** A session that must set up a second factor before acting (access.ts); never set for an API key. */
  mfaGap?: MfaGap | null;
  rate: RateState | RateLimitedError;
  /** Set when the read ran in admission's statement, scoped to the key's organization. */
  read?: { organizationId: string; rows: JsonRow[] };
};

// For an API key, one statement: the key by its prefix with its maker's current role (an admin key's maker must still be a vendor
// admin, an organization key's still a member there; a key no maker is recorded for acts as a plain member) and, only when the
// secret's hash matches an unrevoked key whose maker still holds a role, both counters, lastUsedAt (at most once a minute) and
// `read`; identityOfKey checks the secret again in constant time. The caller uses the read's rows only after the key's
// identity, scope and rate checks pass.
export async function admit(db: Db, request: Request, read?: AdmittedRead): Promise<Admission> {
  const authorization = request.headers.get("authorization");
  if (authorization === null) {
    const { mfaGap, ...identity } = await sessionIdentity(db, request);
    return { identity, mfaGap, rate: await takeRequest(db, identity).catch(asRateLimited) };
  }
  const { prefix, secret } = parseBearer(authorization);
  const [row] = await db.$queryRaw<
    {
      key: (Omit<ApiKeyRow, "revokedAt"> & { revokedAt: string | null }) | null;
      counters: { key: string; count: number; resetAt: string }[];
      rows: JsonRow[] | null;
    }[]
  >`
    WITH durability AS (SELECT set_config('synchronous_commit', 'off', true)),
    found AS (
      SELECT k."id", k."organizationId", k."secretHash", k."scopes", k."revokedAt",
        CASE
          WHEN k."organizationId" IS NULL THEN CASE WHEN k."isAdmin" AND u."role" = 'admin' THEN 'admin' END
          WHEN k."createdById" IS NULL THEN 'member'
          ELSE m."role"::text
        END AS "role"
      FROM "ApiKey" k
      LEFT JOIN "User" u ON u."id" = k."createdById"
      LEFT JOIN "Membership" m ON m."organizationId" = k."organizationId" AND m."userId" = k."createdById"
      WHERE k."prefix" = ${prefix}),
    valid AS (SELECT "id", "organizationId" FROM found WHERE "secretHash" = ${tokenHash(secret)} AND "revokedAt" IS NULL AND "role" IS NOT NULL),
    counters AS (
      INSERT INTO "RateLimit" ("key", "count", "resetAt")
      SELECT c."key", 1, now() + make_interval(secs => ${API_RATE_WINDOW_MS / 1000})
      FROM durability, valid, LATERAL (VALUES (1, 'api:key:' || valid."id"::text), (2, 'api:org:' || valid."organizationId"::text)) AS c("n", "key")
      WHERE c."key" IS NOT NULL
      ORDER BY c."n"
      ON CONFLICT ("key") DO UPDATE SET
        "count"   = CASE WHEN "RateLimit"."resetAt" <= now() THEN 1 ELSE "RateLimit"."count" + 1 END,
        "resetAt" = CASE WHEN "RateLimit"."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE "RateLimit"."resetAt" END
      RETURNING "key", "count", "resetAt"),
    touched AS (
      UPDATE "ApiKey" SET "lastUsedAt" = now() FROM valid
      WHERE "ApiKey"."id" = valid."id" AND ("ApiKey"."lastUsedAt" IS NULL OR "ApiKey"."lastUsedAt" < now() - make_interval(secs => ${LAST_USED_RESOLUTION_MS / 1000}))
      RETURNING 1)
    SELECT (SELECT row_to_json(found) FROM found) AS "key",
           (SELECT coalesce(json_agg(counters), '[]'::json) FROM counters) AS "counters",
           (SELECT count(*) FROM touched) AS "touched",
           ${read ? read(Prisma.sql`(SELECT "organizationId" FROM valid)`) : Prisma.sql`NULL`} AS "rows"`;
  const key = row?.key ? { ...row.key, revokedAt: row.key.revokedAt ? new Date(row.key.revokedAt) : null } : null;
  const identity = identityOfKey(key, secret);
  const windows = (row?.counters ?? []).map((c) => ({ key: c.key, count: c.count, resetAt: new Date(c.resetAt) }));
  const rows = row?.rows;
  const admitted = identity.organizationId !== null && rows ? { identity, read: { organizationId: identity.organizationId, rows } } : { identity };
  try {
    return { ...admitted, rate: rateStateOf(limitsOf(identity), windows) };
  } catch (error) {
    return { ...admitted, rate: asRateLimited(error) };
  }
}

function asRateLimited(error: unknown): RateLimitedError {
  if (error instanceof RateLimitedError) return error;
  throw error;
}

function limitsOf(identity: Identity): Map<string, number> {
  const env = getEnv();
  const limits = new Map([[`api:${callerKey(identity)}`, env.API_RATE_LIMIT_PER_MINUTE]]);
  if (identity.organizationId) limits.set(`api:org:${identity.organizationId}`, env.API_RATE_LIMIT_ORG_PER_MINUTE);
  return limits;
}

function rateStateOf(limits: Map<string, number>, windows: Window[]): RateState {
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
  if (states.length !== limits.size) throw new Error(`rate limit counters missing: expected ${[...limits.keys()].join(", ")}`);
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
