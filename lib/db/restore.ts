import pg from "pg";
import { fileLines, readBackupFile, type BackupContents } from "./backup-file";
import { parseCopyFromLine, parseSetvalLine, qualified, quoteIdent, type TableName } from "./dump-format";
import { ADVISORY_LOCK_KEY, applyMigration, createMigrationsTable, matchesChecksum, readMigrations, type Migration } from "./migrate";
import { copyIn } from "./pg-copy";

// `npm run db:restore`: the database becomes the backup, migrated to this checkout's level, in one transaction. The portal's
// objects are dropped, the backup's migrations replayed (so the tables are exactly those the rows were copied from), the rows
// loaded, then the migrations the backup predates applied, as an upgrade would. Any failure rolls all of it back.

export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreRefused";
  }
}

export type RestoreOptions = {
  databaseUrl: string;
  file: string;
  /** pg-boss's schema: the backup's jobs replace its jobs (lib/db/backup.ts). */
  jobSchema?: string;
  /** Restore even while other sessions (the portal, workers) are connected to the database. */
  force?: boolean;
  /** The migrations folder (tests). */
  dir?: string;
};

export type RestoreSummary = { rows: number; jobs: number; jobsWithoutQueue: number; migrationsReplayed: number; migrationsApplied: string[] };

/** Which of this checkout's migrations rebuild the backup's schema, and which come after it; refuses a backup from elsewhere. */
export function planMigrations(backup: BackupContents["migrations"], known: Migration[]): { replay: Migration[]; after: Migration[] } {
  const byName = new Map(known.map((migration) => [migration.name, migration]));
  const newer = backup.filter((migration) => !byName.has(migration.name)).map((migration) => migration.name);
  if (newer.length > 0) {
    throw new RestoreRefused(
      `the backup comes from a newer schema: this checkout does not have its migration(s) ${newer.join(", ")}. Restore it with that version of the portal, or a later one`,
    );
  }
  const edited = backup.find((migration) => !matchesChecksum(byName.get(migration.name)?.sql ?? "", migration.checksum));
  if (edited) throw new RestoreRefused(`migration ${edited.name} differs from the one the backup was taken at (its checksum does not match)`);
  const inBackup = new Set(backup.map((migration) => migration.name));
  return { replay: known.filter((migration) => inBackup.has(migration.name)), after: known.filter((migration) => !inBackup.has(migration.name)) };
}

export async function restoreBackup({ databaseUrl, file, jobSchema, force = false, dir }: RestoreOptions): Promise<RestoreSummary> {
  const contents = await readBackupFile(file);
  const { replay, after } = planMigrations(contents.migrations, readMigrations(dir));
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "privatelink-portal db:restore" });
  await client.connect();
  try {
    if (!force) await refuseWhileInUse(client);
    await client.query("BEGIN");
    try {
      // Waiting behind a running transaction is fine; waiting for ever behind a stuck one is not.
      await client.query("SET LOCAL lock_timeout = '30s'");
      await client.query("SELECT pg_advisory_xact_lock($1)", [ADVISORY_LOCK_KEY]);
      await dropPortalObjects(client, "public");
      await createMigrationsTable(client);
      for (const migration of replay) await applyMigration(client, migration);
      await emptyTables(client, "public");
      const hasJobs = jobSchema !== undefined && (await exists(client, { schema: jobSchema, table: "job" }));
      if (hasJobs) await client.query(`DELETE FROM ${qualified({ schema: jobSchema, table: "job" })}`);
      const summary = await load(client, file, hasJobs ? jobSchema : undefined);
      for (const migration of after) await applyMigration(client, migration);
      await client.query("COMMIT");
      return { ...summary, migrationsReplayed: replay.length, migrationsApplied: after.map((migration) => migration.name) };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw new Error(`the restore failed and changed nothing: ${error instanceof Error ? error.message : String(error)}`);
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/** Refuses (RestoreRefused) while another session is connected to the database: the portal, a worker, a psql. */
export async function refuseRestoreWhileInUse(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "privatelink-portal db:restore" });
  await client.connect();
  try {
    await refuseWhileInUse(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function refuseWhileInUse(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ count: number; names: string | null }>(
    `SELECT count(*)::int AS count, string_agg(DISTINCT coalesce(nullif(application_name, ''), 'unnamed'), ', ') AS names
     FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
  );
  const { count = 0, names = null } = rows[0] ?? {};
  if (count === 0) return;
  throw new RestoreRefused(
    `the database is in use: ${count} other connection(s) (${names}). Stop the portal and its workers (npm run dev, npm start, ` +
      "npm run worker) and restore again, or pass --force to restore under them and restart them afterwards",
  );
}

async function exists(client: pg.Client, name: TableName): Promise<boolean> {
  const { rows } = await client.query<{ found: string | null }>("SELECT to_regclass($1) AS found", [qualified(name)]);
  return rows[0]?.found !== null;
}

/** Everything the migrations made in `schema`, but not the schema itself (its owner and grants stay) nor extensions' objects. */
async function dropPortalObjects(client: pg.Client, schema: string): Promise<void> {
  const notInExtension = (catalog: string, column: string) =>
    `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${column} AND d.deptype = 'e')`;
  const { rows } = await client.query<{ statement: string }>(
    `SELECT format('DROP %s IF EXISTS %s CASCADE', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
       WHEN 'S' THEN 'SEQUENCE' WHEN 'c' THEN 'TYPE' ELSE 'TABLE' END, c.oid::regclass) AS statement
     FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'c') AND ${notInExtension("pg_class", "c.oid")}
     UNION ALL
     SELECT format('DROP TYPE IF EXISTS %s CASCADE', t.oid::regtype) FROM pg_type t
     WHERE t.typnamespace = $1::regnamespace AND t.typtype IN ('e', 'd', 'r') AND ${notInExtension("pg_type", "t.oid")}
     UNION ALL
     SELECT format('DROP ROUTINE IF EXISTS %s CASCADE', p.oid::regprocedure) FROM pg_proc p
     WHERE p.pronamespace = $1::regnamespace AND ${notInExtension("pg_proc", "p.oid")}`,
    [quoteIdent(schema)],
  );
  for (const { statement } of rows) await client.query(statement);
}

/** Rows the replayed migrations inserted (reference data) make way for the backup's. */
async function emptyTables(client: pg.Client, schema: string): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.oid::regclass::text AS name FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p')
     AND NOT c.relispartition AND c.relname <> '_prisma_migrations'`,
    [quoteIdent(schema)],
  );
  if (rows.length > 0) await client.query(`TRUNCATE ${rows.map((row) => row.name).join(", ")}`);
}

async function load(client: pg.Client, file: string, jobSchema: string | undefined): Promise<Omit<RestoreSummary, "migrationsReplayed" | "migrationsApplied">> {
  const summary = { rows: 0, jobs: 0, jobsWithoutQueue: 0 };
  const lines = fileLines(file)[Symbol.asyncIterator]();
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const line = next.value.toString("utf8");
    const setval = parseSetvalLine(line);
    if (setval && setval.sequence.schema === "public") {
      await client.query("SELECT pg_catalog.setval($1::regclass, $2, $3)", [qualified(setval.sequence), setval.value, setval.isCalled]);
      continue;
    }
    const copy = parseCopyFromLine(line);
    if (!copy) continue;
    const columns = copy.columns.map(quoteIdent).join(", ");
    const rows = copyRows(lines);
    if (copy.name.schema === "public") {
      if (!(await exists(client, copy.name))) throw new Error(`the backup has rows for ${copy.name.table}, which its migrations do not create`);
      summary.rows += await copyIn(client, `COPY ${qualified(copy.name)} (${columns}) FROM STDIN`, rows);
    } else if (jobSchema && copy.name.schema === jobSchema && copy.name.table === "job") {
      // Through a scratch table, so a job whose queue this version no longer has is left out rather than failing the restore.
      const jobs = qualified(copy.name);
      await client.query(`CREATE TEMP TABLE restored_job (LIKE ${jobs}) ON COMMIT DROP`);
      summary.jobs += await copyIn(client, `COPY restored_job (${columns}) FROM STDIN`, rows);
      const queues = qualified({ schema: jobSchema, table: "queue" });
      const moved = await client.query(`INSERT INTO ${jobs} (${columns}) SELECT ${columns} FROM restored_job WHERE name IN (SELECT name FROM ${queues})`);
      summary.jobsWithoutQueue = summary.jobs - (moved.rowCount ?? 0);
      summary.jobs = moved.rowCount ?? 0;
    } else {
      throw new Error(`the backup has rows for ${copy.name.schema}.${copy.name.table}, which a restore does not write`);
    }
  }
  return summary;
}

/** The rows after a COPY line up to its `\.`, in batches of about 64 kB. */
async function* copyRows(lines: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  let batch: Buffer[] = [];
  let size = 0;
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    if (next.value.length === 2 && next.value.toString("utf8") === "\\.") break;
    batch.push(next.value, NEWLINE);
    size += next.value.length + 1;
    if (size >= 65_536) {
      yield Buffer.concat(batch);
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) yield Buffer.concat(batch);
}

const NEWLINE = Buffer.from("\n");
