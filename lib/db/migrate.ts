import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

// Recorded in Prisma's own `_prisma_migrations` with its checksum, so `prisma migrate status|deploy` agree wherever Prisma's
// engine runs. Each migration and its row commit in one transaction; an advisory lock serialises runners, so replicas starting
// together apply each migration once; an applied migration whose file changed stops the run.

// Relative to the working directory: the repository, or the standalone server's folder, where next.config.ts copies it.
export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

// The key `prisma migrate` locks too, so our runner and Prisma's never interleave (and a restore with neither).
export const ADVISORY_LOCK_KEY = 72707369;

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export type Migration = { name: string; file: string; sql: string; checksum: string };

export type MigrationStatus = { applied: string[]; pending: string[]; unknown: string[] };

export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

/** Prisma compares checksums with line endings normalised either way (git may rewrite them). */
export function matchesChecksum(sql: string, checksum: string): boolean {
  const lf = sql.replaceAll("\r\n", "\n");
  return [sql, lf, lf.replaceAll("\n", "\r\n")].some((variant) => checksumOf(variant) === checksum);
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(/*turbopackIgnore: true*/ dir)) throw new MigrationError(`no migrations folder at ${dir}`);
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!existsSync(/*turbopackIgnore: true*/ file)) throw new MigrationError(`${path.relative(process.cwd(), file)} is missing`);
      const sql = readFileSync(/*turbopackIgnore: true*/ file, "utf8");
      return { name, file, sql, checksum: checksumOf(sql) };
    });
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"            VARCHAR(64) NOT NULL,
    "finished_at"         TIMESTAMPTZ,
    "migration_name"      VARCHAR(255) NOT NULL,
    "logs"                TEXT,
    "rolled_back_at"      TIMESTAMPTZ,
    "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export async function createMigrationsTable(client: pg.Client): Promise<void> {
  await client.query(CREATE_TABLE);
}

/** Applies one migration and records it, inside the caller's transaction. */
export async function applyMigration(client: pg.Client, migration: Migration): Promise<void> {
  const id = randomUUID();
  await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`, [
    id,
    migration.checksum,
    migration.name,
  ]);
  await client.query(migration.sql);
  await client.query(`UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`, [id]);
}

type Row = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

async function appliedRows(client: pg.Client): Promise<Row[]> {
  const exists = await client.query(`SELECT to_regclass('"_prisma_migrations"') AS t`);
  if (!exists.rows[0]?.t) return [];
  const result = await client.query<Row>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`);
  return result.rows.filter((row) => row.rolled_back_at === null);
}

function compare(migrations: Migration[], rows: Row[]): MigrationStatus {
  const byName = new Map(rows.map((row) => [row.migration_name, row]));
  const status: MigrationStatus = { applied: [], pending: [], unknown: [] };
  for (const migration of migrations) {
    const row = byName.get(migration.name);
    if (!row) {
      status.pending.push(migration.name);
      continue;
    }
    const where = path.relative(process.cwd(), migration.file);
    if (row.finished_at === null) {
      throw new MigrationError(`migration ${migration.name} (${where}) started but never finished; fix the database, then mark it rolled back`);
    }
    if (!matchesChecksum(migration.sql, row.checksum)) {
      throw new MigrationError(
        `migration ${migration.name} (${where}) was edited after it was applied: its checksum no longer matches. ` +
          "Restore the file and put the change in a new migration.",
      );
    }
    status.applied.push(migration.name);
  }
  const known = new Set(migrations.map((m) => m.name));
  status.unknown = rows.map((row) => row.migration_name).filter((name) => !known.has(name));
  return status;
}

/** Changes nothing (for /api/ready); with `timeoutMs`, connecting and each query give up after that long. */
export async function migrationStatus(databaseUrl: string, { dir, timeoutMs }: { dir?: string; timeoutMs?: number } = {}): Promise<MigrationStatus> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  try {
    await client.connect();
    return compare(readMigrations(dir), await appliedRows(client));
  } finally {
    await client.end().catch(() => {});
  }
}

export async function migrate(
  databaseUrl: string,
  { dir, log = () => {} }: { dir?: string; log?: (message: string) => void } = {},
): Promise<{ applied: string[] }> {
  const migrations = readMigrations(dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    await createMigrationsTable(client);
    // Read under the lock: another runner may have applied migrations while we waited.
    const status = compare(migrations, await appliedRows(client));
    if (status.unknown.length > 0) log(`the database has migrations this checkout does not: ${status.unknown.join(", ")}`);
    const pending = migrations.filter((m) => status.pending.includes(m.name));
    for (const migration of pending) {
      await client.query("BEGIN");
      try {
        await applyMigration(client, migration);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new MigrationError(`migration ${migration.name} failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`);
      }
      log(`applied migration ${migration.name}`);
    }
    return { applied: pending.map((m) => m.name) };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
