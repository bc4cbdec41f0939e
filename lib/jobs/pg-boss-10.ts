import type pg from "pg";
import type { PgBoss } from "pg-boss";

// pg-boss 11 rebuilt its schema (version 25) with no migration from 10's (24). Under installJobQueues' lock, the old schema is set
// aside so pg-boss 12 installs a fresh one; once the queues exist, every job still to run (created, retry, or active: its worker is
// gone) is inserted again with its id and the old schema dropped. That step skips ids already there and runs at every start until
// the old schema is gone, so a crash between the steps loses nothing; handlers are idempotent, so an active job may run again.

const FIRST_VERSION_11_SCHEMA = 25;

const asideName = (schema: string) => `${schema}_v10`;

export async function setAsideVersion10Schema(client: pg.Client, schema: string): Promise<void> {
  const { rows } = await client.query<{ exists: boolean }>("SELECT to_regclass($1) IS NOT NULL AS exists", [`${schema}.version`]);
  if (!rows[0]?.exists) return;
  const version = await client.query<{ version: number }>(`SELECT version FROM "${schema}".version`);
  if ((version.rows[0]?.version ?? FIRST_VERSION_11_SCHEMA) >= FIRST_VERSION_11_SCHEMA) return;
  await client.query(`ALTER SCHEMA "${schema}" RENAME TO "${asideName(schema)}"`);
}

type Version10Job = { id: string; name: string; priority: number; data: object | null; start_after: Date; singleton_key: string | null };

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
