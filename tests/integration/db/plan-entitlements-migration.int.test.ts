import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { createDatabaseBefore } from "../fixtures/database";

const PLANS_MIGRATION = "20261208100000_plan_entitlements";

describe(`migration ${PLANS_MIGRATION}`, () => {
  it("turns the plan enum into keys of the Plan table with today's entitlements; an organization keeps its effective quota", async () => {
    const { url, later } = await createDatabaseBefore(PLANS_MIGRATION);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const org = async (slug: string, plan: string, linkQuota: number) =>
        (
          await client.query<{ id: string }>(
            `INSERT INTO "Organization" (id, slug, name, plan, "linkQuota", "updatedAt") VALUES (gen_random_uuid(), $1, $1, $2::"Plan", $3, now()) RETURNING id`,
            [slug, plan, linkQuota],
          )
        ).rows[0]!.id;
      const usual = await org("usual", "team", 10);
      const bigger = await org("bigger", "enterprise", 25);
      const smaller = await org("smaller", "free", 2);
      await client.query(`INSERT INTO "UpgradeRequest" (id, "organizationId", "currentPlan", "requestedPlan") VALUES (gen_random_uuid(), $1, 'free', 'team')`, [
        smaller,
      ]);

      expect((await migrate(url)).applied).toEqual(later);
      const plans = await client.query(
        `SELECT key, name, "privateLinks", "crossRegion", "resourceEndpoints", "linkQuota" FROM "Plan" ORDER BY "linkQuota", key`,
      );
      expect(plans.rows).toEqual([
        { key: "enterprise", name: "Enterprise", privateLinks: true, crossRegion: true, resourceEndpoints: true, linkQuota: 10 },
        { key: "free", name: "Free", privateLinks: false, crossRegion: false, resourceEndpoints: false, linkQuota: 10 },
        { key: "team", name: "Team", privateLinks: true, crossRegion: true, resourceEndpoints: false, linkQuota: 10 },
      ]);
      const quotas = Object.fromEntries(
        (await client.query<{ id: string; plan: string; linkQuota: number | null }>(`SELECT id, plan, "linkQuota" FROM "Organization"`)).rows.map((r) => [
          r.id,
          [r.plan, r.linkQuota],
        ]),
      );
      expect(quotas).toEqual({ [usual]: ["team", null], [bigger]: ["enterprise", 25], [smaller]: ["free", 2] });
      expect((await client.query(`SELECT "currentPlan", "requestedPlan" FROM "UpgradeRequest"`)).rows).toEqual([
        { currentPlan: "free", requestedPlan: "team" },
      ]);
      // Keys are the table's now: an organization on a plan that does not exist is refused.
      await expect(client.query(`UPDATE "Organization" SET plan = 'platinum' WHERE id = $1`, [usual])).rejects.toThrow(/Organization_plan_fkey/);
    } finally {
      await client.end();
    }
  });
});
