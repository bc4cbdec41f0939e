import type { Queue } from "pg-boss";
import { z } from "zod";
import type { Ctx } from "@/lib/context";
import { getEnv, type Env } from "@/lib/env";

/**
 * A job is a definition in the domain that owns it: its queue name, the schema of its payload,
 * its queue options and its handler, a verb run as the system (`handle({ ctx, input })`). The
 * worker (worker.ts) runs the list it is given; installJobQueues (queue.ts) creates their queues;
 * enqueue (queue.ts) validates the payload and adds the request id of the ctx that asked, so the
 * worker's logs for the job carry the request that caused it.
 */

/** How pg-boss retries and recovers jobs; from the environment in the app, tests may shorten them. */
export type JobQueueSettings = {
  /** A job running longer than this counts as dead (its worker was killed) and runs again. */
  expireInSeconds: number;
  /** First retry delay of a failed job; it doubles with each attempt, with jitter. */
  retryDelaySeconds: number;
};

export function jobQueueSettingsFromEnv(env: Env = getEnv()): JobQueueSettings {
  return { expireInSeconds: env.JOB_EXPIRE_SECONDS, retryDelaySeconds: 2 };
}

/** What a handler answers to be run again later (EC2's budget, a deletion still under way); anything else completes the job. */
export type RunAgain = { retryAfterMs: number };

export type JobDefinition<S extends z.ZodObject = z.ZodObject> = {
  /** The pg-boss queue; a contract with jobs already queued (rename only with a carry-over). */
  name: string;
  /** The payload, checked when enqueued and again when run (a payload that fails is logged and dropped). */
  schema: S;
  /** The queue's policy, retries and expiry (pg-boss), from the settings. */
  options: (settings: JobQueueSettings) => Omit<Queue, "name">;
  /** Collapses repeated enqueues of one subject (with the "stately" policy: one queued, one running). */
  singletonKey?(input: z.output<S>): string;
  /** Jobs of this queue one worker runs at once (the worker's `concurrency` overrides it). */
  concurrency?: number;
  /** Every worker asks for a run this often; a stately queue runs one at a time across workers. */
  every?: { ms: number };
  // Method syntax: a list of definitions of different payloads is a JobDefinition[].
  handle(args: { ctx: Ctx; input: z.output<S> }): Promise<RunAgain | unknown>;
};

export function defineJob<S extends z.ZodObject>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

/** Beside the payload in every job's data: the request that caused it (absent on jobs queued before it was added). */
export const jobOriginSchema = z.object({ requestId: z.string().max(200).optional() });

/** A retried job of one subject (a link, a delivery): stately, retried with exponential backoff and jitter. */
export function retriedQueue({ expireInSeconds, retryDelaySeconds }: JobQueueSettings, minimumExpireSeconds = 0): Omit<Queue, "name"> {
  return {
    policy: "stately",
    retryLimit: 1000,
    retryDelay: retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: Math.max(minimumExpireSeconds, expireInSeconds),
  };
}

/**
 * Seconds a pass's worker may go silent before the pass counts as dead: its worker refreshes the
 * job's heartbeat every half of it, and the supervisor (every 10 s at most, worker.ts) fails a job
 * whose heartbeat is older, so the next ask runs the pass elsewhere within about 20 s of a crash.
 * pg-boss's minimum is 10.
 */
export const PASS_HEARTBEAT_SECONDS = 10;

/**
 * A pass over many rows, one at a time across workers, not retried (the next ask runs it again).
 * A live pass may run up to `expireInSeconds`; a dead one is noticed by its missed heartbeat.
 */
export function singlePassQueue(expireInSeconds: number): Omit<Queue, "name"> {
  return { policy: "stately", retryLimit: 0, expireInSeconds, heartbeatSeconds: PASS_HEARTBEAT_SECONDS };
}

export function isRunAgain(outcome: unknown): outcome is RunAgain {
  return typeof outcome === "object" && outcome !== null && typeof (outcome as RunAgain).retryAfterMs === "number";
}
