import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { PgBoss, type Db, type Queue } from "pg-boss";
import { getEnv, type Env } from "@/lib/env";
import { moveVersion10Jobs, setAsideVersion10Schema } from "./pg-boss-10";

/**
 * Durable jobs on pg-boss (PostgreSQL, SKIP LOCKED): any number of workers share the queues.
 * Jobs are enqueued inside the domain's own transaction (`enqueue(tx, ...)`), so a link change and
 * the job that carries it out commit together or not at all.
 *
 * Queues are "stately": at most one queued and one running job per link, so repeated
 * enqueues collapse. A job that dies with its worker expires and is retried; handlers are
 * idempotent (they re-read the link and act only on the state they expect).
 */

export const JOB_SCHEMA = "pgboss";

export const QUEUES = {
  verify: "link-verify",
  provision: "link-provision",
  delete: "link-delete",
  reconcile: "links-reconcile",
  webhookDispatch: "webhooks-dispatch",
  webhookDeliver: "webhook-deliver",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** How pg-boss retries and recovers jobs; from the environment in the app, tests may shorten them. */
export type JobQueueSettings = {
  /** A job running longer than this counts as dead (its worker was killed) and runs again. */
  expireInSeconds: number;
  /** First retry delay of a failed per-link job; it doubles with each attempt, with jitter. */
  retryDelaySeconds: number;
};

export function jobQueueSettingsFromEnv(env: Env = getEnv()): JobQueueSettings {
  return { expireInSeconds: env.JOB_EXPIRE_SECONDS, retryDelaySeconds: 2 };
}

function queueOptions({ expireInSeconds, retryDelaySeconds }: JobQueueSettings): Record<QueueName, Omit<Queue, "name">> {
  const perLink: Omit<Queue, "name"> = { policy: "stately", retryLimit: 1000, retryDelay: retryDelaySeconds, retryBackoff: true, expireInSeconds };
  return {
    [QUEUES.verify]: perLink,
    [QUEUES.provision]: perLink,
    [QUEUES.delete]: perLink,
    // A pass over every due link may outlast one link's job.
    [QUEUES.reconcile]: { policy: "stately", retryLimit: 0, expireInSeconds: Math.ceil(expireInSeconds * 2.5) },
    // Webhooks (lib/webhooks): one pass of the outbox at a time; one job per delivery (singletonKey:
    // its id), whose own retries (backoff, delivery log) live in the delivery row, not in pg-boss.
    [QUEUES.webhookDispatch]: { policy: "stately", retryLimit: 0, expireInSeconds: Math.max(60, expireInSeconds) },
    [QUEUES.webhookDeliver]: { policy: "stately", retryLimit: 1000, retryDelay: retryDelaySeconds, retryBackoff: true, expireInSeconds: Math.max(60, expireInSeconds) },
  };
}

// Serialises installers (replicas and workers starting together) across the pg-boss 10 cutover.
const INSTALL_LOCK_KEY = 72707370;

/**
 * Installs or upgrades pg-boss's schema and our queues; idempotent, safe to run concurrently.
 * Existing queues take the current settings (pg-boss's createQueue leaves an existing queue as is).
 * A database that ran pg-boss 10 is carried over (lib/jobs/pg-boss-10.ts): returns how many of its
 * pending jobs moved (0 otherwise).
 */
export async function installJobQueues(connectionString: string, settings: JobQueueSettings = jobQueueSettingsFromEnv()): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [INSTALL_LOCK_KEY]);
    await setAsideVersion10Schema(client, JOB_SCHEMA);
    const boss = new PgBoss({ connectionString, schema: JOB_SCHEMA, supervise: false, schedule: false, registerInstance: false, max: 2 });
    boss.on("error", () => {});
    await boss.start();
    try {
      for (const [name, { policy, ...options }] of Object.entries(queueOptions(settings))) {
        await boss.createQueue(name, { policy, ...options });
        await boss.updateQueue(name, options); // a queue's policy is fixed once created
      }
      return await moveVersion10Jobs(client, boss, JOB_SCHEMA, Object.values(QUEUES));
    } finally {
      await boss.stop({ graceful: false });
    }
  } finally {
    await client.end();
  }
}

/** Anything that runs SQL inside the caller's transaction (a Prisma transaction client). */
export type SqlExecutor = { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> };

/**
 * pg-boss's sender, never started: it opens no connection of its own. Everything it runs, the
 * insert and its one-off lookup of the queue's table and policy, goes through the caller's
 * transaction, found through `currentTransaction`.
 */
const currentTransaction = new AsyncLocalStorage<Db>();
let sender: PgBoss | undefined;

function transactionDb(): Db {
  const db = currentTransaction.getStore();
  if (!db) throw new Error("enqueue runs pg-boss's statements only inside the caller's transaction");
  return db;
}

export async function enqueue(
  tx: SqlExecutor,
  queue: QueueName,
  data: object,
  options: { singletonKey?: string; startAfter?: Date | number; singletonSeconds?: number } = {},
): Promise<string | null> {
  sender ??= new PgBoss({
    schema: JOB_SCHEMA,
    db: { executeSql: (text, values) => transactionDb().executeSql(text, values) },
    // With tracing on (lib/telemetry.ts), the job's processing continues the enqueuing request's trace.
    openTelemetry: { propagateContext: true },
  });
  const db: Db = {
    executeSql: async (text, values = []) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }),
  };
  return currentTransaction.run(db, () => sender!.send(queue, data, { ...options, db }));
}
