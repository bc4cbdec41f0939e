import "server-only";
import { getEnv } from "@/lib/env";
import { sandboxTargetSchema, type SandboxTarget } from "./schemas";

/**
 * The portal's own database as a sandbox target, when it listens on an IPv4 loopback address (the embedded PostgreSQL of
 * `npm run dev`): a real TCP service a probe can reach through the load balancer. Null for any other database, which the
 * sandbox must never connect to.
 */
export function databaseTarget(url: string | undefined = getEnv().DATABASE_URL): SandboxTarget | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const address = parsed.hostname === "localhost" ? "127.0.0.1" : parsed.hostname;
  const target = sandboxTargetSchema.safeParse({ address, port: parsed.port || 5432 });
  return target.success ? target.data : null;
}
