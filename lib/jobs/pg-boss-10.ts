import type pg from "pg";
import type { PgBoss } from "pg-boss";

/**
 * The cutover from pg-boss 10. pg-boss 11 rebuilt its schema (version 25) and ships no migration
 * from 10's (version 24), so a database that ran 10 cannot simply be started on 12. At start-up,
 * under the installer's lock (installJobQueues):
 *   1. the old schema is renamed aside, so pg-boss 12 installs a fresh one in its place;
 *   2. once the queues exist, every job still to run (created, retry, or active: its worker was the
 *      old version, now gone) is inserted again with its id, payload, start time and singleton key,
 *      taking its queue's current retry and expiry settings, and the old schema is dropped.
 * Step 2 is idempotent (an id already there is skipped) and runs at every start until the old
 * schema is gone, so a crash between the steps loses nothing. Handlers are idempotent, so a job
 * that was running when the old worker stopped simply runs again.
 */

const FIRST_VERSION_11_SCHEMA = 25;

const asideName = (schema: string) => `${schema}_v10`;

/** Renames a pg-boss 10 schema aside; does nothing on a new database or one already on 11+. */
export async function setAsideVersion10Schema(client: pg.Client, schema: string): Promise<void> {
  const { rows } = await client.query<{ exists: boolean }>("SELECT to_regclass($1) IS NOT NULL AS exists", [`${schema}.version`]);
  if (!rows[0]?.exists) return;
  const version = await client.query<{ version: number }>(`SELECT version FROM "${schema}".version`);
  if ((version.rows[0]?.version ?? FIRST_VERSION_11_SCHEMA) >= FIRST_VERSION_11_SCHEMA) return;
  await client.query(`ALTER SCHEMA "${schema}" RENAME TO "${asideName(schema)}"`);
}

type Version10Job = { id: string; name: string; priority: number; data: object | null; start_after: Date; singleton_key: string | null };

/** Moves the pending jobs of a schema set aside into pg-boss 12, then drops it; returns how many. */
export async function moveVersion10Jobs(client: pg.Client, boss: PgBoss, schema: string, queues: string[]): Promise<number> {
  const aside = asideName(schema);
  const { rows } = await client.query<{ exists: boolean }>("SELECT to_regnamespace($1) IS NOT NULL AS exists", [aside]);
  if (!rows[0]?.exists) return 0;
  const jobs = await client.query<Version10Job>(
    `SELECT id, name, priority, data, start_after, singleton_key FROM "${aside}".job
      WHERE state IN ('created', 'retry', 'active') AND name = ANY($1) ORDER BY created_on`,
    [queues],
  );
  for (const queue of queues) {
    const pending = jobs.rows.filter((job) => job.name === queue);
    if (pending.length === 0) continue;
    await boss.insert(
      queue,
      pending.map((job) => ({
        id: job.id,
        data: job.data ?? {},
        priority: job.priority,
        startAfter: job.start_after,
        singletonKey: job.singleton_key ?? undefined,
      })),
    );
  }
  await client.query(`DROP SCHEMA "${aside}" CASCADE`);
  return jobs.rows.length;
}
