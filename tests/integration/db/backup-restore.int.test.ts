import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { PgBoss } from "pg-boss";
import { describe, expect, it } from "vitest";
import { writeBackup } from "@/lib/db/backup";
import { BackupFileError } from "@/lib/db/backup-file";
import { createPrismaClient } from "@/lib/db/client";
import { END_PREFIX } from "@/lib/db/dump-format";
import { readMigrations } from "@/lib/db/migrate";
import { restoreBackup, RestoreRefused } from "@/lib/db/restore";
import { ALL_JOBS } from "@/lib/job-list";
import { JOB_SCHEMA } from "@/lib/jobs/queue";
import { seedDemoData } from "@/prisma/seed";
import { installationDemoSecrets } from "@/scripts/demo-secrets";
import { createDatabaseBefore, createTestDatabase } from "../fixtures/database";
import { withTempDir } from "../fixtures/temp-dir";

const dir = withTempDir("privatelink-backup-");
let files = 0;
const newFile = () => path.join(dir, `backup-${++files}.sql`);

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

async function backup(url: string): Promise<string> {
  const file = newFile();
  await writeBackup({ databaseUrl: url, file, jobSchema: JOB_SCHEMA });
  return file;
}

/** Everything a backup holds but when it was taken and its checksum: equal for equal databases. */
async function contentsOf(url: string): Promise<string> {
  return withoutStamps(readFileSync(await backup(url), "utf8"));
}

const withoutStamps = (text: string) =>
  text
    .split("\n")
    .filter((line) => !line.startsWith("-- Dumped at ") && !line.startsWith(END_PREFIX))
    .join("\n");

/** The file with its end line recomputed: well formed and whole, whatever `edit` did. */
function resealed(file: string, edit: (text: string) => string): string {
  const body = edit(withoutStamps(readFileSync(file, "utf8")).replace(/\n$/, "")) + "\n";
  const out = newFile();
  writeFileSync(out, `${body}${END_PREFIX}${createHash("sha256").update(body).digest("hex")}\n`);
  return out;
}

async function seededDatabase(): Promise<string> {
  const url = await createTestDatabase();
  const db = createPrismaClient(url);
  try {
    await seedDemoData(db, installationDemoSecrets());
  } finally {
    await db.$disconnect();
  }
  const boss = new PgBoss({ connectionString: url, schema: JOB_SCHEMA, supervise: false, schedule: false, max: 1 });
  boss.on("error", () => {});
  await boss.start();
  await boss.send(ALL_JOBS[0]!.name, { organizationId: "00000000-0000-4000-8000-000000000001" });
  await boss.stop({ graceful: false });
  return url;
}

describe("backup and restore", () => {
  it("brings back exactly the data of the backup, pending jobs included", async () => {
    const url = await seededDatabase();
    const file = await backup(url);
    const before = await contentsOf(url);
    expect(before).toContain('COPY "pgboss"."job"');

    const db = createPrismaClient(url);
    try {
      await db.organization.create({ data: { slug: "initech", name: "Initech" } });
      await db.organization.delete({ where: { slug: "globex" } });
      await db.user.update({ where: { email: "alice@acme.example.com" }, data: { name: "Alice Renamed" } });
    } finally {
      await db.$disconnect();
    }
    await query(url, `DELETE FROM pgboss.job`);
    expect(await contentsOf(url)).not.toEqual(before);

    const summary = await restoreBackup({ databaseUrl: url, file, jobSchema: JOB_SCHEMA });
    expect(summary).toMatchObject({ jobs: 1, jobsWithoutQueue: 0, migrationsApplied: [] });
    expect(await contentsOf(url)).toEqual(before);
    expect((await query<{ slug: string }>(url, `SELECT slug FROM "Organization" ORDER BY slug`)).map((row) => row.slug)).toEqual(["acme", "globex"]);
  });

  it("refuses a cut, damaged or foreign file before touching the database", async () => {
    const url = await seededDatabase();
    const file = await backup(url);
    await query(url, `UPDATE "Organization" SET name = 'Changed since the backup' WHERE slug = 'acme'`);
    const before = await contentsOf(url);
    const text = readFileSync(file, "utf8");

    const cut = newFile();
    writeFileSync(cut, text.slice(0, Math.floor(text.length * 0.8)));
    const damaged = newFile();
    writeFileSync(damaged, text.replace("Acme Analytics", "Acme Analytic$"));
    const foreign = newFile();
    writeFileSync(foreign, "SELECT 1;\n");
    for (const [bad, reason] of [
      [cut, /incomplete|cut short/],
      [damaged, /damaged/],
      [foreign, /not a backup|no end line/],
      [path.join(dir, "missing.sql"), /no backup file/],
    ] as const) {
      const refusal = restoreBackup({ databaseUrl: url, file: bad, jobSchema: JOB_SCHEMA });
      await expect(refusal).rejects.toThrow(BackupFileError);
      await expect(refusal).rejects.toThrow(reason);
    }
    expect(await contentsOf(url)).toEqual(before);
  });

  it("rolls everything back when a row cannot be loaded", async () => {
    const url = await seededDatabase();
    const broken = resealed(await backup(url), (text) => text.replace(/^(COPY "public"\."User" .*\n)/m, "$1not a row of User\n"));
    await query(url, `UPDATE "Organization" SET name = 'Changed since the backup' WHERE slug = 'acme'`);
    const before = await contentsOf(url);

    await expect(restoreBackup({ databaseUrl: url, file: broken, jobSchema: JOB_SCHEMA })).rejects.toThrow(/changed nothing.*User/s);
    expect(await contentsOf(url)).toEqual(before);
  });

  it("migrates an older backup forward and refuses one from a newer schema", async () => {
    const migrations = readMigrations();
    const last = migrations.at(-1)!.name;
    const older = await createDatabaseBefore(last);
    const file = await backup(older.url);

    const url = await seededDatabase();
    const summary = await restoreBackup({ databaseUrl: url, file, jobSchema: JOB_SCHEMA });
    expect(summary.migrationsApplied).toEqual([last]);
    const applied = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY 1`);
    expect(applied.map((row) => row.migration_name)).toEqual(migrations.map((migration) => migration.name));
    expect(await query(url, `SELECT 1 FROM "User"`)).toEqual([]);

    const newer = resealed(file, (text) => text.replace(/^(-- Migration: .*)$/m, `$1\n-- Migration: 29991231000000_from_the_future ${"0".repeat(64)}`));
    const refusal = restoreBackup({ databaseUrl: url, file: newer, jobSchema: JOB_SCHEMA });
    await expect(refusal).rejects.toThrow(RestoreRefused);
    await expect(refusal).rejects.toThrow(/newer schema.*29991231000000_from_the_future/);
  });

  it("refuses while another process is connected, unless forced", async () => {
    const url = await seededDatabase();
    const file = await backup(url);
    const portal = new pg.Client({ connectionString: url, application_name: "the portal" });
    await portal.connect();
    try {
      await expect(restoreBackup({ databaseUrl: url, file, jobSchema: JOB_SCHEMA })).rejects.toThrow(/in use: 1 other connection\(s\) \(the portal\).*--force/);
      await expect(restoreBackup({ databaseUrl: url, file, jobSchema: JOB_SCHEMA, force: true })).resolves.toMatchObject({ jobs: 1 });
    } finally {
      await portal.end();
    }
  });
});
