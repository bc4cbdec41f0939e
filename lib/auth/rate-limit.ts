import type { Db } from "@/lib/db/client";

/**
 * Fixed-window counters in PostgreSQL, so every web replica sees the same counts. One atomic
 * upsert per hit: a window that has ended restarts at 1.
 */

export type Window = { count: number; resetAt: Date };

export async function hit(db: Db, key: string, windowMs: number): Promise<Window> {
  const rows = await db.$queryRaw<{ count: number; resetAt: Date }[]>`
    INSERT INTO "RateLimit" ("key", "count", "resetAt")
    VALUES (${key}, 1, now() + make_interval(secs => ${windowMs / 1000}))
    ON CONFLICT ("key") DO UPDATE SET
      "count"   = CASE WHEN "RateLimit"."resetAt" <= now() THEN 1 ELSE "RateLimit"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimit"."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE "RateLimit"."resetAt" END
    RETURNING "count", "resetAt"`;
  return rows[0]!;
}

/** The current window, or null when none is open. */
export async function peek(db: Db, key: string): Promise<Window | null> {
  const row = await db.rateLimit.findUnique({ where: { key } });
  return row && row.resetAt > new Date() ? { count: row.count, resetAt: row.resetAt } : null;
}

export async function clear(db: Db, key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}
