import { once } from "node:events";
import { Resolver } from "node:dns/promises";
import net from "node:net";
import {
  AcceptVpcEndpointConnectionsCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DescribeSecurityGroupsCommand,
  ModifyVpcEndpointServicePermissionsCommand,
} from "@aws-sdk/client-ec2";
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeTargetGroupAttributesCommand,
  ModifyLoadBalancerAttributesCommand,
  ModifyTargetGroupAttributesCommand,
  RegisterTargetsCommand,
  SetSecurityGroupsCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDeletion } from "@/lib/links/delete-link";
import { runProbe } from "@/lib/links/probes/probe-link";
import { runProvisioning } from "@/lib/links/provision-link";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { runVerification } from "@/lib/links/verify-link";
import { clientsOf, CUSTOMER_A } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganizationWithKey, jobCtx, withLinkEngine } from "../fixtures/app";
import { createAdminKey } from "../fixtures/callers";
import { customerVpc } from "../setup-kits/cli-kit";
import { api, customerElb, readLink, targetsHealthy, withProbes } from "./guides-a-steps";

/**
 * docs/guides/database.md as written: private links on Enterprise only, a Team organization refused, upgraded on
 * request, then its database (a loopback server standing for RDS by IP, answering a client that speaks first) behind an NLB without a security
 * group and an RDS-style target group, built with the SDK; approved by a vendor admin, accepted, probed, and read
 * through the endpoint's DNS name from the sandbox's resolver.
 */
const { engine, sandbox } = withLinkEngine({ sandbox: { dataPlane: { healthCheckScale: 0.02 } } });
const probing = withProbes(engine, sandbox);

/** The database's address: loopback stands for a host of the customer's VPC in the sandbox. */
const DATABASE = "127.54.32.10";
const HELLO = "startup orders\n";
const GREETING = "orders-db ready\n";
const NAME = "orders-db";

let admin = "";
let key = "";
let database: net.Server;
let serviceId = "";
let serviceName = "";
let targetGroupArn = "";
let linkId = "";

beforeAll(async () => {
  admin = await createAdminKey();
  ({ key } = await createOrganizationWithKey({ plan: "team", approvalMode: "manual" }));
  // Like PostgreSQL, it waits for the client to speak first and hangs up on anything else, such as a proxy protocol header.
  database = net.createServer((socket) =>
    socket.on("error", () => undefined).once("data", (chunk: Buffer) => (chunk.toString().startsWith(HELLO) ? socket.write(GREETING) : socket.destroy())),
  );
  database.listen(5432, DATABASE);
  await once(database, "listening");
});

afterAll(() => database.close());

const register = () => api("createLink", "POST", "/api/v1/links", key, { body: { name: NAME, serviceName, region: "us-east-1", ports: [5432] } });

describe("guide: a database, private links on Enterprise only", () => {
  it("a vendor admin makes private links Enterprise-only", async () => {
    const patched = await api("updatePlan", "PATCH", "/api/v1/admin/plans/team", admin, { params: { plan: "team" }, body: { privateLinks: false } });
    expect(patched).toMatchObject({ status: 200, body: { key: "team", privateLinks: false } });
  });

  it("the customer builds its side: an NLB without a security group, a TCP target group on 5432 with proxy protocol v2 and client IP preservation off", async () => {
    const { body: connectivity } = await api("getConnectivity", "GET", "/api/v1/connectivity", key);
    const elb = customerElb(sandbox(), CUSTOMER_A);
    const { ec2 } = clientsOf(sandbox(), CUSTOMER_A);
    const { vpcId, subnets } = await customerVpc(sandbox());

    const [nlb] =
      (await elb.send(new CreateLoadBalancerCommand({ Name: NAME, Type: "network", Scheme: "internal", Subnets: subnets.map((s) => s.subnetId) })))
        .LoadBalancers ?? [];
    expect(nlb!.SecurityGroups ?? []).toEqual([]);
    // As in AWS, a security group cannot be added to an NLB made without one.
    const [vpcDefault] =
      (
        await ec2.send(
          new DescribeSecurityGroupsCommand({
            Filters: [
              { Name: "vpc-id", Values: [vpcId] },
              { Name: "group-name", Values: ["default"] },
            ],
          }),
        )
      ).SecurityGroups ?? [];
    await expect(
      elb.send(new SetSecurityGroupsCommand({ LoadBalancerArn: nlb!.LoadBalancerArn, SecurityGroups: [vpcDefault!.GroupId!] })),
    ).rejects.toMatchObject({
      name: "InvalidConfigurationRequestException",
    });
    await elb.send(
      new ModifyLoadBalancerAttributesCommand({
        LoadBalancerArn: nlb!.LoadBalancerArn,
        Attributes: [{ Key: "load_balancing.cross_zone.enabled", Value: "true" }],
      }),
    );
    const [group] =
      (
        await elb.send(
          new CreateTargetGroupCommand({ Name: `${NAME}-5432`, Protocol: "TCP", Port: 5432, VpcId: vpcId, TargetType: "ip", HealthCheckProtocol: "TCP" }),
        )
      ).TargetGroups ?? [];
    targetGroupArn = group!.TargetGroupArn!;
    await elb.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: targetGroupArn,
        Attributes: [
          { Key: "proxy_protocol_v2.enabled", Value: "false" },
          { Key: "preserve_client_ip.enabled", Value: "false" },
        ],
      }),
    );
    const { Attributes = [] } = await elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: targetGroupArn }));
    const attribute = (name: string) => Attributes.find((a) => a.Key === name)?.Value;
    expect([attribute("proxy_protocol_v2.enabled"), attribute("preserve_client_ip.enabled")]).toEqual(["false", "false"]);
    await elb.send(new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: [{ Id: DATABASE, Port: 5432 }] }));
    await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: nlb!.LoadBalancerArn,
        Protocol: "TCP",
        Port: 5432,
        DefaultActions: [{ Type: "forward", TargetGroupArn: targetGroupArn }],
      }),
    );

    const { ServiceConfiguration: service } = await ec2.send(
      new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [nlb!.LoadBalancerArn!], AcceptanceRequired: true }),
    );
    ({ ServiceId: serviceId = "", ServiceName: serviceName = "" } = service!);
    await ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: [connectivity.principalArn as string] }));
  });

  it("on the Team plan, registration is refused with plan_not_eligible naming private links, and nothing is made", async () => {
    const refused = await register();
    expect(refused).toMatchObject({
      status: 403,
      body: { code: "plan_not_eligible", detail: "The Team plan does not include private links; ask for Enterprise." },
    });
    expect((await api("listLinks", "GET", "/api/v1/links", key)).body.data).toEqual([]);
  });

  it("asked for Enterprise and approved by a vendor admin, the organization registers the link", async () => {
    const asked = await api("createUpgradeRequest", "POST", "/api/v1/upgrade-requests", key, {
      body: { plan: "enterprise", message: "We want to connect our orders database" },
    });
    expect(asked).toMatchObject({ status: 201, body: { currentPlan: "team", requestedPlan: "enterprise", status: "open" } });
    const id = asked.body.id as string;
    const open = await api("adminListUpgradeRequests", "GET", "/api/v1/admin/upgrade-requests?status=open", admin);
    expect((open.body.data as { id: string }[]).map((r) => r.id)).toContain(id);
    const approved = await api("approveUpgradeRequest", "POST", `/api/v1/admin/upgrade-requests/${id}/approve`, admin, { params: { id }, body: {} });
    expect(approved).toMatchObject({ status: 200, body: { status: "approved" } });

    const created = await register();
    expect(created).toMatchObject({ status: 201, body: { state: "verifying", ports: [5432], tlsPorts: [] } });
    linkId = created.body.id as string;
  });

  it("verified, it waits for a vendor admin; approved, provisioned and accepted, it is available", async () => {
    await runVerification({ ctx: jobCtx(engine()), input: { linkId } });
    const verified = await readLink(key, linkId);
    expect(verified.state).toBe("pending_approval");
    expect((verified.checks as { status: string }[]).filter((c) => c.status === "fail")).toEqual([]);

    const approved = await api("approveLink", "POST", `/api/v1/admin/links/${linkId}/approve`, admin, { params: { id: linkId } });
    expect(approved).toMatchObject({ status: 200, body: { state: "provisioning" } });
    await runProvisioning({ ctx: jobCtx(engine()), input: { linkId } });
    const provisioned = await readLink(key, linkId);
    expect(provisioned.state).toBe("pending_acceptance");

    await clientsOf(sandbox(), CUSTOMER_A).ec2.send(
      new AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [provisioned.endpointId as string] }),
    );
    for (let pass = 0; (await readLink(key, linkId)).state !== "available"; pass += 1) {
      expect(pass, "the link becomes available").toBeLessThan(20);
      await reconcileLinks({ ctx: jobCtx(engine()) });
    }
    expect(((await readLink(key, linkId)).dnsNames as string[]).length).toBe(3); // the regional name and one per shared zone
  });

  it("connectivity is ok on 5432 as plain TCP, and a client reads the database's greeting through the endpoint's DNS name", async () => {
    await targetsHealthy(sandbox(), customerElb(sandbox(), CUSTOMER_A), targetGroupArn);
    await runProbe({ ctx: jobCtx(probing()), input: { linkId, trigger: "available" } });
    const link = await readLink(key, linkId);
    expect(link).toMatchObject({ degraded: false, connectivity: { status: "ok", diagnosis: [] } });
    const ports = (link.connectivity as { targets: { ports: { port: number; result: string; tls: unknown }[] }[] }).targets.flatMap((t) => t.ports);
    expect(ports.map((p) => [p.port, p.result, p.tls])).toEqual(ports.map(() => [5432, "ok", null]));

    const resolver = new Resolver();
    const dns = sandbox().dns!;
    resolver.setServers([`${dns.host}:${dns.port}`]);
    const [address] = await resolver.resolve4((link.dnsNames as string[])[0]!);
    const client = net.connect({ host: address!, port: 5432 });
    client.write(HELLO);
    const [greeting] = (await once(client, "data")) as [Buffer];
    client.destroy();
    expect(greeting.toString()).toBe(GREETING);
  });

  it("deleted, the link's endpoint goes and the link reads deleted", async () => {
    expect((await api("deleteLink", "DELETE", `/api/v1/links/${linkId}`, key, { params: { id: linkId } })).status).toBe(202);
    for (let pass = 0; (await readLink(key, linkId)).state !== "deleted"; pass += 1) {
      expect(pass, "the link is deleted").toBeLessThan(5);
      await runDeletion({ ctx: jobCtx(engine()), input: { linkId } });
    }
  });
});
