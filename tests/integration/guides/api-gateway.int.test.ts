import {
  AcceptVpcEndpointConnectionsCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  ModifyVpcEndpointServicePermissionsCommand,
} from "@aws-sdk/client-ec2";
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeTargetHealthCommand,
  RegisterTargetsCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAppEngine, type Engine } from "@/lib/engine";
import { runEndpointDetails } from "@/lib/links/endpoint-details";
import { runProbe } from "@/lib/links/probes/probe-link";
import { runProvisioning } from "@/lib/links/provision-link";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { syncVendorRegions } from "@/lib/links/vendor-network";
import { runVerification } from "@/lib/links/verify-link";
import { clientsOf, CUSTOMER_A, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganizationWithKey, jobCtx, withLinkEngine } from "../fixtures/app";
import { createAdminKey } from "../fixtures/callers";
import { allHealthy, api, canBindLowPorts, elbOf, greetingServer, linkOf, probingEngine, untilState, waitForTargets } from "./guides-b-flow";

/**
 * docs/guides/api-gateway.md as written: the customer's API behind an internal NLB on 443 (IP targets: loopback servers)
 * and an endpoint service built with the SDK; the link registered, approved by a vendor admin, accepted, available,
 * connectivity ok; then the vendor's integration team puts its own NLB (for a VPC link) in front of the endpoint:
 * the link's endpointAddresses registered as IP targets, healthy through the endpoint.
 */
const { engine, sandbox } = withLinkEngine({ sandbox: { dataPlane: { healthCheckScale: 0.02 } } });
const PORT = 443;

let probing: Engine;
let servers: Awaited<ReturnType<typeof greetingServer>>[] = [];

beforeAll(async () => {
  probing = probingEngine(engine(), sandbox());
  setAppEngine(probing);
  await syncVendorRegions(engine(), [{ region: "us-east-1", ports: [PORT, 5432], excludedAzIds: [] }]);
});

afterAll(() => {
  for (const server of servers) server.close();
});

describe("guide: a private API behind an NLB, handed to a VPC link", () => {
  it.skipIf(!canBindLowPorts())(
    "NLB -> endpoint service -> register -> approve -> accept -> connectivity ok -> the vendor's NLB on the endpoint's addresses",
    async () => {
      const { key } = await createOrganizationWithKey({ approvalMode: "manual" });
      const admin = await createAdminKey();
      const { body: facts } = await api("getConnectivity", "GET", "/api/v1/connectivity", key);
      const principalArn = facts.principalArn as string;

      // The customer's side, with the SDK: an internal NLB in two zones, TCP 443 to IP targets, an endpoint service.
      const customer = clientsOf(sandbox(), CUSTOMER_A).ec2;
      const elb = elbOf(sandbox(), CUSTOMER_A);
      const subnets = ((await customer.send(new DescribeSubnetsCommand({}))).Subnets ?? [])
        .filter((s) => s.AvailabilityZoneId === "use1-az2" || s.AvailabilityZoneId === "use1-az3")
        .sort((a, b) => a.AvailabilityZoneId!.localeCompare(b.AvailabilityZoneId!));
      const vpcId = subnets[0]!.VpcId!;
      const loadBalancerArn = (
        await elb.send(new CreateLoadBalancerCommand({ Name: "orders-api", Type: "network", Scheme: "internal", Subnets: subnets.map((s) => s.SubnetId!) }))
      ).LoadBalancers![0]!.LoadBalancerArn!;
      const groupArn = (
        await elb.send(
          new CreateTargetGroupCommand({
            Name: "orders-api-443",
            Protocol: "TCP",
            Port: PORT,
            VpcId: vpcId,
            TargetType: "ip",
            HealthCheckIntervalSeconds: 5,
            HealthyThresholdCount: 2,
          }),
        )
      ).TargetGroups![0]!.TargetGroupArn!;
      servers = await Promise.all(subnets.map(() => greetingServer()));
      await elb.send(
        new RegisterTargetsCommand({
          TargetGroupArn: groupArn,
          Targets: servers.map((server, i) => ({ Id: "127.0.0.1", Port: server.port, AvailabilityZone: subnets[i]!.AvailabilityZone })),
        }),
      );
      await elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: loadBalancerArn,
          Protocol: "TCP",
          Port: PORT,
          DefaultActions: [{ Type: "forward", TargetGroupArn: groupArn }],
        }),
      );
      const { ServiceConfiguration: service } = await customer.send(
        new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [loadBalancerArn], AcceptanceRequired: true }),
      );
      await customer.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: service!.ServiceId!, AddAllowedPrincipals: [principalArn] }));
      await waitForTargets(sandbox(), elb, groupArn, allHealthy);

      // Register; the checks pass and the link waits for a vendor admin.
      const created = await api("createLink", "POST", "/api/v1/links", key, {
        body: { name: "orders-api", serviceName: service!.ServiceName!, region: "us-east-1", ports: [PORT], tlsPorts: [] },
      });
      expect(created).toMatchObject({ status: 201, body: { state: "verifying", ports: [PORT], tlsPorts: [] } });
      const id = created.body.id;
      const job = { ctx: jobCtx(probing), input: { linkId: id } };
      await runVerification(job);
      const waiting = await linkOf(key, id);
      expect(waiting.state).toBe("pending_approval");
      expect(waiting.checks.filter((c) => c.status === "fail")).toEqual([]);

      const approved = await api("approveLink", "POST", `/api/v1/admin/links/${id}/approve`, admin, { id });
      expect(approved).toMatchObject({ status: 200, body: { state: "provisioning" } });
      await runProvisioning(job);
      const pending = await linkOf(key, id);
      expect(pending).toMatchObject({ state: "pending_acceptance", endpointId: expect.stringMatching(/^vpce-/) });
      await customer.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: service!.ServiceId!, VpcEndpointIds: [pending.endpointId!] }));
      await untilState(
        () => linkOf(key, id),
        () => reconcileLinks({ ctx: jobCtx(probing) }),
        "available",
      );

      // The endpoint's addresses, per zone, as the vendor's own DescribeNetworkInterfaces lists them; a timeline entry says so.
      await runEndpointDetails(job);
      const available = await linkOf(key, id);
      const vendorEc2 = clientsOf(sandbox(), VENDOR).ec2;
      const { NetworkInterfaces = [] } = await vendorEc2.send(
        new DescribeNetworkInterfacesCommand({ Filters: [{ Name: "description", Values: [`VPC Endpoint Interface ${available.endpointId}`] }] }),
      );
      const described = NetworkInterfaces.map((eni) => ({
        azId: eni.AvailabilityZoneId,
        subnetId: eni.SubnetId,
        networkInterfaceId: eni.NetworkInterfaceId,
        privateIpAddress: eni.PrivateIpAddress,
      })).sort((a, b) => a.azId!.localeCompare(b.azId!));
      expect(available.endpointAddresses).toHaveLength(2);
      expect(available.endpointAddresses).toEqual(described);
      const { body: events } = await api("listLinkEvents", "GET", `/api/v1/links/${id}/events`, key, { id });
      expect((events.data as { kind: string }[]).filter((e) => e.kind === "addresses")).toHaveLength(1);

      // Connectivity ok in both zones on 443 (plain TCP: tlsPorts is empty).
      await runProbe({ ctx: jobCtx(probing), input: { linkId: id, trigger: "manual" } });
      const { connectivity } = await linkOf(key, id);
      expect(connectivity).toMatchObject({ status: "ok", diagnosis: [] });
      expect(connectivity.targets.filter((t) => t.kind === "zonal").flatMap((t) => t.ports.map((p) => [p.port, p.result]))).toEqual([
        [PORT, "ok"],
        [PORT, "ok"],
      ]);

      // The vendor's integration team: an internal NLB in the endpoint's subnets, its IP targets the endpoint's addresses.
      const vendorElb = elbOf(sandbox(), VENDOR);
      const vendorVpc = (await vendorEc2.send(new DescribeSubnetsCommand({ SubnetIds: [available.endpointAddresses[0]!.subnetId] }))).Subnets![0]!.VpcId!;
      const vpcLinkNlb = (
        await vendorElb.send(
          new CreateLoadBalancerCommand({
            Name: "vpc-link-orders",
            Type: "network",
            Scheme: "internal",
            Subnets: available.endpointAddresses.map((a) => a.subnetId),
          }),
        )
      ).LoadBalancers![0]!.LoadBalancerArn!;
      const vpcLinkGroup = (
        await vendorElb.send(
          new CreateTargetGroupCommand({
            Name: "vpc-link-orders",
            Protocol: "TCP",
            Port: PORT,
            VpcId: vendorVpc,
            TargetType: "ip",
            HealthCheckIntervalSeconds: 5,
            HealthyThresholdCount: 2,
          }),
        )
      ).TargetGroups![0]!.TargetGroupArn!;
      const targets = available.endpointAddresses.map((a) => ({ Id: a.privateIpAddress, Port: PORT }));
      await vendorElb.send(new RegisterTargetsCommand({ TargetGroupArn: vpcLinkGroup, Targets: targets }));
      await vendorElb.send(
        new CreateListenerCommand({
          LoadBalancerArn: vpcLinkNlb,
          Protocol: "TCP",
          Port: PORT,
          DefaultActions: [{ Type: "forward", TargetGroupArn: vpcLinkGroup }],
        }),
      );
      const registered = (await vendorElb.send(new DescribeTargetHealthCommand({ TargetGroupArn: vpcLinkGroup }))).TargetHealthDescriptions ?? [];
      expect(registered.map((r) => r.Target?.Id).sort()).toEqual(targets.map((t) => t.Id).sort());
      // Its health checks cross the endpoint to the customer's API: healthy once they connect.
      const healthy = await waitForTargets(sandbox(), vendorElb, vpcLinkGroup, allHealthy);
      expect(healthy.map((r) => [r.Target?.Id, r.Target?.Port]).sort()).toEqual(targets.map((t) => [t.Id, t.Port]).sort());
    },
    120_000,
  );
});
