import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { faultsBodySchema } from "./faults";
import type { Runtime } from "./runtime";
import { NETWORK, SEED_ACCOUNTS } from "./seed";

/**
 * The sandbox's own JSON endpoints under /_sandbox/: accounts and keys, reset, faults, settings
 * and the clock. They are not AWS APIs and need no signature (the server binds to loopback).
 */

const configSchema = z.object({
  delays: z
    .object({
      pendingMs: z.number().int().min(0),
      deletingMs: z.number().int().min(0),
      deletedRetentionMs: z.number().int().min(0),
      expireAfterMs: z.number().int().min(0),
    })
    .partial()
    .optional(),
  throttling: z.object({ enabled: z.boolean(), refillMultiplier: z.number().positive() }).partial().optional(),
});

const clockSchema = z.object({ advanceMs: z.number().int().min(0) });

export function accountsDocument() {
  return {
    accounts: SEED_ACCOUNTS.map((account) => ({
      accountId: account.accountId,
      kind: account.kind,
      accessKeyId: account.accessKeyId,
      secretAccessKey: account.secretAccessKey,
      loadBalancers: Object.fromEntries(
        [...new Set(NETWORK.loadBalancers.map((lb) => lb.region))].map((region) => [
          region,
          NETWORK.loadBalancers.filter((lb) => lb.ownerId === account.accountId && lb.region === region).map((lb) => lb.arn),
        ]),
      ),
    })),
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  return JSON.parse(body.toString("utf8"));
}

export interface AdminHooks {
  reset(): void;
  persist(): void;
}

export function handleAdmin(runtime: Runtime, hooks: AdminHooks, request: IncomingMessage, path: string, body: Buffer, response: ServerResponse): void {
  const route = `${request.method ?? "GET"} ${path}`;
  try {
    switch (route) {
      case "GET /_sandbox/health":
        return send(response, 200, { ok: true });
      case "GET /_sandbox/accounts":
        return send(response, 200, accountsDocument());
      case "POST /_sandbox/reset":
        hooks.reset();
        return send(response, 200, { ok: true });
      case "GET /_sandbox/faults":
        return send(response, 200, { faults: runtime.faults.list() });
      case "DELETE /_sandbox/faults":
        runtime.faults.clear();
        return send(response, 200, { faults: [] });
      case "POST /_sandbox/faults": {
        const input = faultsBodySchema.parse(parseJson(body));
        const added = "faults" in input ? runtime.faults.add(input.faults, input.replace) : runtime.faults.add([input]);
        return send(response, 200, { faults: added });
      }
      case "GET /_sandbox/config":
        return send(response, 200, { delays: runtime.delays, throttling: runtime.throttler.options });
      case "POST /_sandbox/config": {
        const input = configSchema.parse(parseJson(body));
        runtime.delays = { ...runtime.delays, ...input.delays };
        runtime.throttler.options = { ...runtime.throttler.options, ...input.throttling };
        runtime.throttler.reset();
        return send(response, 200, { delays: runtime.delays, throttling: runtime.throttler.options });
      }
      case "POST /_sandbox/clock": {
        runtime.clockOffsetMs += clockSchema.parse(parseJson(body)).advanceMs;
        return send(response, 200, { now: new Date(runtime.now()).toISOString(), offsetMs: runtime.clockOffsetMs });
      }
      case "GET /_sandbox/state":
        return send(response, 200, runtime.state.toJSON());
      default:
        return send(response, 404, { error: `no sandbox route ${route}` });
    }
  } catch (error) {
    const detail = error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error);
    send(response, 400, { error: detail });
  } finally {
    if (request.method !== "GET") hooks.persist();
  }
}
