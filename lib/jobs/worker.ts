import "server-only";
import { PgBoss, type Job, type WorkHandler } from "pg-boss";
import { SILENT_LOGGER, systemCtx, type Logger } from "@/lib/context";
import type { Engine } from "@/lib/engine";
import { runDeletion } from "@/lib/links/delete-link";
import { runProvisioning, type JobOutcome } from "@/lib/links/provision-link";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { runVerification } from "@/lib/links/verify-link";
import { startWebhookJobs } from "@/lib/webhooks/jobs";
import { JOB_SCHEMA, jobQueueSettingsFromEnv, QUEUES, type QueueName } from "./queue";

type LinkJob = { linkId: string };

export type WorkerOptions = {
  databaseUrl: string;
  engine: Engine;
  /** Jobs of each per-link queue run at once in this process. */
  concurrency?: number;
  reconcileEveryMs?: number;
  /**
   * How often pg-boss's supervisor hands the jobs of dead workers (past their expiry) out again
   * (its supervise and monitor intervals); by default a quarter of the queues' expiry, at most
   * every 30 s.
   */
  maintenanceIntervalSeconds?: number;
  log?: Logger;
};

/** Whether the worker still reaches its queues: `isHealthy` once a send succeeded lately and it is not stopping. */
export type WorkerHealth = { isHealthy: boolean; lastQueueContactAt: string; isStopping: boolean };

export type Worker = { health: () => WorkerHealth; stop: () => Promise<void> };

/**
 * A worker process's loop: pg-boss hands out jobs with SKIP LOCKED, so any number of workers share
 * the queues. A handler that asks to run again later (EC2 budget, deletion in progress) re-enqueues
 * its link with a start time; a handler that throws is retried by pg-boss with exponential backoff
 * and jitter; a worker that dies mid-job leaves it to expire and be retried elsewhere.
 */
export async function startWorker({
  databaseUrl,
  engine,
  concurrency = 4,
  reconcileEveryMs = 5_000,
  maintenanceIntervalSeconds = Math.min(30, Math.max(1, Math.floor(jobQueueSettingsFromEnv().expireInSeconds / 4))),
  log = SILENT_LOGGER,
}: WorkerOptions): Promise<Worker> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: JOB_SCHEMA,
    max: concurrency * 3 + 2,
    supervise: true,
    superviseIntervalSeconds: maintenanceIntervalSeconds,
    monitorIntervalSeconds: maintenanceIntervalSeconds,
    instanceName: "worker",
  });
  boss.on("error", (error) => log.error({ error: error.message }, "job queue error"));
  boss.on("warning", (warning) => log.warn({ warning: warning.message }, "job queue warning"));
  await boss.start();

  const perLink = (queue: QueueName, run: (args: { ctx: ReturnType<typeof systemCtx>; input: LinkJob }) => Promise<JobOutcome | void>) => async ([job]: Job<LinkJob>[]) => {
    if (!job) return;
    const outcome = await run({ ctx: systemCtx(engine, { requestId: `job:${job.id}`, log }), input: { linkId: job.data.linkId } });
    if (outcome?.retryAfterMs !== undefined) {
      await boss.send(queue, job.data, { singletonKey: job.data.linkId, startAfter: new Date(Date.now() + outcome.retryAfterMs) });
    }
  };
  const handlers: [QueueName, WorkHandler<LinkJob>][] = [
    [QUEUES.verify, perLink(QUEUES.verify, runVerification)],
    [QUEUES.provision, perLink(QUEUES.provision, runProvisioning)],
    [QUEUES.delete, perLink(QUEUES.delete, runDeletion)],
  ];
  for (const [queue, handler] of handlers) {
    for (let i = 0; i < concurrency; i++) await boss.work<LinkJob>(queue, { batchSize: 1, pollingIntervalSeconds: 0.5 }, handler);
  }
  await boss.work(QUEUES.reconcile, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
    const report = await reconcileLinks({ ctx: systemCtx(engine, { requestId: `job:${job?.id}`, log }) });
    if (report.transitions > 0) log.info({ ...report }, "reconciled");
  });

  // Every worker asks for a pass; the singleton queue runs at most one at a time across workers.
  // Each ask is also the worker's proof that it still reaches the queues (health()).
  let lastQueueContact = Date.now();
  let isStopping = false;
  const kick = () =>
    void boss.send(QUEUES.reconcile, {}, { singletonKey: "reconcile" }).then(
      () => (lastQueueContact = Date.now()),
      () => {},
    );
  kick();
  const timer = setInterval(kick, reconcileEveryMs);
  const stopWebhooks = await startWebhookJobs(boss, { engine, log });

  const staleAfterMs = Math.max(30_000, reconcileEveryMs * 3);
  return {
    health: () => ({
      isHealthy: !isStopping && Date.now() - lastQueueContact < staleAfterMs,
      lastQueueContactAt: new Date(lastQueueContact).toISOString(),
      isStopping,
    }),
    // Running jobs get 10 s to finish; pg-boss then fails the rest, which puts them back for retry.
    stop: async () => {
      isStopping = true;
      clearInterval(timer);
      stopWebhooks();
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
