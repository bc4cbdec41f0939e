import "server-only";
import { z } from "zod";
import type { Engine } from "@/lib/engine";

// Only a loopback endpoint answering `GET /_sandbox/accounts` counts: the sandbox hands out every account's keys to whoever
// asks, so it only ever listens on loopback, and any other endpoint is never the sandbox.

const accountsSchema = z.object({ accounts: z.array(z.object({ accountId: z.string(), loadBalancers: z.record(z.string(), z.array(z.string())) })) });
export type BuiltInSandbox = { endpoint: string; regions: string[] };

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);
const cache = new Map<string, { at: number; sandbox: BuiltInSandbox | null }>();
/** A "not the sandbox" answer is asked again after this long (the sandbox may start after the web server). */
const RETRY_MS = 30_000;

export async function builtInSandbox(engine: Pick<Engine, "aws">): Promise<BuiltInSandbox | null> {
  const endpoint = engine.aws.endpoint?.replace(/\/$/, "");
  if (!endpoint || !LOOPBACK.has(new URL(endpoint).hostname)) return null;
  const cached = cache.get(endpoint);
  if (cached && (cached.sandbox || Date.now() - cached.at < RETRY_MS)) return cached.sandbox;
  const sandbox = await probe(endpoint);
  cache.set(endpoint, { at: Date.now(), sandbox });
  return sandbox;
}

async function probe(endpoint: string): Promise<BuiltInSandbox | null> {
  try {
    const response = await fetch(`${endpoint}/_sandbox/accounts`, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) return null;
    const parsed = accountsSchema.safeParse(await response.json());
    const first = parsed.success ? parsed.data.accounts[0] : undefined;
    return first ? { endpoint, regions: Object.keys(first.loadBalancers) } : null;
  } catch {
    return null;
  }
}
