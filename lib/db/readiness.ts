import "server-only";
import { getEnv } from "@/lib/env";
import { migrationStatus } from "./migrate";

export type Readiness = { ready: true } | { ready: false; reason: string };

/** Keeps the check under 2 s even when the database accepts connections and then says nothing (a paused or overloaded server). */
export const READINESS_TIMEOUT_MS = 1_500;

let running: Promise<Readiness> | null = null;

// Concurrent checks share one run (one connection, outside the app's pool), so probes arriving while the database hangs
// cannot pile up connections.
export function checkReadiness(): Promise<Readiness> {
  running ??= check().finally(() => {
    running = null;
  });
  return running;
}

async function check(): Promise<Readiness> {
  const url = getEnv().DATABASE_URL;
  if (!url) return { ready: false, reason: "DATABASE_URL is not set" };
  try {
    const status = await migrationStatus(url, { timeoutMs: READINESS_TIMEOUT_MS });
    if (status.pending.length > 0) return { ready: false, reason: `migrations not applied: ${status.pending.join(", ")}` };
    return { ready: true };
  } catch (error) {
    return { ready: false, reason: `database check failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
