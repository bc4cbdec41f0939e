import { cpSync, mkdtempSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, migrationStatus, readMigrations } from "@/lib/db/migrate";
import { createTestDatabase } from "../fixtures/database";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function copyOfMigrations(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "migrations-")), "migrations");
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

describe("migration runner", () => {
  it("applies every migration once and records it as Prisma does", async () => {
    const url = await createTestDatabase({ empty: true });
    const first = await migrate(url);
    expect(first.applied).toEqual(readMigrations().map((m) => m.name));
    expect((await migrate(url)).applied).toEqual([]);

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(readMigrations()[i]!.checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
    expect(await migrationStatus(url)).toMatchObject({ pending: [], unknown: [] });
  });

  it("applies each migration exactly once when several runners start together", async () => {
    const url = await createTestDatabase({ empty: true });
    const results = await Promise.all(Array.from({ length: 5 }, () => migrate(url)));
    const applied = results.flatMap((r) => r.applied);
    expect(applied.sort()).toEqual(
      readMigrations()
        .map((m) => m.name)
        .sort(),
    );
    const rows = await query<{ n: string }>(url, `SELECT count(*)::text AS n FROM "_prisma_migrations"`);
    expect(Number(rows[0]!.n)).toBe(readMigrations().length);
  });

  it("stops with the file's name when an applied migration was edited", async () => {
    const url = await createTestDatabase({ empty: true });
    const dir = copyOfMigrations();
    await migrate(url, { dir });
    const [first] = readMigrations(dir);
    appendFileSync(first!.file, "\n-- an edit after the fact\n");
    await expect(migrate(url, { dir })).rejects.toThrow(new RegExp(`${first!.name}.*edited after it was applied`));
    await expect(migrationStatus(url, { dir })).rejects.toThrow(first!.name);
  });

  it("accepts a file whose line endings git rewrote", async () => {
    const url = await createTestDatabase({ empty: true });
    const dir = copyOfMigrations();
    await migrate(url, { dir });
    const [first] = readMigrations(dir);
    writeFileSync(first!.file, first!.sql.replaceAll("\n", "\r\n"));
    await expect(migrate(url, { dir })).resolves.toEqual({ applied: [] });
  });

  it("rolls a failing migration back whole and names it", async () => {
    const url = await createTestDatabase({ empty: true });
    const dir = copyOfMigrations();
    await migrate(url, { dir });
    const bad = path.join(dir, "29990101000000_broken");
    cpSync(path.join(dir, readMigrations(dir)[0]!.name), bad, { recursive: true });
    writeFileSync(path.join(bad, "migration.sql"), `CREATE TABLE "Half" ("id" INT);\nSELECT * FROM "no_such_table";\n`);
    await expect(migrate(url, { dir })).rejects.toThrow(/29990101000000_broken failed and was rolled back/);
    const tables = await query(url, `SELECT 1 FROM pg_tables WHERE tablename = 'Half'`);
    expect(tables).toHaveLength(0);
    expect((await migrationStatus(url, { dir })).pending).toEqual(["29990101000000_broken"]);
  });
});
