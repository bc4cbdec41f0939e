import pg from "pg";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { registerLink } from "@/lib/links/register-link";
import type { Ctx } from "@/lib/context";
import { createOrganization, withLinkEngine } from "../fixtures/app";
import { appDatabaseUrl } from "../fixtures/database";

const { engine } = withLinkEngine();

const serviceName = () => `com.amazonaws.vpce.us-east-1.vpce-svc-${randomBytes(9).toString("hex").slice(0, 17)}`;

function registerMany(ctx: Ctx, count: number) {
  return Array.from({ length: count }, (_, i) =>
    registerLink({ ctx, input: { name: `burst-${i}`, serviceName: serviceName(), region: "us-east-1" } }).then(
      () => "ok" as const,
      (error: { code?: string }) => error.code ?? String(error),
    ),
  );
}

/** Backends of this database waiting on a lock (the organizations' advisory locks are the only ones a registration takes). */
async function waitingOnLocks(): Promise<number> {
  const [row] = await engine().db.$queryRaw<[{ n: number }]>`
    SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  return row.n;
}

describe("a burst of registrations", () => {
  it("all succeed while one organization's lock is held elsewhere, and every quota holds exactly", async () => {
    const roomy = await Promise.all(Array.from({ length: 4 }, () => createOrganization({ linkQuota: 30 })));
    const tight = await createOrganization({ linkQuota: 10 });

    // Another process (here: a plain connection) holds the tight organization's lock. Its
    // registrations must wait for it without taking the pool's connections from everyone else.
    const other = new pg.Client({ connectionString: appDatabaseUrl() });
    await other.connect();
    try {
      await other.query("SELECT pg_advisory_lock(hashtext($1))", [`links:${tight.org.id}`]);
      const tightResults = Promise.all(registerMany(tight.ctx, 20));
      const roomyResults = await Promise.all(roomy.flatMap(({ ctx }) => registerMany(ctx, 30)));
      expect(roomyResults.filter((r) => r !== "ok")).toEqual([]);
      expect(roomyResults).toHaveLength(120);
      // One of the tight organization's registrations waits on the lock with a connection; the rest wait in memory.
      while ((await waitingOnLocks()) === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await waitingOnLocks()).toBe(1);

      await other.query("SELECT pg_advisory_unlock(hashtext($1))", [`links:${tight.org.id}`]);
      const results = await tightResults;
      expect(results.filter((r) => r === "ok")).toHaveLength(10);
      expect(results.filter((r) => r !== "ok")).toEqual(Array(10).fill("quota_exceeded"));
    } finally {
      await other.end();
    }

    for (const { org } of roomy) expect(await engine().db.link.count({ where: { organizationId: org.id } })).toBe(30);
    expect(await engine().db.link.count({ where: { organizationId: tight.org.id } })).toBe(10);
  });
});
