import type { Db } from "./client";

/**
 * Token buckets in PostgreSQL, shared by every worker. The row lock serialises takers of one
 * bucket; the bucket refills for the time elapsed since it was last touched. Used to keep AWS
 * calls within EC2's published budgets per account and region.
 */
export type Budget = { burst: number; refillPerSecond: number };

export type Take = { ok: true } | { ok: false; waitMs: number };

/** Whether a token is there now, without taking it or waiting for another taker's lock (a hint: the take decides). */
export async function peekToken(db: Db, key: string, budget: Budget): Promise<Take> {
  const [row] = await db.$queryRaw<{ tokens: number; elapsed: number }[]>`
    SELECT tokens, EXTRACT(EPOCH FROM (clock_timestamp() - "updatedAt"))::float8 AS elapsed FROM "AwsBudget" WHERE key = ${key}`;
  const tokens = row ? Math.min(budget.burst, row.tokens + Math.max(0, row.elapsed) * budget.refillPerSecond) : budget.burst;
  return tokens >= 1 ? { ok: true } : { ok: false, waitMs: Math.ceil(((1 - tokens) / budget.refillPerSecond) * 1000) };
}

export async function takeToken(db: Db, key: string, budget: Budget): Promise<Take> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "AwsBudget" (key, tokens, "updatedAt") VALUES (${key}, ${budget.burst}, clock_timestamp())
      ON CONFLICT (key) DO NOTHING`;
    const [row] = await tx.$queryRaw<{ tokens: number; elapsed: number }[]>`
      SELECT tokens, EXTRACT(EPOCH FROM (clock_timestamp() - "updatedAt"))::float8 AS elapsed
      FROM "AwsBudget" WHERE key = ${key} FOR UPDATE`;
    const tokens = Math.min(budget.burst, row!.tokens + Math.max(0, row!.elapsed) * budget.refillPerSecond);
    const ok = tokens >= 1;
    await tx.$executeRaw`UPDATE "AwsBudget" SET tokens = ${ok ? tokens - 1 : tokens}, "updatedAt" = clock_timestamp() WHERE key = ${key}`;
    return ok ? { ok: true } : { ok: false, waitMs: Math.ceil(((1 - tokens) / budget.refillPerSecond) * 1000) };
  });
}
