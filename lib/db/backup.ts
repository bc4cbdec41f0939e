import { createHash } from "node:crypto";
import { createWriteStream, renameSync, rmSync, type WriteStream } from "node:fs";
import pg from "pg";
import { copyFromLine, END_PREFIX, FORMAT_LINE, MIGRATION_PREFIX, PREAMBLE, qualified, quoteIdent, setvalLine, type TableName } from "./dump-format";
import { copyOut } from "./pg-copy";

// `npm run db:backup`: every table of the public schema, and the job queue's jobs still to run, from one snapshot (REPEATABLE
// READ, as pg_dump takes it), so a link and the job that carries it forward are both in the file or neither is. Tables go in
// the order their foreign keys need, so a restore loads them as they are, without disabling triggers (which needs a superuser).

export type BackupOptions = {
  databaseUrl: string;
  file: string;
  /** The schema of pg-boss's tables: its jobs still to run (created, retry, active) are backed up too. */
  jobSchema?: string;
};

export type BackupSummary = { tables: number; rows: number; jobs: number; migrations: number };

type Table = TableName & { columns: string[]; keys: string[] };

/** Appends to the file while hashing what it wrote, for the last line. */
class HashingFile {
  readonly hash = createHash("sha256");
  constructor(readonly stream: WriteStream) {}
  write(chunk: Buffer | string): boolean {
    this.hash.update(chunk);
    return this.stream.write(chunk);
  }
  once(event: "drain", listener: () => void): void {
    this.stream.once(event, listener);
  }
  line(text = ""): boolean {
    return this.write(`${text}\n`);
  }
}

export async function writeBackup({ databaseUrl, file, jobSchema }: BackupOptions): Promise<BackupSummary> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "privatelink-portal db:backup" });
  await client.connect();
  // Written beside the target and renamed at the end: a backup that fails half way leaves no file that looks like one.
  const partial = `${file}.partial`;
  const out = new HashingFile(createWriteStream(partial, { mode: 0o600 }));
  const summary: BackupSummary = { tables: 0, rows: 0, jobs: 0, migrations: 0 };
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const version = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version ?? "unknown";
    const migrations = await appliedMigrations(client);
    summary.migrations = migrations.length;
    for (const text of ["--", "-- PostgreSQL database dump", "--", FORMAT_LINE, `-- Dumped from database version ${version}`]) out.line(text);
    out.line(`-- Dumped at ${new Date().toISOString()}`);
    for (const migration of migrations) out.line(`${MIGRATION_PREFIX}${migration.name} ${migration.checksum}`);
    out.line();
    for (const text of PREAMBLE) out.line(text);

    for (const table of await tablesInLoadOrder(client, "public")) {
      summary.rows += await dumpTable(client, out, table, table.keys.length > 0 ? `ORDER BY ${table.keys.map(quoteIdent).join(", ")}` : "");
      summary.tables++;
    }
    if (jobSchema && (await tableExists(client, { schema: jobSchema, table: "job" }))) {
      const jobs = { schema: jobSchema, table: "job", columns: await columnsOf(client, { schema: jobSchema, table: "job" }), keys: [] };
      summary.jobs = await dumpTable(client, out, jobs, "WHERE state IN ('created', 'retry', 'active') ORDER BY id");
    }
    out.line();
    for (const sequence of await sequences(client, "public")) out.line(setvalLine(sequence, sequence.value, sequence.isCalled));
    for (const text of ["", "--", "-- PostgreSQL database dump complete", "--"]) out.line(text);
    await client.query("COMMIT");
    const digest = out.hash.digest("hex");
    out.stream.write(`${END_PREFIX}${digest}\n`);
    await new Promise<void>((resolve, reject) => out.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    renameSync(partial, file);
    return summary;
  } catch (error) {
    out.stream.destroy();
    rmSync(partial, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

async function dumpTable(client: pg.Client, out: HashingFile, table: Table, tail: string): Promise<number> {
  out.line();
  out.line("--");
  out.line(`-- Data for Name: ${table.table}; Type: TABLE DATA; Schema: ${table.schema}`);
  out.line("--");
  out.line();
  out.line(copyFromLine(table, table.columns));
  const select = `SELECT ${table.columns.map(quoteIdent).join(", ")} FROM ${qualified(table)} ${tail}`;
  const rows = await copyOut(client, `COPY (${select}) TO STDOUT`, out);
  out.line("\\.");
  return rows;
}

async function appliedMigrations(client: pg.Client): Promise<{ name: string; checksum: string }[]> {
  if (!(await tableExists(client, { schema: "public", table: "_prisma_migrations" }))) {
    throw new Error("this database has no migrations applied: there is nothing of the portal's to back up");
  }
  const { rows } = await client.query<{ name: string; checksum: string; finished: boolean }>(
    `SELECT migration_name AS name, checksum, finished_at IS NOT NULL AS finished FROM "_prisma_migrations"
     WHERE rolled_back_at IS NULL ORDER BY migration_name`,
  );
  const unfinished = rows.find((row) => !row.finished);
  if (unfinished) throw new Error(`migration ${unfinished.name} started but never finished: fix the database before backing it up`);
  return rows;
}

async function tableExists(client: pg.Client, name: TableName): Promise<boolean> {
  const { rows } = await client.query<{ found: string | null }>("SELECT to_regclass($1) AS found", [qualified(name)]);
  return rows[0]?.found !== null;
}

/** Generated columns are left out, as pg_dump leaves them: COPY refuses values for them. */
async function columnsOf(client: pg.Client, name: TableName): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
    [qualified(name)],
  );
  return rows.map((row) => row.name);
}

/** Every table (not partitions: their parent carries their rows), a referenced table before those referencing it. */
async function tablesInLoadOrder(client: pg.Client, schema: string): Promise<Table[]> {
  const { rows } = await client.query<{ table: string; keys: string[] | null; refs: string[] | null }>(
    `SELECT c.relname AS "table",
       (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i CROSS JOIN unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum WHERE i.indrelid = c.oid AND i.indisprimary) AS keys,
       (SELECT array_agg(DISTINCT r.relname::text) FROM pg_constraint f JOIN pg_class r ON r.oid = f.confrelid
          WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.confrelid <> c.oid) AS refs
     FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND c.relname <> '_prisma_migrations' ORDER BY c.relname`,
    [quoteIdent(schema)],
  );
  const pending = new Map(rows.map((row) => [row.table, row]));
  const ordered: Table[] = [];
  while (pending.size > 0) {
    const ready = [...pending.values()].filter((row) => (row.refs ?? []).every((ref) => !pending.has(ref)));
    if (ready.length === 0) throw new Error(`tables ${[...pending.keys()].join(", ")} reference each other in a cycle, which a data-only dump cannot order`);
    for (const row of ready) {
      pending.delete(row.table);
      const name = { schema, table: row.table };
      ordered.push({ ...name, columns: await columnsOf(client, name), keys: row.keys ?? [] });
    }
  }
  return ordered;
}

async function sequences(client: pg.Client, schema: string): Promise<(TableName & { value: string; isCalled: boolean })[]> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT relname AS name FROM pg_class WHERE relnamespace = $1::regnamespace AND relkind = 'S' ORDER BY relname",
    [quoteIdent(schema)],
  );
  const found = [];
  for (const { name } of rows) {
    const sequence = { schema, table: name };
    const { rows: state } = await client.query<{ value: string; isCalled: boolean }>(
      `SELECT last_value::text AS value, is_called AS "isCalled" FROM ${qualified(sequence)}`,
    );
    if (state[0]) found.push({ ...sequence, ...state[0] });
  }
  return found;
}
