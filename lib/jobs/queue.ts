import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { PgBoss, type Db } from "pg-boss";
import type { z } from "zod";
import type { Ctx } from "@/lib/context";
import { jobQueueSettingsFromEnv, type JobDefinition, type JobQueueSettings } from "./define";
import { moveVersion10Jobs, setAsideVersion10Schema } from "./pg-boss-10";

// Jobs are enqueued inside the domain's own transaction, so a link change and the job that carries it out commit together or not at all.

export const JOB_SCHEMA = "pgboss";

// Serialises installers (replicas and workers starting together) across the pg-boss 10 cutover.
const INSTALL_LOCK_KEY = 72707370;

/** Idempotent and safe to run concurrently; answers how many pending jobs of a pg-boss 10 database moved. */
export async function installJobQueues(
  connectionString: string,
  jobs: readonly JobDefinition[],
  settings: JobQueueSettings = jobQueueSettingsFromEnv(),
): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [INSTALL_LOCK_KEY]);
    await setAsideVersion10Schema(client, JOB_SCHEMA);
    const boss = new PgBoss({ connectionString, schema: JOB_SCHEMA, supervise: false, schedule: false, registerInstance: false, max: 2 });
    boss.on("error", () => {});
    await boss.start();
    try {
      for (const job of jobs) {
        const { policy, ...options } = job.options(settings);
        await boss.createQueue(job.name, { policy, ...options });
        await boss.updateQueue(job.name, options); // createQueue leaves an existing queue as is, and a policy is fixed once created
      }
      return await moveVersion10Jobs(
        client,
        boss,
        JOB_SCHEMA,
        jobs.map((job) => job.name),
      );
    } finally {
      await boss.stop({ graceful: false });
    }
  } finally {
    await client.end();
  }
}

export type SqlExecutor = { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> };

// pg-boss's sender is never started, so it opens no connection: all it runs, the insert and its lookup of the queue's table and
// policy, goes through the caller's transaction, found through `currentTransaction`.
const currentTransaction = new AsyncLocalStorage<Db>();
let sender: PgBoss | undefined;

function transactionDb(): Db {
  const db = currentTransaction.getStore();
  if (!db) throw new Error("enqueue runs pg-boss's statements only inside the caller's transaction");
  return db;
}

export async function enqueue<S extends z.ZodObject>(
  tx: SqlExecutor,
  job: JobDefinition<S>,
  input: z.input<S>,
  { ctx, startAfter }: { ctx: Pick<Ctx, "requestId">; startAfter?: Date },
): Promise<string | null> {
  const payload = job.schema.parse(input);
  return sendInTransaction(tx, job.name, { ...payload, requestId: ctx.requestId }, { singletonKey: job.singletonKey?.(payload), startAfter });
}

async function sendInTransaction(tx: SqlExecutor, queue: string, data: object, options: { singletonKey?: string; startAfter?: Date }): Promise<string | null> {
  sender ??= new PgBoss({
    schema: JOB_SCHEMA,
    db: { executeSql: (text, values) => transactionDb().executeSql(text, values) },
    openTelemetry: { propagateContext: true },
  });
  const db: Db = {
    executeSql: async (text, values = []) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }),
  };
  return currentTransaction.run(db, () => sender!.send(queue, data, { ...options, db }));
}
