import { once } from "node:events";
import { createServer, type AddressInfo, type Server } from "node:net";
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DescribeSubnetsCommand,
  ModifyVpcEndpointServicePermissionsCommand,
} from "@aws-sdk/client-ec2";
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
  SetSecurityGroupsCommand,
  type TargetDescription,
  type TargetHealthDescription,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "@/lib/engine";
import { runProbe } from "@/lib/links/probes/probe-link";
import { runProvisioning } from "@/lib/links/provision-link";
import { getLink } from "@/lib/links/read-links";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { registerLink } from "@/lib/links/register-link";
import { syncVendorRegions } from "@/lib/links/vendor-network";
import { runVerification } from "@/lib/links/verify-link";
import { clientsOf, credentialsOf, CUSTOMER_A, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganization, jobCtx, principalArnOf, withLinkEngine } from "../fixtures/app";

/**
 * Probes through the sandbox's data plane, end to end: the customer builds its side through the AWS API (an NLB in two
 * zones with a security group, a target group of two loopback servers, one per zone, a listener, the endpoint service),
 * the product registers, provisions and probes the link through the sandbox's resolver, and each way the customer can
 * break it shows as AWS would show it, with the diagnosis naming the port or the zone.
 */
const { engine, sandbox } = withLinkEngine({ sandbox: { dataPlane: { healthCheckScale: 0.02 } } });
const PORTS = [5432, 6379];

let probing: Engine;
let elb: ElasticLoadBalancingV2Client;
let groupArn = "";
let loadBalancerArn = "";
let securityGroupId = "";
let targets: TargetDescription[] = [];
let servers: Server[] = [];
/** The vendor's zone name (in the endpoint's zonal names) of each customer zone, in the order of `targets`. */
let vendorZones: string[] = [];
let linkId = "";
let view: (id: string) => ReturnType<typeof getLink>;

async function loopbackServer(): Promise<Server> {
  const server = createServer((socket) => socket.on("error", () => undefined).pipe(socket)).listen(0, "127.0.0.1");
  await once(server, "listening");
  return server;
}

/** Waits on the data plane's health events until every target reads `states` (in the order of `targets`). */
async function waitForHealth(states: string[]): Promise<void> {
  const dataPlane = sandbox().dataPlane!;
  for (;;) {
    const next = once(dataPlane, "health");
    const { TargetHealthDescriptions: rows = [] } = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: groupArn }));
    const stateOf = (t: TargetDescription) => rows.find((r: TargetHealthDescription) => r.Target?.Port === t.Port)?.TargetHealth?.State ?? "none";
    if (targets.every((t, i) => stateOf(t) === states[i])) return dataPlane.settled();
    await next;
  }
}

async function probe() {
  expect(await runProbe({ ctx: jobCtx(probing), input: { linkId, trigger: "manual" } })).toHaveProperty("status");
  return (await view(linkId)).connectivity;
}

/** Each zonal name's result per port, by zone. */
async function zonalResults() {
  const connectivity = await probe();
  const zonal = connectivity.targets.filter((t) => t.kind === "zonal");
  return {
    connectivity,
    byZone: Object.fromEntries(zonal.map((t) => [t.availabilityZone, Object.fromEntries(t.ports.map((p) => [p.port, p.result]))] as const)) as Record<
      string,
      Record<number, string>
    >,
  };
}

beforeAll(async () => {
  probing = {
    ...engine(),
    overrides: { ...engine().overrides, probes: { enabled: true, resolver: `${sandbox().dns!.host}:${sandbox().dns!.port}`, timeoutMs: 2000 } },
  };
  await syncVendorRegions(engine(), [{ region: "us-east-1", ports: [443, ...PORTS], crossRegionTo: ["us-west-2"] }]);
  const { org, ctx } = await createOrganization({ approvalMode: "automatic" });
  view = (id) => getLink({ ctx: { ...ctx, engine: probing }, input: { linkId: id } });

  const ec2 = clientsOf(sandbox(), CUSTOMER_A).ec2;
  elb = new ElasticLoadBalancingV2Client({ endpoint: sandbox().url, region: "us-east-1", credentials: credentialsOf(CUSTOMER_A), maxAttempts: 1 });
  const subnets = ((await ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? [])
    .sort((a, b) => a.AvailabilityZone!.localeCompare(b.AvailabilityZone!))
    .slice(0, 2);
  const vpcId = subnets[0]!.VpcId!;
  securityGroupId = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: "probed-nlb", Description: "the NLB", VpcId: vpcId }))).GroupId!;
  loadBalancerArn = (
    await elb.send(
      new CreateLoadBalancerCommand({
        Name: "probed",
        Type: "network",
        Scheme: "internal",
        Subnets: subnets.map((s) => s.SubnetId!),
        SecurityGroups: [securityGroupId],
      }),
    )
  ).LoadBalancers![0]!.LoadBalancerArn!;
  await elb.send(
    new SetSecurityGroupsCommand({
      LoadBalancerArn: loadBalancerArn,
      SecurityGroups: [securityGroupId],
      EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: "off",
    }),
  );
  groupArn = (
    await elb.send(
      new CreateTargetGroupCommand({
        Name: "probed",
        Protocol: "TCP",
        Port: 5432,
        VpcId: vpcId,
        TargetType: "ip",
        HealthCheckIntervalSeconds: 5,
        HealthyThresholdCount: 2,
        UnhealthyThresholdCount: 2,
      }),
    )
  ).TargetGroups![0]!.TargetGroupArn!;
  servers = [await loopbackServer(), await loopbackServer()];
  targets = servers.map((server, i) => ({ Id: "127.0.0.1", Port: (server.address() as AddressInfo).port, AvailabilityZone: subnets[i]!.AvailabilityZone }));
  await elb.send(new RegisterTargetsCommand({ TargetGroupArn: groupArn, Targets: targets }));
  await elb.send(
    new CreateListenerCommand({
      LoadBalancerArn: loadBalancerArn,
      Protocol: "TCP",
      Port: 5432,
      DefaultActions: [{ Type: "forward", TargetGroupArn: groupArn }],
    }),
  );
  const { ServiceConfiguration: service } = await ec2.send(
    new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [loadBalancerArn], AcceptanceRequired: false }),
  );
  await ec2.send(
    new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: service!.ServiceId!, AddAllowedPrincipals: [await principalArnOf(engine(), org.id)] }),
  );
  const vendorSubnets = (await clientsOf(sandbox(), VENDOR).ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? [];
  vendorZones = subnets.map((s) => vendorSubnets.find((v) => v.AvailabilityZoneId === s.AvailabilityZoneId)!.AvailabilityZone!);

  const link = await registerLink({ ctx, input: { name: "probed", serviceName: service!.ServiceName!, region: "us-east-1", ports: PORTS } });
  linkId = link.id;
  await runVerification({ ctx: jobCtx(probing), input: { linkId } });
  await runProvisioning({ ctx: jobCtx(probing), input: { linkId } });
  for (let pass = 0; (await view(linkId)).state !== "available"; pass += 1) {
    expect(pass, "the link becomes available").toBeLessThan(20);
    await reconcileLinks({ ctx: jobCtx(probing) });
  }
  await waitForHealth(["healthy", "healthy"]);
});

afterAll(async () => {
  for (const server of servers) server.close();
});

describe("probes through the sandbox's data plane", () => {
  it("names the port with no listener, then reads every zone green once it has one", async () => {
    const { connectivity, byZone } = await zonalResults();
    expect(connectivity.status).toBe("degraded");
    expect(byZone).toEqual({ [vendorZones[0]!]: { 5432: "ok", 6379: "timeout" }, [vendorZones[1]!]: { 5432: "ok", 6379: "timeout" } });
    expect(connectivity.diagnosis[0]).toMatchObject({ code: "port_unreachable", ports: [6379] });

    await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: loadBalancerArn,
        Protocol: "TCP",
        Port: 6379,
        DefaultActions: [{ Type: "forward", TargetGroupArn: groupArn }],
      }),
    );
    const after = await zonalResults();
    expect(after.connectivity).toMatchObject({ status: "ok", diagnosis: [] });
    expect(Object.values(after.byZone)).toEqual([
      { 5432: "ok", 6379: "ok" },
      { 5432: "ok", 6379: "ok" },
    ]);
    expect((await view(linkId)).degraded).toBe(false);
  });

  it("times out everywhere when every target is deregistered", async () => {
    await elb.send(new DeregisterTargetsCommand({ TargetGroupArn: groupArn, Targets: targets }));
    await sandbox().dataPlane!.settled();
    const { connectivity, byZone } = await zonalResults();
    expect(Object.values(byZone).flatMap((ports) => Object.values(ports))).toEqual(["timeout", "timeout", "timeout", "timeout"]);
    expect(connectivity.diagnosis[0]).toMatchObject({ code: "no_connection_accepted", zones: [] });

    await elb.send(new RegisterTargetsCommand({ TargetGroupArn: groupArn, Targets: targets }));
    await waitForHealth(["healthy", "healthy"]);
    expect((await probe()).status).toBe("ok");
  });

  it("times out everywhere when the NLB's security group enforces its rules without our CIDRs, and answers once they are in", async () => {
    await elb.send(
      new SetSecurityGroupsCommand({
        LoadBalancerArn: loadBalancerArn,
        SecurityGroups: [securityGroupId],
        EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: "on",
      }),
    );
    const { connectivity } = await zonalResults();
    expect(connectivity.status).toBe("degraded");
    expect(connectivity.diagnosis[0]).toMatchObject({ code: "no_connection_accepted" });
    expect(connectivity.diagnosis[0]!.check).toMatch(/Enforce inbound rules on PrivateLink traffic/);

    const { cidrs } = await engine().db.vendorRegion.findUniqueOrThrow({ where: { region: "us-east-1" } });
    await clientsOf(sandbox(), CUSTOMER_A).ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: securityGroupId,
        IpPermissions: PORTS.map((port) => ({ IpProtocol: "tcp", FromPort: port, ToPort: port, IpRanges: cidrs.map((cidr) => ({ CidrIp: cidr })) })),
      }),
    );
    await sandbox().dataPlane!.settled();
    expect((await probe()).status).toBe("ok");
  });

  it("takes TLS ports among the link's ports only; 443 by default", async () => {
    const { ctx } = await createOrganization({ approvalMode: "automatic" });
    const input = { name: "tls", serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", region: "us-east-1" };
    await expect(registerLink({ ctx, input: { ...input, ports: [5432], tlsPorts: [443] } })).rejects.toMatchObject({
      code: "validation_failed",
      invalidParams: [{ name: "tlsPorts", reason: "443 is not among the link's ports (5432)" }],
    });
    expect(await engine().db.link.count({ where: { organizationId: ctx.organizationId!, name: "tls" } })).toBe(0);
    expect((await registerLink({ ctx, input: { ...input, ports: [443, 5432] } })).tlsPorts).toEqual([443]);
    const other = { name: "tls-2", serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef1", ports: [5432, 6379], tlsPorts: [6379] };
    expect((await registerLink({ ctx, input: { ...input, ...other } })).tlsPorts).toEqual([6379]);
  });

  it("names the zone with no healthy target while cross-zone load balancing is off", async () => {
    await new Promise((resolve) => servers[1]!.close(resolve));
    await waitForHealth(["healthy", "unhealthy"]);
    const { connectivity, byZone } = await zonalResults();
    expect(byZone).toEqual({ [vendorZones[0]!]: { 5432: "ok", 6379: "ok" }, [vendorZones[1]!]: { 5432: "timeout", 6379: "timeout" } });
    expect(connectivity.diagnosis[0]).toMatchObject({ code: "zone_unreachable", zones: [vendorZones[1]] });
    expect((await view(linkId)).degraded).toBe(true);
  });
});
