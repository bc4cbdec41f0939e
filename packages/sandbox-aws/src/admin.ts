import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { AccountLimitError, accountFor } from "./accounts";
import { publishTxt } from "./ec2/private-dns";
import { faultsBodySchema } from "./faults";
import { addInstance, instanceDocument, InstanceInputError } from "./instances";
import type { Runtime } from "./runtime";
import { networkOf, REGIONS, SEED_ACCOUNTS } from "./seed";
import type { SandboxState } from "./state";

/**
 * The sandbox's own JSON endpoints under /_sandbox/: accounts and keys, reset, faults, settings,
 * the clock, instances and the consistency profile. They are not AWS APIs and need no signature: the server binds to loopback, and
 * guard.ts keeps web pages out (foreign Host, cross-site requests, writes that are not JSON).
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

const txtSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9_.-]+$/, "a DNS name"),
  values: z.array(z.string().max(255)).max(10),
});

const ownerSchema = z.object({ owner: z.string().trim().min(1).max(200) });

type AccountFacts = { accountId: string; kind: "vendor" | "customer"; owner?: string; accessKeyId: string; secretAccessKey: string };

function accountEntry({ accountId, kind, owner, accessKeyId, secretAccessKey }: AccountFacts) {
  const network = networkOf(accountId);
  const perRegion = <T>(pick: (region: string) => T) => Object.fromEntries(REGIONS.map((r) => [r.name, pick(r.name)]));
  return {
    accountId,
    kind,
    ...(owner === undefined ? {} : { owner }),
    accessKeyId,
    secretAccessKey,
    loadBalancers: perRegion((region) => network.loadBalancers.filter((lb) => lb.region === region).map((lb) => lb.arn)),
    vpcs: perRegion((region) => network.vpcs.find((vpc) => vpc.region === region)?.vpcId ?? ""),
    subnets: perRegion((region) => network.subnets.filter((subnet) => subnet.region === region).map((subnet) => subnet.subnetId)),
  };
}

/** What `GET /_sandbox/accounts` answers: the seeded accounts, then those made in this sandbox (`state`), in the order made. */
export function accountsDocument(state?: SandboxState) {
  const made = [...(state?.accounts.values() ?? [])].map((account) => accountEntry({ ...account, kind: "customer" }));
  return { accounts: [...SEED_ACCOUNTS.map(accountEntry), ...made] };
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
  /** After a change: persist it, and let the data plane recompute. */
  persist(): void;
  /** What `GET /_sandbox/data-plane` answers. */
  dataPlane(): unknown;
}

export function handleAdmin(runtime: Runtime, hooks: AdminHooks, request: IncomingMessage, path: string, body: Buffer, response: ServerResponse): void {
  const route = `${request.method ?? "GET"} ${path}`;
  try {
    const one = /^GET \/_sandbox\/accounts\/(\d{12})$/.exec(route);
    if (one) {
      const found = SEED_ACCOUNTS.find((a) => a.accountId === one[1]) ?? runtime.state.accounts.get(one[1]!);
      if (!found) return send(response, 404, { error: `no sandbox account ${one[1]}` });
      return send(response, 200, accountEntry({ kind: "customer", ...found }));
    }
    switch (route) {
      case "GET /_sandbox/health":
        return send(response, 200, { ok: true });
      case "GET /_sandbox/profile":
        return send(response, 200, runtime.consistency.describe());
      case "GET /_sandbox/accounts":
        return send(response, 200, accountsDocument(runtime.state));
      case "POST /_sandbox/accounts": {
        const { account, isNew } = accountFor(runtime.state, ownerSchema.parse(parseJson(body)).owner, runtime.now());
        return send(response, isNew ? 201 : 200, accountEntry({ ...account, kind: "customer" }));
      }
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
      case "PUT /_sandbox/public-dns/txt": {
        const { name, values } = txtSchema.parse(parseJson(body));
        publishTxt(runtime.state, name, values);
        return send(response, 200, { name: name.toLowerCase().replace(/\.$/, ""), values });
      }
      case "GET /_sandbox/instances":
        return send(response, 200, { instances: [...runtime.state.instances.values()].map(instanceDocument) });
      case "POST /_sandbox/instances":
        return send(response, 201, instanceDocument(addInstance(runtime.state, parseJson(body), runtime.now())));
      case "GET /_sandbox/data-plane":
        return send(response, 200, hooks.dataPlane());
      case "GET /_sandbox/state":
        return send(response, 200, runtime.state.toJSON());
      default:
        return send(response, 404, { error: `no sandbox route ${route}` });
    }
  } catch (error) {
    if (error instanceof AccountLimitError) return send(response, 409, { error: error.message });
    if (error instanceof InstanceInputError) return send(response, 404, { error: error.message });
    const detail = error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error);
    send(response, 400, { error: detail });
  } finally {
    if (request.method !== "GET") hooks.persist();
  }
}
