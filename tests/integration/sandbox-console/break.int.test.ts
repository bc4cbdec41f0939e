import { createServer, type Server } from "node:net";
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as listenersRoute from "@/app/api/sandbox/listeners/route";
import * as loadBalancersRoute from "@/app/api/sandbox/load-balancers/route";
import * as targetsRoute from "@/app/api/sandbox/targets/route";
import type { AppError } from "@/lib/errors";
import { buildCustomerService } from "@/lib/sandbox-console/build";
import { changeSandboxListener, changeSandboxLoadBalancer, changeSandboxTarget, createSandboxService, readSandboxConsole } from "@/lib/sandbox-console/console";
import type { SandboxLoadBalancer, SandboxService } from "@/lib/sandbox-console/schemas";
import { call, type RouteModule } from "../api/api-helpers";
import { createOrganization, withLinkEngine } from "../fixtures/app";
import { createUser } from "../fixtures/callers";
import { clientsOf, credentialsOf, CUSTOMER_C } from "@privatelink-portal/sandbox-aws/testing";

/**
 * The console builds the customer's whole path (security group, NLB, target group with a loopback target, listener, endpoint
 * service) and breaks and mends it the ways a customer does, each asserted on the AWS side as the console reads it back.
 */

const { engine, sandbox } = withLinkEngine();
const scope = { region: "us-east-1" };
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: AppError) => `${error.status} ${error.code}`,
  );

// A real TCP service on loopback, standing for the host in the customer's VPC.
let server: Server;
let target: { address: string; port: number };
beforeAll(async () => {
  server = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the target server has no port");
  target = { address: "127.0.0.1", port: address.port };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function member() {
  const { ctx, org } = await createOrganization();
  return { ctx: { ...ctx, engine: engine() }, organizationId: org.id };
}

describe("the sandbox console's customer service", () => {
  let ctx: Awaited<ReturnType<typeof member>>["ctx"];
  let service: SandboxService;
  const balancer = async (): Promise<SandboxLoadBalancer> =>
    (await readSandboxConsole({ ctx, input: scope })).services.find((s) => s.serviceId === service.serviceId)!.loadBalancers[0]!;

  beforeAll(async () => {
    ({ ctx } = await member());
    service = await createSandboxService({
      ctx,
      input: { ...scope, name: "orders-db", port: 5432, target, acceptanceRequired: true, allowOrganizationPrincipal: true },
    });
  });

  it("builds the whole path: a listener on the link port forwarding to the loopback target in the first zone, cross-zone on, enforcement off, the VPC's clients allowed", async () => {
    const lb = await balancer();
    const group = lb.targetGroups[0]!;
    expect(lb).toMatchObject({
      name: "orders-db",
      crossZone: true,
      enforceInboundRules: false,
      listeners: [{ port: 5432, protocol: "TCP", targetGroupArn: group.arn }],
      targetGroups: [
        { name: "orders-db", port: target.port, targets: [expect.objectContaining({ address: "127.0.0.1", port: target.port, zone: lb.zones[0] })] },
      ],
    });
    expect(lb.zones).toHaveLength(2);
    expect(lb.securityGroups).toEqual([
      { groupId: expect.stringMatching(/^sg-/), inbound: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, source: expect.stringMatching(/^10\./) }] },
    ]);
    expect(service.serviceName).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-/);
  });

  it("deregisters the only target and registers it again", async () => {
    const group = (await balancer()).targetGroups[0]!;
    await changeSandboxTarget({ ctx, input: { ...scope, targetGroupArn: group.arn, target, action: "deregister" } });
    expect((await balancer()).targetGroups[0]!.targets).toEqual([]);
    // Deregistering what is not registered is AWS's refusal, as a sentence.
    expect(await code(changeSandboxTarget({ ctx, input: { ...scope, targetGroupArn: group.arn, target, action: "deregister" } }))).toBe("409 conflict");
    await changeSandboxTarget({ ctx, input: { ...scope, targetGroupArn: group.arn, target, action: "register" } });
    expect((await balancer()).targetGroups[0]!.targets).toEqual([expect.objectContaining({ address: target.address, port: target.port })]);
  });

  it("deletes the listener, still shows its target group, and re-creates it", async () => {
    const before = await balancer();
    await changeSandboxListener({ ctx, input: { ...scope, action: "delete", listenerArn: before.listeners[0]!.arn } });
    const without = await balancer();
    expect(without.listeners).toEqual([]);
    expect(without.targetGroups.map((g) => g.arn)).toEqual([before.targetGroups[0]!.arn]);
    await changeSandboxListener({
      ctx,
      input: { ...scope, action: "create", loadBalancerArn: before.arn, targetGroupArn: before.targetGroups[0]!.arn, port: 5432 },
    });
    expect((await balancer()).listeners).toEqual([expect.objectContaining({ port: 5432, targetGroupArn: before.targetGroups[0]!.arn })]);
  });

  it("turns enforcement of inbound rules on PrivateLink traffic on and off, keeping the security group", async () => {
    const { arn, securityGroups } = await balancer();
    await changeSandboxLoadBalancer({ ctx, input: { ...scope, loadBalancerArn: arn, setting: "enforceInboundRules", enabled: true } });
    expect(await balancer()).toMatchObject({ enforceInboundRules: true, securityGroups });
    await changeSandboxLoadBalancer({ ctx, input: { ...scope, loadBalancerArn: arn, setting: "enforceInboundRules", enabled: false } });
    expect((await balancer()).enforceInboundRules).toBe(false);
  });

  it("toggles cross-zone load balancing", async () => {
    const { arn } = await balancer();
    await changeSandboxLoadBalancer({ ctx, input: { ...scope, loadBalancerArn: arn, setting: "crossZone", enabled: true } });
    expect((await balancer()).crossZone).toBe(true);
    await changeSandboxLoadBalancer({ ctx, input: { ...scope, loadBalancerArn: arn, setting: "crossZone", enabled: false } });
    expect((await balancer()).crossZone).toBe(false);
  });

  it("acts through its routes in the caller's own account only: another organization's member cannot touch this load balancer", async () => {
    const lb = await balancer();
    const { organizationId } = await member();
    const other = { cookie: (await createUser({ organizationId, role: "member" })).cookie };
    const post = (module: unknown, path: string, body: unknown) => call((module as RouteModule).POST, { method: "POST", path, caller: other, body });
    const answers = [
      await post(loadBalancersRoute, "/api/sandbox/load-balancers", { ...scope, loadBalancerArn: lb.arn, setting: "enforceInboundRules", enabled: true }),
      await post(listenersRoute, "/api/sandbox/listeners", { ...scope, action: "delete", listenerArn: lb.listeners[0]!.arn }),
      await post(targetsRoute, "/api/sandbox/targets", { ...scope, targetGroupArn: lb.targetGroups[0]!.arn, target, action: "deregister" }),
    ];
    expect(answers.map((r) => r.status)).toEqual([409, 409, 409]);
    expect(await balancer()).toEqual(lb);
  });
});

describe("the sandbox's targets", () => {
  it("are loopback addresses only, at the route and in the build the demo seed calls", async () => {
    const { ctx } = await member();
    const outside = { address: "10.0.1.20", port: 5432 };
    const caller = { cookie: (await createUser({ organizationId: ctx.organizationId!, role: "member" })).cookie };
    const refused = await call((targetsRoute as unknown as RouteModule).POST, {
      method: "POST",
      path: "/api/sandbox/targets",
      caller,
      body: { ...scope, targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/x/1", target: outside, action: "register" },
    });
    expect(refused.status).toBe(422);
    const { ec2 } = clientsOf(sandbox(), CUSTOMER_C);
    const elb = new ElasticLoadBalancingV2Client({ endpoint: sandbox().url, region: scope.region, credentials: credentialsOf(CUSTOMER_C), maxAttempts: 1 });
    const spec = { name: "outside-target", port: 5432, target: outside, acceptanceRequired: true, allowedPrincipals: [] };
    expect(await code(buildCustomerService({ ec2, elb }, spec))).toBe("422 validation_failed");
    const { LoadBalancers = [] } = await elb.send(new DescribeLoadBalancersCommand({}));
    expect(LoadBalancers.map((lb) => lb.LoadBalancerName)).not.toContain("outside-target");
  });
});

describe("a new service's default target", () => {
  it("is the portal's own database, which listens on loopback here", async () => {
    const { ctx } = await member();
    const view = await readSandboxConsole({ ctx, input: scope });
    expect(view.defaultTarget).toEqual({ address: expect.stringMatching(/^127\./), port: expect.any(Number) });
    const made = await createSandboxService({
      ctx,
      input: { ...scope, name: "app-db", port: 5432, acceptanceRequired: true, allowOrganizationPrincipal: false },
    });
    expect(made.loadBalancers[0]!.targetGroups[0]!.targets).toEqual([expect.objectContaining(view.defaultTarget)]);
  });
});
