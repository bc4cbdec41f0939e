import { once } from "node:events";
import { DescribeTargetHealthCommand, ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { beforeAll } from "vitest";
import { setAppEngine, type Engine } from "@/lib/engine";
import type { Sandbox } from "@privatelink-portal/sandbox-aws";
import type { SeedAccount } from "@privatelink-portal/sandbox-aws/seed";
import { credentialsOf } from "@privatelink-portal/sandbox-aws/testing";
import { call, HANDLERS } from "../api/api-helpers";
import { expectDocumented } from "../api/openapi-check";

/** Steps the Kubernetes-service and database guides share: the API as the guide calls it, probes on, targets healthy. */

export type Answer = { status: number; body: Record<string, unknown> };

/** One operation by its id with an API key, its answer held to the OpenAPI document. */
export async function api(
  op: string,
  method: string,
  path: string,
  key: string,
  options: { params?: Record<string, string>; body?: unknown } = {},
): Promise<Answer> {
  const response = await call(HANDLERS[op]!, { method, path, params: options.params ?? {}, body: options.body, caller: { key } });
  return { status: response.status, body: (await expectDocumented(op, response)) as Record<string, unknown> };
}

/** GET /api/v1/links/{id} as the organization's key. */
export const readLink = async (key: string, id: string) => (await api("getLink", "GET", `/api/v1/links/${id}`, key, { params: { id } })).body;

/**
 * The engine with connectivity probes on, through the sandbox's resolver, made the app's engine so the routes show what
 * the probes found (with probes off, a link's connectivity reads `off`). Register after withLinkEngine.
 */
export function withProbes(engine: () => Engine, sandbox: () => Sandbox): () => Engine {
  let probing: Engine | undefined;
  beforeAll(() => {
    const dns = sandbox().dns!;
    probing = { ...engine(), overrides: { ...engine().overrides, probes: { enabled: true, resolver: `${dns.host}:${dns.port}`, timeoutMs: 2000 } } };
    setAppEngine(probing);
  });
  return () => probing!;
}

/** Waits on the data plane's health events until every target of the group is healthy, then for the data plane to settle. */
export async function targetsHealthy(sandbox: Sandbox, elb: ElasticLoadBalancingV2Client, targetGroupArn: string): Promise<void> {
  const dataPlane = sandbox.dataPlane!;
  for (;;) {
    const next = once(dataPlane, "health");
    const { TargetHealthDescriptions: rows = [] } = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }));
    if (rows.length > 0 && rows.every((row) => row.TargetHealth?.State === "healthy")) return dataPlane.settled();
    await next;
  }
}

/** The customer's ELBv2 client in the sandbox, as the SDK makes it. */
export function customerElb(sandbox: Sandbox, account: SeedAccount, region = "us-east-1"): ElasticLoadBalancingV2Client {
  return new ElasticLoadBalancingV2Client({ endpoint: sandbox.url, region, credentials: credentialsOf(account), maxAttempts: 1 });
}
