import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { createDatabaseBefore } from "../fixtures/database";

const NAMES_MIGRATION = "20261127220000_link_name_per_organization";

describe(`migration ${NAMES_MIGRATION}`, () => {
  it("renames live links that share a name within an organization, keeps the oldest's, then refuses new duplicates", async () => {
    const { url, later } = await createDatabaseBefore(NAMES_MIGRATION);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows: orgs } = await client.query<{ id: string }>(
        `INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), 'a', 'A', now()), (gen_random_uuid(), 'b', 'B', now()) RETURNING id`,
      );
      const [a, b] = orgs.map((o) => o.id);
      const link = (org: string, name: string, state: string, minutesAgo: number, n: number) =>
        client.query<{ id: string }>(
          `INSERT INTO "Link" (id, "organizationId", name, "serviceName", "serviceRegion", region, ports, state, "createdAt", "updatedAt", "stateChangedAt")
           VALUES (gen_random_uuid(), $1, $2, $3, 'us-east-1', 'us-east-1', '{443}', $4::"LinkState", now() - make_interval(mins => $5), now(), now()) RETURNING id`,
          [org, name, `com.amazonaws.vpce.us-east-1.vpce-svc-${n.toString(16).padStart(17, "0")}`, state, minutesAgo],
        );
      const oldest = (await link(a!, "orders", "verifying", 30, 1)).rows[0]!.id;
      const younger = (await link(a!, "ORDERS", "verification_failed", 20, 2)).rows[0]!.id;
      const deleted = (await link(a!, "orders", "deleted", 40, 3)).rows[0]!.id;
      const otherOrg = (await link(b!, "orders", "verifying", 10, 4)).rows[0]!.id;

      expect((await migrate(url)).applied).toEqual(later);
      const names = Object.fromEntries((await client.query<{ id: string; name: string }>(`SELECT id, name FROM "Link"`)).rows.map((r) => [r.id, r.name]));
      expect(names[oldest]).toBe("orders");
      expect(names[younger]).toBe(`ORDERS (${younger.slice(0, 8)})`);
      expect(names[deleted]).toBe("orders");
      expect(names[otherOrg]).toBe("orders");
      await expect(link(a!, "Orders", "verifying", 0, 5)).rejects.toThrow(/Link_name_one_per_organization/);
    } finally {
      await client.end();
    }
  });
});
