import "server-only";
import { getEnv } from "@/lib/env";
import { migrationStatus } from "./migrate";

export type Readiness = { ready: true } | { ready: false; reason: string };

/** Ready when the database answers and every migration in this build is applied. */
export async function checkReadiness(): Promise<Readiness> {
  const url = getEnv().DATABASE_URL;
  if (!url) return { ready: false, reason: "DATABASE_URL is not set" };
  try {
    const status = await migrationStatus(url);
    if (status.pending.length > 0) return { ready: false, reason: `migrations not applied: ${status.pending.join(", ")}` };
    return { ready: true };
  } catch (error) {
    return { ready: false, reason: `database check failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
