import "server-only";
import { PgBoss, type Job } from "pg-boss";
import { SILENT_LOGGER, systemCtx, type Logger } from "@/lib/context";
import type { Engine } from "@/lib/engine";
import { isRunAgain, jobOriginSchema, jobQueueSettingsFromEnv, PASS_HEARTBEAT_SECONDS, type JobDefinition } from "./define";
import { JOB_SCHEMA } from "./queue";

export type WorkerOptions = {
  databaseUrl: string;
  engine: Engine;
  /** What this worker runs (lib/job-list.ts: every job of the product). */
  jobs: readonly JobDefinition[];
  /** Jobs of each queue run at once in this process; each definition's own otherwise. */
  concurrency?: number;
  /** How often periodic jobs are asked for; each definition's own otherwise (tests shorten it). */
  everyMs?: number;
  /**
   * How often pg-boss's supervisor hands the jobs of dead workers (past their expiry, or their
   * heartbeat for passes) out again (its supervise and monitor intervals); by default a quarter of
   * the queues' expiry, at most every 10 s (a dead reconcile pass is then taken over within about
   * 20 s: PASS_HEARTBEAT_SECONDS).
   */
  maintenanceIntervalSeconds?: number;
  log?: Logger;
};

/** Whether the worker still reaches its queues: `isHealthy` once a send succeeded lately and it is not stopping. */
export type WorkerHealth = { isHealthy: boolean; lastQueueContactAt: string; isStopping: boolean };

export type Worker = { health: () => WorkerHealth; stop: () => Promise<void> };

/**
 * A worker process's loop over the job definitions it is given: pg-boss hands out jobs with SKIP
 * LOCKED, so any number of workers share the queues. Each job runs its definition's handler with a
 * system ctx that carries the request id of whoever queued it (in every log line). A handler that
 * asks to run again later (RunAgain: EC2's budget, a deletion under way) is queued again with a
 * start time; one that throws is retried by pg-boss with exponential backoff and jitter; a worker
 * that dies mid-job leaves it to expire and be retried elsewhere.
 */
export async function startWorker({
  databaseUrl,
  engine,
  jobs,
  concurrency,
  everyMs,
  maintenanceIntervalSeconds = Math.min(PASS_HEARTBEAT_SECONDS, Math.max(1, Math.floor(jobQueueSettingsFromEnv().expireInSeconds / 4))),
  log = SILENT_LOGGER,
}: WorkerOptions): Promise<Worker> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: JOB_SCHEMA,
    max: (concurrency ?? 4) * 3 + 2,
    supervise: true,
    superviseIntervalSeconds: maintenanceIntervalSeconds,
    monitorIntervalSeconds: maintenanceIntervalSeconds,
    instanceName: "worker",
  });
  boss.on("error", (error) => log.error({ error: error.message }, "job queue error"));
  boss.on("warning", (warning) => log.warn({ warning: warning.message }, "job queue warning"));
  await boss.start();

  const run =
    (job: JobDefinition) =>
    async ([queued]: Job<object>[]) => {
      if (!queued) return;
      const requestId = jobOriginSchema.safeParse(queued.data).data?.requestId ?? `job:${queued.id}`;
      const jobLog = withFields(log, { requestId, job: job.name, jobId: queued.id });
      const input = job.schema.safeParse(queued.data);
      if (!input.success) {
        // Retrying cannot fix a payload; dropping it is logged for whoever queued it.
        jobLog.error({ issues: input.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) }, "job payload invalid; dropped");
        return;
      }
      try {
        const outcome = await job.handle({ ctx: systemCtx(engine, { requestId, log: jobLog }), input: input.data });
        if (isRunAgain(outcome)) {
          await boss.send(job.name, queued.data, { singletonKey: job.singletonKey?.(input.data), startAfter: new Date(Date.now() + outcome.retryAfterMs) });
        }
      } catch (error) {
        jobLog.error({ error: error instanceof Error ? error.message : String(error) }, "job failed; pg-boss retries it");
        throw error;
      }
    };
  for (const job of jobs) {
    const workers = job.every ? 1 : (concurrency ?? job.concurrency ?? 1);
    for (let i = 0; i < workers; i++) await boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, run(job));
  }

  // Every worker asks for each periodic job; its stately queue runs one at a time across workers.
  // Each ask is also the worker's proof that it still reaches the queues (health()).
  let lastQueueContact = Date.now();
  let isStopping = false;
  const periodic = jobs.filter((job) => job.every);
  const timers = periodic.map((job) => {
    const kick = () =>
      void boss.send(job.name, {}, { singletonKey: job.name }).then(
        () => (lastQueueContact = Date.now()),
        () => {},
      );
    kick();
    return setInterval(kick, everyMs ?? job.every!.ms);
  });

  // Any kick counts as contact, so the most frequent one sets how long a silence means trouble
  // (a rare job, such as the five-minute queue sample, must not stretch it).
  const shortestPeriodMs = periodic.length > 0 ? Math.min(...periodic.map((job) => everyMs ?? job.every!.ms)) : 0;
  const staleAfterMs = Math.max(30_000, shortestPeriodMs * 3);
  return {
    health: () => ({
      isHealthy: !isStopping && Date.now() - lastQueueContact < staleAfterMs,
      lastQueueContactAt: new Date(lastQueueContact).toISOString(),
      isStopping,
    }),
    // Running jobs get 10 s to finish; pg-boss then fails the rest, which puts them back for retry.
    stop: async () => {
      isStopping = true;
      for (const timer of timers) clearInterval(timer);
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}

/** `log` with `fields` on every line. */
function withFields(log: Logger, fields: Record<string, unknown>): Logger {
  return {
    info: (more, message) => log.info({ ...fields, ...more }, message),
    warn: (more, message) => log.warn({ ...fields, ...more }, message),
    error: (more, message) => log.error({ ...fields, ...more }, message),
  };
}
