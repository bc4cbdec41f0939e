import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { ALL_JOBS } from "@/lib/job-list";
import { installJobQueues } from "@/lib/jobs/queue";
import { EnvError, getEnv, type Env } from "@/lib/env";

/** Shared start-up of the CLI entries: configuration, database, migrations, secrets. */

export const DATA_DIR = path.resolve(".data");

export function say(message: string): void {
  process.stdout.write(`[portal] ${message}\n`);
}

/** Parses the environment or exits with the message that names the bad variable. */
export function loadEnv(): Env {
  try {
    return getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export type Database = { url: string; isEmbedded: boolean; stop: () => Promise<void> };

/** DATABASE_URL, or the embedded PostgreSQL (started here, or the one already running on its data folder), as it is. */
export async function openDatabase(env: Env): Promise<Database> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, isEmbedded: false, stop: async () => {} };
  const embedded = await startEmbeddedPostgres({ dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT, log: say });
  const url = await ensureDatabase(embedded.serverUrl, "privatelink");
  say(`embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${env.EMBEDDED_PG_DIR})`);
  return { url, isEmbedded: true, stop: embedded.stop };
}

/** openDatabase, with migrations applied and the job queues installed. */
export async function prepareDatabase(env: Env): Promise<Database> {
  const database = await openDatabase(env);
  try {
    await migrate(database.url, { log: say });
    const carried = await installJobQueues(database.url, ALL_JOBS);
    if (carried > 0) say(`carried ${carried} pending job(s) over from pg-boss 10's schema`);
  } catch (error) {
    await database.stop();
    throw error;
  }
  return database;
}

/** AUTH_SECRET, or one generated once and kept in .data/auth-secret for local use. */
export function authSecret(env: Env): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = path.join(DATA_DIR, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

export function writeDataFile(name: string, content: unknown): string {
  mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, name);
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  return path.relative(process.cwd(), file);
}

/** Runs `main`, printing a failure as one clear line instead of a stack trace. */
export function run(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`[portal] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
