import { once } from "node:events";
import { readFileSync } from "node:fs";
import { Resolver } from "node:dns/promises";
import { connect, createServer, type AddressInfo, type Server } from "node:net";
import { DescribeTargetHealthCommand, ElasticLoadBalancingV2Client, type TargetHealthDescription } from "@aws-sdk/client-elastic-load-balancing-v2";
import { expect } from "vitest";
import type { Engine } from "@/lib/engine";
import type { LinkView } from "@/lib/links/views";
import type { Sandbox } from "@privatelink-portal/sandbox-aws";
import type { SeedAccount } from "@privatelink-portal/sandbox-aws/seed";
import { credentialsOf } from "@privatelink-portal/sandbox-aws/testing";
import { call, HANDLERS } from "../api/api-helpers";
import { expectDocumented } from "../api/openapi-check";

/** The API gateway and SSH bastion scenarios' shared steps: the API as a caller sees it, probes and target health in the sandbox. */

/** One /api/v1 operation by its key, its answer held to the OpenAPI document. */
export async function api(op: string, method: string, path: string, key: string, options: { id?: string; body?: unknown } = {}) {
  const response = await call(HANDLERS[op]!, { method, path, params: options.id ? { id: options.id } : {}, body: options.body, caller: { key } });
  return { status: response.status, body: (await expectDocumented(op, response)) as LinkView & Record<string, unknown> };
}

export const linkOf = async (key: string, id: string): Promise<LinkView> => (await api("getLink", "GET", `/api/v1/links/${id}`, key, { id })).body;

/** The engine with probes on, through the sandbox's resolver (as the worker runs them beside the sandbox). */
export function probingEngine(engine: Engine, sandbox: Sandbox): Engine {
  const resolver = `${sandbox.dns!.host}:${sandbox.dns!.port}`;
  return { ...engine, overrides: { ...engine.overrides, probes: { enabled: true, resolver, timeoutMs: 2000 } } };
}

export function elbOf(sandbox: Sandbox, account: SeedAccount): ElasticLoadBalancingV2Client {
  return new ElasticLoadBalancingV2Client({ endpoint: sandbox.url, region: "us-east-1", credentials: credentialsOf(account), maxAttempts: 1 });
}

/** Waits on the data plane's health events until DescribeTargetHealth satisfies `done`; then until the data plane has settled. */
export async function waitForTargets(
  sandbox: Sandbox,
  elb: ElasticLoadBalancingV2Client,
  groupArn: string,
  done: (rows: TargetHealthDescription[]) => boolean,
): Promise<TargetHealthDescription[]> {
  const dataPlane = sandbox.dataPlane!;
  for (;;) {
    const next = once(dataPlane, "health");
    const rows = (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: groupArn }))).TargetHealthDescriptions ?? [];
    if (done(rows)) {
      await dataPlane.settled();
      return rows;
    }
    await next;
  }
}

export const allHealthy = (rows: TargetHealthDescription[]) => rows.length > 0 && rows.every((r) => r.TargetHealth?.State === "healthy");

/** A TCP server on 127.0.0.1 that greets each connection with `greeting` (an SSH banner, say) and echoes what it gets. */
export async function greetingServer(greeting = ""): Promise<Server & { port: number }> {
  const server = createServer((socket) => {
    socket.on("error", () => undefined);
    if (greeting) socket.write(greeting);
    socket.pipe(socket);
  }).listen(0, "127.0.0.1");
  await once(server, "listening");
  return Object.assign(server, { port: (server.address() as AddressInfo).port });
}

/** Resolves `name` through the sandbox's resolver, as a client in our VPC would. */
export async function resolveInVpc(sandbox: Sandbox, name: string): Promise<string[]> {
  const resolver = new Resolver({ timeout: 1000, tries: 2 });
  resolver.setServers([`${sandbox.dns!.host}:${sandbox.dns!.port}`]);
  return resolver.resolve4(name);
}

/** The first line a server sends on connect. */
export function firstLine(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let text = "";
    socket.setTimeout(5000, () => socket.destroy(new Error(`no line from ${host}:${port}`)));
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("\n")) {
        socket.destroy();
        resolve(text.split(/\r?\n/)[0]!);
      }
    });
    socket.once("error", reject);
  });
}

/** Whether this process may bind ports below 1024 (root, or a lowered unprivileged range): the data plane serves 22 and 443 as AWS does. */
export function canBindLowPorts(): boolean {
  if (process.getuid?.() === 0) return true;
  try {
    return Number(readFileSync("/proc/sys/net/ipv4/ip_unprivileged_port_start", "utf8")) <= 22;
  } catch {
    return false;
  }
}

/** Polls our side until the link is `state`: each pass is one reconcile, as the worker runs it. */
export async function untilState(read: () => Promise<LinkView>, step: () => Promise<unknown>, state: string): Promise<LinkView> {
  for (let pass = 0; ; pass += 1) {
    const link = await read();
    if (link.state === state) return link;
    expect(pass, `the link becomes ${state} (it is ${link.state})`).toBeLessThan(20);
    await step();
  }
}
