import type { Db } from "./client";

// In PostgreSQL, so every worker shares a bucket; the row lock serialises its takers, and it refills for the time since it was
// last touched.
export type Budget = { burst: number; refillPerSecond: number };

export type Take = { ok: true } | { ok: false; waitMs: number };

/** Neither takes a token nor waits for another taker's lock: a hint, the take decides. */
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
