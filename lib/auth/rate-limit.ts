import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

// In PostgreSQL, so every replica sees the same counts. Counting and reading are one statement: concurrent requests each get
// their own count back, so a limit of n admits exactly n of them however many arrive at once.

export type Window = { key: string; count: number; resetAt: Date };

// Keys are locked in sorted order, so concurrent calls cannot deadlock. synchronous_commit is off for this transaction only: a
// crash may forget the last few hits, which a limit can afford, and hot rows are not held locked for a disk flush each.
export async function hitAll(db: Db, keys: string[], windowMs: number): Promise<Window[]> {
  return db.$queryRaw<Window[]>`
    WITH durability AS (SELECT set_config('synchronous_commit', 'off', true))
    INSERT INTO "RateLimit" ("key", "count", "resetAt")
    SELECT k, 1, now() + make_interval(secs => ${windowMs / 1000}) FROM durability, unnest(${[...keys].sort()}::text[]) AS k
    ON CONFLICT ("key") DO UPDATE SET
      "count"   = CASE WHEN "RateLimit"."resetAt" <= now() THEN 1 ELSE "RateLimit"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimit"."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE "RateLimit"."resetAt" END
    RETURNING "key", "count", "resetAt"`;
}

export async function unhit(db: Db, key: string): Promise<void> {
  await db.$executeRaw`UPDATE "RateLimit" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ${key}`;
}

export async function clear(db: Db, key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}

/** The 429 for a window past its limit: "<what>. Try again in n minutes." with Retry-After. */
export function tooMany(what: string, resetAt: Date): AppError {
  const seconds = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError("too_many_requests", `${what}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, { retryAfter: seconds });
}

/**
 * Counts a hit on each key in turn and throws `tooMany(what)` at the first past its limit: a request refused for one key (its
 * client, say) is not counted against the next (the address it named, everyone's).
 */
export async function admitInTurn(db: Db, steps: [key: string, limit: number][], windowMs: number, what: string): Promise<void> {
  for (const [key, limit] of steps) {
    const [window] = await hitAll(db, [key], windowMs);
    if (window && window.count > limit) throw tooMany(what, window.resetAt);
  }
}
