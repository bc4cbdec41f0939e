import { readFileSync } from "node:fs";
import tls from "node:tls";
import {
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointsCommand,
} from "@aws-sdk/client-ec2";
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, DescribeTargetHealthCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDeletion } from "@/lib/links/delete-link";
import { runProbe } from "@/lib/links/probes/probe-link";
import { runProvisioning } from "@/lib/links/provision-link";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { runVerification } from "@/lib/links/verify-link";
import { clientsOf, CUSTOMER_A, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganizationWithKey, jobCtx, withLinkEngine } from "../fixtures/app";
import { createAdminKey } from "../fixtures/callers";
import { withTempDir } from "../fixtures/temp-dir";
import { selfSigned } from "../links/probes-fixtures";
import { customerEnv, customerVpc, downloadCliKit, runScript, SERVICE_NAME, type Subnet } from "../setup-kits/cli-kit";
import { hasTool, run, toolTitle } from "../setup-kits/tools";
import { api, customerElb, readLink, targetsHealthy, withProbes } from "./guides-a-steps";

/**
 * docs/guides/kubernetes-service.md as written: pods serving TLS on 443 behind an internal NLB with IP targets, built by
 * the CLI kit (bash and the AWS CLI against the sandbox) with its security group and an S3 gateway endpoint, in a
 * region where the vendor does not use use1-az3; registered, accepted, probed through the sandbox's data plane
 * (the pods are TLS servers on loopback), then removed with the guide's own commands.
 */
const { engine, sandbox } = withLinkEngine({ sandbox: { dataPlane: { healthCheckScale: 0.02 } } });
const probing = withProbes(engine, sandbox);
const home = withTempDir("guide-kubernetes-");
const canRun = hasTool("bash") && hasTool("aws") && hasTool("openssl");

const NAME = "analytics";
/** The pods' IPs: loopback addresses stand for hosts of the customer's VPC in the sandbox. */
const PODS = ["127.43.0.11", "127.43.0.12"];
const GUIDE = "docs/guides/kubernetes-service.md";

let admin = "";
let key = "";
let vpcId = "";
let subnets: Subnet[] = [];
let cidrs: string[] = [];
let kit = "";
let serviceName = "";
let linkId = "";
let endpointId = "";
const pods: tls.Server[] = [];

const customer = (extra: Record<string, string> = {}) => customerEnv(sandbox(), home, { AWS_DEFAULT_REGION: "us-east-1", ...extra });
const yearFromNow = () => new Date(Date.now() + 365 * 86_400_000);
const ownCertificate = () => selfSigned("analytics.customer.example", ["analytics.customer.example"], new Date(Date.now() - 60_000), yearFromNow());

async function startPod(address: string): Promise<tls.Server> {
  const server = tls.createServer(ownCertificate(), (socket) => socket.on("error", () => undefined).end());
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen({ host: address, port: 443 }, resolve));
  return server;
}

beforeAll(async () => {
  if (!canRun) return;
  admin = await createAdminKey();
  ({ key } = await createOrganizationWithKey({ approvalMode: "automatic" }));
  ({ vpcId, subnets } = await customerVpc(sandbox()));
  for (const address of PODS) pods.push(await startPod(address));
});

afterAll(() => {
  for (const pod of pods) pod.close();
});

describe.skipIf(!canRun)(toolTitle("aws", "guide: a service on Kubernetes behind an internal NLB on 443"), () => {
  it("the vendor offers 443 in us-east-1 and does not use use1-az3: the customer's Setup facts say so", async () => {
    const saved = await api("saveRegion", "PATCH", "/api/v1/admin/regions/us-east-1", admin, {
      params: { region: "us-east-1" },
      body: { ports: [443, 5432], excludedAzIds: ["use1-az3"] },
    });
    expect(saved).toMatchObject({ status: 200, body: { offeredAzIds: ["use1-az1", "use1-az2"] } });

    const { body } = await api("getConnectivity", "GET", "/api/v1/connectivity", key);
    const region = (body.regions as { region: string; availabilityZoneIds: string[]; ports: number[]; cidrs: string[] }[]).find(
      (r) => r.region === "us-east-1",
    )!;
    expect(region).toMatchObject({ availabilityZoneIds: ["use1-az1", "use1-az2"], ports: [443, 5432] });
    cidrs = region.cidrs;
  });

  it("the kit stops before it creates anything when a subnet is in use1-az3", async () => {
    kit = await downloadCliKit(key, home, "region=us-east-1&target=ip&ports=443&s3GatewayEndpoint=true");
    expect(kit).toMatch(/privatelink-us-east-1-ip\.sh$/);
    expect(readFileSync(kit, "utf8")).toContain("VENDOR_AZ_IDS=(use1-az1 use1-az2)");

    const both = await runScript(kit, customer({ NAME, VPC_ID: vpcId, SUBNET_IDS: subnets.map((s) => s.subnetId).join(","), TARGETS: PODS.join(",") }));
    const excluded = subnets.find((s) => s.zoneId === "use1-az3")!;
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain(`error: ${excluded.subnetId} is in use1-az3; put the NLB only in subnets in use1-az1 use1-az2`);
    const { LoadBalancers = [] } = await customerElb(sandbox(), CUSTOMER_A).send(new DescribeLoadBalancersCommand({}));
    expect(LoadBalancers.map((lb) => lb.LoadBalancerName)).not.toContain(NAME);
  });

  it("run with the subnet in use1-az2, it prints the service name: NLB, IP targets on 443, our CIDRs on 443, S3 gateway endpoint", async () => {
    const subnet = subnets.find((s) => s.zoneId === "use1-az2")!;
    const result = await runScript(kit, customer({ NAME, VPC_ID: vpcId, SUBNET_IDS: subnet.subnetId, TARGETS: PODS.join(",") }));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("warning: one subnet puts the NLB in one zone; add a subnet in another of use1-az1 use1-az2 for resilience");
    serviceName = result.stdout.trim();
    expect(serviceName).toMatch(SERVICE_NAME);

    const elb = customerElb(sandbox(), CUSTOMER_A);
    const [nlb] = (await elb.send(new DescribeLoadBalancersCommand({ Names: [NAME] }))).LoadBalancers ?? [];
    expect(nlb).toMatchObject({ Type: "network", Scheme: "internal", EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: "on" });
    expect(nlb!.AvailabilityZones!.map((zone) => zone.SubnetId)).toEqual([subnet.subnetId]);
    const [group] = (await elb.send(new DescribeTargetGroupsCommand({ Names: [`${NAME}-443`] }))).TargetGroups ?? [];
    expect(group).toMatchObject({ Protocol: "TCP", Port: 443, TargetType: "ip" });
    const health = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: group!.TargetGroupArn }));
    expect(health.TargetHealthDescriptions!.map((t) => `${t.Target!.Id}:${t.Target!.Port}`).sort()).toEqual(PODS.map((ip) => `${ip}:443`));

    const { ec2 } = clientsOf(sandbox(), CUSTOMER_A);
    const [securityGroup] = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: nlb!.SecurityGroups }))).SecurityGroups ?? [];
    const inbound = securityGroup!.IpPermissions!.flatMap((p) => (p.IpRanges ?? []).map((r) => `${p.IpProtocol} ${p.FromPort}-${p.ToPort} ${r.CidrIp}`));
    expect(inbound.sort()).toEqual(cidrs.map((cidr) => `tcp 443-443 ${cidr}`).sort());

    const gateways = await ec2.send(
      new DescribeVpcEndpointsCommand({
        Filters: [
          { Name: "vpc-id", Values: [vpcId] },
          { Name: "vpc-endpoint-type", Values: ["Gateway"] },
        ],
      }),
    );
    expect(gateways.VpcEndpoints).toHaveLength(1);
    expect(gateways.VpcEndpoints![0]).toMatchObject({
      ServiceName: "com.amazonaws.us-east-1.s3",
      State: "available",
      RouteTableIds: [expect.stringMatching(/^rtb-/)],
    });
    expect(gateways.VpcEndpoints![0]!.Tags).toContainEqual({ Key: "privatelink-portal:kit", Value: NAME });
  });

  it("registered, it verifies with az_overlap warning of one shared zone, and our endpoint is never placed in use1-az3", async () => {
    const created = await api("createLink", "POST", "/api/v1/links", key, { body: { name: NAME, serviceName, region: "us-east-1", ports: [443] } });
    expect(created).toMatchObject({ status: 201, body: { state: "verifying", ports: [443], tlsPorts: [443] } });
    linkId = created.body.id as string;

    await runVerification({ ctx: jobCtx(engine()), input: { linkId } });
    const verified = await readLink(key, linkId);
    expect(verified.state).toBe("provisioning");
    expect((verified.checks as { name: string }[]).find((c) => c.name === "az_overlap")).toMatchObject({
      status: "warn",
      detail: "Only one shared zone (use1-az2); add another of use1-az1 for resilience.",
    });

    await runProvisioning({ ctx: jobCtx(engine()), input: { linkId } });
    const provisioned = await readLink(key, linkId);
    expect(provisioned).toMatchObject({ state: "pending_acceptance", endpointId: expect.stringMatching(/^vpce-/) });
    endpointId = provisioned.endpointId as string;
    const { ec2 } = clientsOf(sandbox(), VENDOR);
    const [endpoint] = (await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }))).VpcEndpoints ?? [];
    const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: endpoint!.SubnetIds }));
    expect(Subnets.map((s) => s.AvailabilityZoneId)).toEqual(["use1-az2"]);
  });

  it("accepted with the AWS CLI, the link is available with its DNS names", async () => {
    const serviceId = serviceName.split(".").at(-1)!;
    const accepted = await run(
      "aws",
      ["ec2", "accept-vpc-endpoint-connections", "--region", "us-east-1", "--service-id", serviceId, "--vpc-endpoint-ids", endpointId],
      {
        env: customer(),
      },
    );
    expect(accepted.code, accepted.stderr).toBe(0);
    for (let pass = 0; (await readLink(key, linkId)).state !== "available"; pass += 1) {
      expect(pass, "the link becomes available").toBeLessThan(20);
      await reconcileLinks({ ctx: jobCtx(engine()) });
    }
    const dnsNames = (await readLink(key, linkId)).dnsNames as string[];
    expect(dnsNames).toHaveLength(2); // the regional name and use1-az2's
    expect(dnsNames.every((name) => name.endsWith(`.${serviceId}.us-east-1.vpce.amazonaws.com`))).toBe(true);
  });

  it("on 443 the probe checks the pods' certificate: a name of the customer's own fails, one naming the endpoint passes", async () => {
    const elb = customerElb(sandbox(), CUSTOMER_A);
    const [group] = (await elb.send(new DescribeTargetGroupsCommand({ Names: [`${NAME}-443`] }))).TargetGroups ?? [];
    await targetsHealthy(sandbox(), elb, group!.TargetGroupArn!);

    await runProbe({ ctx: jobCtx(probing()), input: { linkId, trigger: "available" } });
    const mismatched = await readLink(key, linkId);
    expect(mismatched).toMatchObject({ degraded: true, connectivity: { status: "degraded" } });
    expect((mismatched.connectivity as { diagnosis: { code: string }[] }).diagnosis.map((d) => d.code)).toEqual(["tls_name_mismatch"]);

    const dnsNames = mismatched.dnsNames as string[];
    const named = selfSigned("analytics", dnsNames, new Date(Date.now() - 60_000), yearFromNow());
    for (const pod of pods) pod.setSecureContext(named);
    await runProbe({ ctx: jobCtx(probing()), input: { linkId, trigger: "manual" } });
    const ok = await readLink(key, linkId);
    expect(ok).toMatchObject({ degraded: false, connectivity: { status: "ok", diagnosis: [] } });
    const ports = (ok.connectivity as { targets: { ports: { port: number; result: string; tls: { names: string[] } | null }[] }[] }).targets.flatMap(
      (t) => t.ports,
    );
    expect(ports.map((p) => [p.port, p.result])).toEqual([
      [443, "ok"],
      [443, "ok"],
    ]);
    expect(ports[0]!.tls!.names).toEqual(dnsNames);
  });

  it("removed as the guide says: the link first, then the kit's resources with the guide's commands", async () => {
    expect((await api("deleteLink", "DELETE", `/api/v1/links/${linkId}`, key, { params: { id: linkId } })).status).toBe(202);
    for (let pass = 0; (await readLink(key, linkId)).state !== "deleted"; pass += 1) {
      expect(pass, "the link is deleted").toBeLessThan(5);
      await runDeletion({ ctx: jobCtx(engine()), input: { linkId } });
    }

    const removal = readFileSync(GUIDE, "utf8").match(/```sh\n(NAME=analytics[^`]*?delete-vpc-endpoint-service-configurations[^`]*?)```/)?.[1];
    expect(removal, `the removal commands in ${GUIDE}`).toBeDefined();
    const removed = await run("bash", ["-euo", "pipefail", "-c", removal!], { env: customer() });
    expect(removed.code, removed.stderr).toBe(0);

    const elb = customerElb(sandbox(), CUSTOMER_A);
    const { ec2 } = clientsOf(sandbox(), CUSTOMER_A);
    expect((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers!.map((lb) => lb.LoadBalancerName)).not.toContain(NAME);
    expect((await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups!.map((g) => g.TargetGroupName)).not.toContain(`${NAME}-443`);
    const tagged = [{ Name: "tag:privatelink-portal:kit", Values: [NAME] }];
    expect((await ec2.send(new DescribeSecurityGroupsCommand({ Filters: tagged }))).SecurityGroups).toEqual([]);
    expect((await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ Filters: tagged }))).ServiceConfigurations).toEqual([]);
    const gateways = (await ec2.send(new DescribeVpcEndpointsCommand({ Filters: tagged }))).VpcEndpoints ?? [];
    // EC2 answers its endpoint states in lower case, which the SDK's type spells otherwise.
    expect(gateways.map((g) => String(g.State))).toEqual(gateways.map(() => expect.stringMatching(/^(deleting|deleted)$/)));
    expect(gateways.length, "the kit's S3 gateway endpoint, gone or going").toBeLessThanOrEqual(1);
  });
});
