import "server-only";
import { z } from "zod";
import type { VerbArgs } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { defineJob, singlePassQueue } from "@/lib/jobs/define";
import { JOB_SCHEMA } from "@/lib/jobs/queue";

// Sampled into QueueSample for the console's charts: pg-boss keeps no history of its queues, and a process's own counters
// die with it. The `*` row (all queues) is written even when none wait, so an hour without a row means no worker ran.

export const QUEUE_SAMPLE_EVERY_MS = 5 * 60_000;
export const QUEUE_SAMPLE_KEEP_DAYS = 8;
export const ALL_QUEUES = "*";

export type QueueFigures = { queue: string; depth: number; retrying: number; oldestSeconds: number };

export async function readQueues(db: Db): Promise<QueueFigures[]> {
  const rows = await db.$queryRawUnsafe<{ name: string; depth: bigint; retrying: bigint; oldest: number | null }[]>(
    `SELECT name, count(*) AS depth, count(*) FILTER (WHERE state = 'retry') AS retrying, extract(epoch FROM now() - min(created_on))::float8 AS oldest
     FROM ${JOB_SCHEMA}.job WHERE state IN ('created', 'retry') GROUP BY name ORDER BY name`,
  );
  return rows.map((row) => ({ queue: row.name, depth: Number(row.depth), retrying: Number(row.retrying), oldestSeconds: row.oldest ?? 0 }));
}

/** Writes one sample, unless another worker wrote one within half the period; drops samples past QUEUE_SAMPLE_KEEP_DAYS. */
export async function sampleQueues({ ctx }: VerbArgs<unknown>): Promise<void> {
  const { db } = ctx.engine;
  const latest = await db.queueSample.findFirst({ where: { queue: ALL_QUEUES }, orderBy: { takenAt: "desc" }, select: { takenAt: true } });
  if (latest && Date.now() - latest.takenAt.getTime() < QUEUE_SAMPLE_EVERY_MS / 2) return;
  const queues = await readQueues(db);
  const all: QueueFigures = {
    queue: ALL_QUEUES,
    depth: queues.reduce((sum, q) => sum + q.depth, 0),
    retrying: queues.reduce((sum, q) => sum + q.retrying, 0),
    oldestSeconds: Math.max(0, ...queues.map((q) => q.oldestSeconds)),
  };
  const takenAt = new Date();
  await db.$transaction([
    db.queueSample.createMany({ data: [all, ...queues].map((figures) => ({ ...figures, takenAt })) }),
    db.queueSample.deleteMany({ where: { takenAt: { lt: new Date(takenAt.getTime() - QUEUE_SAMPLE_KEEP_DAYS * 86_400_000) } } }),
  ]);
}

/** Every worker asks for a sample every five minutes; one runs at a time, and a second within the period writes nothing. */
export const sampleQueuesJob = defineJob({
  name: "metrics-queue-sample",
  schema: z.object({}),
  options: ({ expireInSeconds }) => singlePassQueue(Math.max(60, expireInSeconds)),
  singletonKey: () => "sample",
  every: { ms: QUEUE_SAMPLE_EVERY_MS },
  handle: ({ ctx }) => sampleQueues({ ctx, input: {} }),
});
