import "server-only";
import { PgBoss, type Job } from "pg-boss";
import { SILENT_LOGGER, systemCtx, type Logger } from "@/lib/context";
import type { Engine } from "@/lib/engine";
import { isRunAgain, jobOriginSchema, jobQueueSettingsFromEnv, PASS_HEARTBEAT_SECONDS, type JobDefinition } from "./define";
import { JOB_SCHEMA } from "./queue";

export type WorkerOptions = {
  databaseUrl: string;
  engine: Engine;
  jobs: readonly JobDefinition[];
  concurrency?: number;
  everyMs?: number;
  /** pg-boss's supervise and monitor intervals: how soon the jobs of dead workers are handed out again. */
  maintenanceIntervalSeconds?: number;
  log?: Logger;
};

export type WorkerHealth = { isHealthy: boolean; lastQueueContactAt: string; isStopping: boolean };

export type Worker = { health: () => WorkerHealth; stop: () => Promise<void> };

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

  // Every worker asks for each periodic job (its stately queue runs one at a time); each ask proves it still reaches the queues.
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

  // The most frequent kick sets how long a silence means trouble: a rare job (the five-minute queue sample) must not stretch it.
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

function withFields(log: Logger, fields: Record<string, unknown>): Logger {
  return {
    info: (more, message) => log.info({ ...fields, ...more }, message),
    warn: (more, message) => log.warn({ ...fields, ...more }, message),
    error: (more, message) => log.error({ ...fields, ...more }, message),
  };
}
