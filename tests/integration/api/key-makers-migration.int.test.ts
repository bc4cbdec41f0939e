import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { createDatabaseBefore } from "../fixtures/database";

const MIGRATION = "20261207052735_api_key_makers";

describe(`migration ${MIGRATION}`, () => {
  it("gives existing keys their maker from the audit log, revokes those whose maker is gone, and leaves the rest without one", async () => {
    const { url, later } = await createDatabaseBefore(MIGRATION);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const one = async (sql: string, values: unknown[] = []) => (await client.query<{ id: string }>(sql, values)).rows[0]!.id;
      const org = await one(`INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), 'a', 'A', now()) RETURNING id`);
      const user = await one(`INSERT INTO "User" (id, email, "updatedAt") VALUES (gen_random_uuid(), 'owner@example.com', now()) RETURNING id`);
      const key = (prefix: string, createdById: string | null) =>
        one(
          `INSERT INTO "ApiKey" (id, "organizationId", name, prefix, "secretHash", scopes, "createdById") VALUES (gen_random_uuid(), $1, 'k', $2, 'x', '{read}', $3) RETURNING id`,
          [org, prefix, createdById],
        );
      const audited = async (keyId: string, actorId: string) =>
        client.query(
          `INSERT INTO "AuditLog" (id, "organizationId", "actorType", "actorId", action, "targetType", "targetId") VALUES (gen_random_uuid(), $1, 'user', $2, 'api_key.create', 'api_key', $3)`,
          [org, actorId, keyId],
        );
      const known = await key("known000", user);
      const fromAudit = await key("audited0", null);
      await audited(fromAudit, user);
      const goneMaker = await key("gone0000", "00000000-0000-4000-8000-000000000001");
      const goneInAudit = await key("goneaud0", null);
      await audited(goneInAudit, "00000000-0000-4000-8000-000000000002");
      const unknown = await key("unknown0", null);

      expect((await migrate(url)).applied).toEqual(later);
      const rows = await client.query<{ id: string; createdById: string | null; revokedAt: Date | null }>(
        `SELECT id, "createdById", "revokedAt" FROM "ApiKey"`,
      );
      const byId = Object.fromEntries(rows.rows.map((r) => [r.id, { createdById: r.createdById, isRevoked: r.revokedAt !== null }]));
      expect(byId[known]).toEqual({ createdById: user, isRevoked: false });
      expect(byId[fromAudit]).toEqual({ createdById: user, isRevoked: false });
      expect(byId[goneMaker]).toEqual({ createdById: null, isRevoked: true });
      expect(byId[goneInAudit]).toEqual({ createdById: null, isRevoked: true });
      expect(byId[unknown]).toEqual({ createdById: null, isRevoked: false });
      await client.query(`DELETE FROM "User" WHERE id = $1`, [user]);
      expect((await client.query(`SELECT id FROM "ApiKey" WHERE id IN ($1, $2)`, [known, fromAudit])).rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });
});
