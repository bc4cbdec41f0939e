import type { Queue } from "pg-boss";
import { z } from "zod";
import type { Ctx } from "@/lib/context";
import { getEnv, type Env } from "@/lib/env";

// A job is defined beside its handler, in the domain that owns it (docs/ARCHITECTURE.md, "Jobs").

export type JobQueueSettings = {
  expireInSeconds: number;
  retryDelaySeconds: number;
};

export function jobQueueSettingsFromEnv(env: Env = getEnv()): JobQueueSettings {
  return { expireInSeconds: env.JOB_EXPIRE_SECONDS, retryDelaySeconds: 2 };
}

export type RunAgain = { retryAfterMs: number };

export type JobDefinition<S extends z.ZodObject = z.ZodObject> = {
  /** The pg-boss queue: a contract with jobs already queued (rename only with a carry-over). */
  name: string;
  schema: S;
  options: (settings: JobQueueSettings) => Omit<Queue, "name">;
  singletonKey?(input: z.output<S>): string;
  concurrency?: number;
  every?: { ms: number };
  // Method syntax: a list of definitions of different payloads is a JobDefinition[].
  handle(args: { ctx: Ctx; input: z.output<S> }): Promise<RunAgain | unknown>;
};

export function defineJob<S extends z.ZodObject>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

/** Optional: jobs queued before it was added, or carried over from pg-boss 10, have none. */
export const jobOriginSchema = z.object({ requestId: z.string().max(200).optional() });

export function retriedQueue({ expireInSeconds, retryDelaySeconds }: JobQueueSettings, minimumExpireSeconds = 0): Omit<Queue, "name"> {
  return {
    policy: "stately",
    retryLimit: 1000,
    retryDelay: retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: Math.max(minimumExpireSeconds, expireInSeconds),
  };
}

// A pass's worker refreshes its heartbeat every half of this and the supervisor (at most every 10 s) fails a job whose heartbeat
// is older, so the next ask runs a dead pass elsewhere within about 20 s. pg-boss's minimum is 10.
export const PASS_HEARTBEAT_SECONDS = 10;

/** Not retried: the next periodic ask runs the pass again. */
export function singlePassQueue(expireInSeconds: number): Omit<Queue, "name"> {
  return { policy: "stately", retryLimit: 0, expireInSeconds, heartbeatSeconds: PASS_HEARTBEAT_SECONDS };
}

export function isRunAgain(outcome: unknown): outcome is RunAgain {
  return typeof outcome === "object" && outcome !== null && typeof (outcome as RunAgain).retryAfterMs === "number";
}
