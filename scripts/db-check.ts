import { randomBytes } from "node:crypto";
import pg from "pg";
import { findDrift } from "@/lib/db/drift";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";
import { say } from "./runtime";

/**
 * `npm run db:check`: applies every migration to a scratch database and compares the result with
 * schema.prisma. Exit 0 when they agree, 1 on drift, 2 when the check itself could not run.
 * The scratch database is created from template0 (so nothing from template1 leaks in) and is
 * always dropped; the developer's own database is never touched.
 */

async function withAdmin<T>(serverUrl: URL, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(serverUrl);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function server(): Promise<{ url: URL; stop: () => Promise<void> }> {
  const env = getEnv();
  if (env.DATABASE_URL) return { url: new URL(env.DATABASE_URL), stop: async () => {} };
  const embedded = await startEmbeddedPostgres({ dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT, log: say });
  return { url: new URL(embedded.serverUrl), stop: embedded.stop };
}

async function check(): Promise<string[]> {
  const { url, stop } = await server();
  const name = `db_check_${randomBytes(6).toString("hex")}`;
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  try {
    await withAdmin(url, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE template0`));
    try {
      const { applied } = await migrate(scratch.toString());
      say(`applied ${applied.length} migration(s) to scratch database ${name}: ${applied.join(", ")}`);
      return await findDrift(scratch.toString());
    } finally {
      await withAdmin(url, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  } finally {
    await stop();
  }
}

try {
  const drift = await check();
  if (drift.length === 0) {
    console.log("schema.prisma and prisma/migrations agree");
    process.exit(0);
  }
  console.log(`schema.prisma and prisma/migrations differ (${drift.length}):`);
  for (const line of drift) console.log(`  - ${line}`);
  console.log("Write a new migration for the difference (docs/MIGRATIONS.md), then run npm run db:check again.");
  process.exit(1);
} catch (error) {
  process.stderr.write(`[portal] db:check could not run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
