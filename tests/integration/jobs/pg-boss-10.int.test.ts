import pg from "pg";
import { describe, expect, it } from "vitest";
import { ALL_JOBS } from "@/lib/job-list";
import { installJobQueues, JOB_SCHEMA } from "@/lib/jobs/queue";
import { verifyLinkJob } from "@/lib/links/verify-link";
import { provisionLinkJob } from "@/lib/links/provision-link";
import { deleteLinkJob } from "@/lib/links/delete-link";
import { createTestDatabase } from "../fixtures/database";

/**
 * A database that ran pg-boss 10 starts on pg-boss 12 through the normal start-up path
 * (installJobQueues): its jobs still to run are carried over, its history is not, and the old
 * schema is gone. The fixture is pg-boss 10's own tables (schema version 24), reduced to the
 * columns the cutover reads.
 */

const SETTINGS = { expireInSeconds: 30, retryDelaySeconds: 1 };

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const later = new Date(Date.now() + 3_600_000);

/** pg-boss 10's schema in `schema`, holding one job in each state that matters. */
async function createVersion10Schema(client: pg.Client, schema: string): Promise<void> {
  await client.query(`
    CREATE SCHEMA ${schema};
    CREATE TABLE ${schema}.version (version int PRIMARY KEY, maintained_on timestamptz, cron_on timestamptz, monitored_on timestamptz);
    INSERT INTO ${schema}.version (version) VALUES (24);
    CREATE TYPE ${schema}.job_state AS ENUM ('created', 'retry', 'active', 'completed', 'cancelled', 'failed');
    CREATE TABLE ${schema}.job (
      id uuid NOT NULL DEFAULT gen_random_uuid(), name text NOT NULL, priority integer NOT NULL DEFAULT 0, data jsonb,
      state ${schema}.job_state NOT NULL DEFAULT 'created', retry_limit integer NOT NULL DEFAULT 2, retry_count integer NOT NULL DEFAULT 0,
      retry_delay integer NOT NULL DEFAULT 0, retry_backoff boolean NOT NULL DEFAULT false, start_after timestamptz NOT NULL DEFAULT now(),
      started_on timestamptz, singleton_key text, singleton_on timestamp, expire_in interval NOT NULL DEFAULT interval '15 minutes',
      created_on timestamptz NOT NULL DEFAULT now(), completed_on timestamptz, keep_until timestamptz NOT NULL DEFAULT now() + interval '14 days',
      output jsonb, dead_letter text, policy text
    )`);
  const insert = (id: string, name: string, state: string, key: string, startAfter = new Date()) =>
    client.query(`INSERT INTO ${schema}.job (id, name, state, data, singleton_key, start_after, policy) VALUES ($1, $2, $3, $4, $5, $6, 'stately')`, [
      id,
      name,
      state,
      JSON.stringify({ linkId: key }),
      key,
      startAfter,
    ]);
  await insert("00000000-0000-4000-8000-000000000001", verifyLinkJob.name, "created", "link-a");
  await insert("00000000-0000-4000-8000-000000000002", provisionLinkJob.name, "active", "link-b");
  await insert("00000000-0000-4000-8000-000000000003", deleteLinkJob.name, "retry", "link-c", later);
  await insert("00000000-0000-4000-8000-000000000004", verifyLinkJob.name, "completed", "link-d");
  await insert("00000000-0000-4000-8000-000000000005", "a-queue-we-no-longer-have", "created", "link-e");
}

type CarriedJob = { id: string; name: string; state: string; data: { linkId: string }; singleton_key: string; start_after: Date };

async function jobsOf(client: pg.Client): Promise<CarriedJob[]> {
  const { rows } = await client.query<CarriedJob>(`SELECT id, name, state, data, singleton_key, start_after FROM ${JOB_SCHEMA}.job ORDER BY id`);
  return rows;
}

async function schemaExists(client: pg.Client, name: string): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>("SELECT to_regnamespace($1) IS NOT NULL AS exists", [name]);
  return rows[0]!.exists;
}

function expectCarriedOver(jobs: CarriedJob[]): void {
  expect(jobs.map((job) => [job.id.slice(-1), job.name, job.state, job.data.linkId, job.singleton_key])).toEqual([
    ["1", verifyLinkJob.name, "created", "link-a", "link-a"],
    ["2", provisionLinkJob.name, "created", "link-b", "link-b"],
    ["3", deleteLinkJob.name, "created", "link-c", "link-c"],
  ]);
  expect(jobs[2]!.start_after.getTime()).toBe(later.getTime());
}

describe("start-up on a database that ran pg-boss 10", () => {
  it("installs pg-boss 12, carries over the jobs still to run and drops the old schema", async () => {
    const url = await createTestDatabase({ empty: true });
    await withClient(url, (client) => createVersion10Schema(client, JOB_SCHEMA));

    expect(await installJobQueues(url, ALL_JOBS, SETTINGS)).toBe(3);

    await withClient(url, async (client) => {
      const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${JOB_SCHEMA}.version`);
      expect(rows[0]!.version).toBeGreaterThanOrEqual(25);
      expectCarriedOver(await jobsOf(client));
      expect(await schemaExists(client, `${JOB_SCHEMA}_v10`)).toBe(false);
    });

    // Idempotent: the next start has nothing left to carry.
    expect(await installJobQueues(url, ALL_JOBS, SETTINGS)).toBe(0);
    await withClient(url, async (client) => expect(await jobsOf(client)).toHaveLength(3));
  });

  it("finishes a cutover that stopped after setting the old schema aside", async () => {
    const url = await createTestDatabase();
    await withClient(url, (client) => createVersion10Schema(client, `${JOB_SCHEMA}_v10`));

    expect(await installJobQueues(url, ALL_JOBS, SETTINGS)).toBe(3);

    await withClient(url, async (client) => {
      expectCarriedOver(await jobsOf(client));
      expect(await schemaExists(client, `${JOB_SCHEMA}_v10`)).toBe(false);
    });
  });
});
