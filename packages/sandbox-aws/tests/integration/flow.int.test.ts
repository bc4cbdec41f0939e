import {
  AcceptVpcEndpointConnectionsCommand,
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DeleteVpcEndpointsCommand,
  DeleteVpcEndpointServiceConfigurationsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  ModifyVpcEndpointServicePermissionsCommand,
  RejectVpcEndpointConnectionsCommand,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { beforeAll, describe, expect, it } from "vitest";
import { withSandbox } from "../fixtures/sandbox";
import { assumedCredentials, clientsFor, clientsOf, CUSTOMER_A, expectAwsError, loadBalancerOf, trustPolicy, VENDOR } from "../../src/testing";

/** The whole PrivateLink flow, customer (provider) and vendor (consumer) side, through the real SDK. */
describe("sandbox: provider/consumer flow", () => {
  const sandbox = withSandbox();
  let customer: EC2Client;
  let vendorAsTenant: EC2Client;
  let serviceId: string;
  let serviceName: string;
  let vpcId: string;
  let subnetIds: string[];
  let roleArn: string;

  beforeAll(async () => {
    const vendor = clientsOf(sandbox(), VENDOR);
    const { Role } = await vendor.iam.send(
      new CreateRoleCommand({
        RoleName: "tenant-acme",
        Path: "/tenants/",
        AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${VENDOR.accountId}:root`, "acme-ext"),
      }),
    );
    roleArn = Role?.Arn ?? "";
    customer = clientsOf(sandbox(), CUSTOMER_A).ec2;
    const created = await customer.send(
      new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [await loadBalancerOf(sandbox(), CUSTOMER_A)], AcceptanceRequired: true }),
    );
    serviceId = created.ServiceConfiguration?.ServiceId ?? "";
    serviceName = created.ServiceConfiguration?.ServiceName ?? "";
    await customer.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: [roleArn] }));
    vendorAsTenant = clientsFor(sandbox(), await assumedCredentials(vendor.sts, roleArn, "acme-ext")).ec2;
    vpcId = (await vendorAsTenant.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId ?? "";
    const { Subnets } = await vendorAsTenant.send(new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }));
    const { ServiceDetails } = await vendorAsTenant.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] }));
    const zoneIds = ServiceDetails?.[0]?.AvailabilityZoneIds ?? [];
    subnetIds = (Subnets ?? []).filter((s) => zoneIds.includes(s.AvailabilityZoneId ?? "")).map((s) => s.SubnetId ?? "");
  });

  async function endpointState(id: string): Promise<string | undefined> {
    const { VpcEndpoints } = await vendorAsTenant.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    return VpcEndpoints?.[0]?.State;
  }

  it("creates an endpoint waiting for acceptance, with DNS names and one interface per subnet", async () => {
    expect(subnetIds.length).toBeGreaterThanOrEqual(1);
    const { VpcEndpoint } = await vendorAsTenant.send(
      new CreateVpcEndpointCommand({
        VpcEndpointType: "Interface",
        VpcId: vpcId,
        ServiceName: serviceName,
        SubnetIds: subnetIds,
        ClientToken: "link-1",
        TagSpecifications: [{ ResourceType: "vpc-endpoint", Tags: [{ Key: "link-id", Value: "link-1" }] }],
      }),
    );
    expect(VpcEndpoint?.State).toBe("pendingAcceptance");
    expect(VpcEndpoint?.VpcEndpointId).toMatch(/^vpce-[0-9a-f]{17}$/);
    expect(VpcEndpoint?.Tags).toEqual([{ Key: "link-id", Value: "link-1" }]);
    expect(VpcEndpoint?.NetworkInterfaceIds).toHaveLength(subnetIds.length);
    const names = (VpcEndpoint?.DnsEntries ?? []).map((d) => d.DnsName ?? "");
    expect(names).toHaveLength(subnetIds.length + 1);
    const regional = new RegExp(`^${VpcEndpoint?.VpcEndpointId}-[a-z0-9]{8}\\.${serviceId}\\.us-east-1\\.vpce\\.amazonaws\\.com$`);
    expect(names[0]).toMatch(regional);
    expect(names[1]).toMatch(/-us-east-1[a-f]\.vpce-svc-/);
    expect(VpcEndpoint?.DnsEntries?.[0]?.HostedZoneId).toBeTruthy();
  });

  it("is idempotent on ClientToken and refuses the token with other parameters", async () => {
    const input = {
      VpcEndpointType: "Interface" as const,
      VpcId: vpcId,
      ServiceName: serviceName,
      SubnetIds: subnetIds,
      ClientToken: "link-2",
    };
    const first = await vendorAsTenant.send(new CreateVpcEndpointCommand(input));
    const again = await vendorAsTenant.send(new CreateVpcEndpointCommand(input));
    expect(again.VpcEndpoint?.VpcEndpointId).toBe(first.VpcEndpoint?.VpcEndpointId);
    expect(again.ClientToken).toBe("link-2");
    await expectAwsError(
      vendorAsTenant.send(new CreateVpcEndpointCommand({ ...input, SubnetIds: subnetIds.slice(0, 1), PrivateDnsEnabled: false })),
      "IdempotentParameterMismatch",
    );
  });

  it("goes pendingAcceptance -> pending -> available when the customer accepts", async () => {
    const { VpcEndpoint } = await vendorAsTenant.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: serviceName, SubnetIds: subnetIds }),
    );
    const id = VpcEndpoint?.VpcEndpointId ?? "";
    const { VpcEndpointConnections } = await customer.send(new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: "vpc-endpoint-id", Values: [id] }] }));
    expect(VpcEndpointConnections?.[0]).toMatchObject({ VpcEndpointState: "pendingAcceptance", VpcEndpointOwner: VENDOR.accountId, ServiceId: serviceId });
    const accepted = await customer.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [id] }));
    expect(accepted.Unsuccessful ?? []).toEqual([]);
    expect(await endpointState(id)).toBe("available");
    const again = await customer.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [id] }));
    expect(again.Unsuccessful?.[0]?.Error?.Code).toBe("InvalidState");

    // The customer cannot delete a service that still has active connections.
    const refused = await customer.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
    expect(refused.Unsuccessful?.[0]?.Error?.Code).toBe("ExistingVpcEndpointConnections");

    // Revocation: the customer rejects the connection after it was available.
    const rejected = await customer.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [id] }));
    expect(rejected.Unsuccessful ?? []).toEqual([]);
    expect(await endpointState(id)).toBe("rejected");
  });

  it("rejects a pending request", async () => {
    const { VpcEndpoint } = await vendorAsTenant.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: serviceName, SubnetIds: subnetIds }),
    );
    const id = VpcEndpoint?.VpcEndpointId ?? "";
    await customer.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [id] }));
    const { VpcEndpoints } = await vendorAsTenant.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    expect(VpcEndpoints?.[0]?.State).toBe("rejected");
    expect(VpcEndpoints?.[0]?.DnsEntries ?? []).toEqual([]);
  });

  // As AWS documents (PrivateLink guide, "Delete an endpoint service"): a service with available or pending-acceptance
  // connections cannot be deleted, so the customer rejects ours first. The consumer's endpoint stays `rejected`: only the
  // service's absence (InvalidServiceName to the consumer) tells the two apart.
  it("deletes a service only once its connections are rejected, leaving the consumer's endpoint rejected", async () => {
    const own = await customer.send(
      new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [await loadBalancerOf(sandbox(), CUSTOMER_A)], AcceptanceRequired: true }),
    );
    const ownId = own.ServiceConfiguration?.ServiceId ?? "";
    const ownName = own.ServiceConfiguration?.ServiceName ?? "";
    await customer.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: ownId, AddAllowedPrincipals: [roleArn] }));
    const { VpcEndpoint } = await vendorAsTenant.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: ownName, SubnetIds: subnetIds }),
    );
    const id = VpcEndpoint?.VpcEndpointId ?? "";
    const pending = await customer.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [ownId] }));
    expect(pending.Unsuccessful?.[0]?.Error?.Code).toBe("ExistingVpcEndpointConnections");

    await customer.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: ownId, VpcEndpointIds: [id] }));
    const deleted = await customer.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [ownId] }));
    expect(deleted.Unsuccessful ?? []).toEqual([]);
    expect(await endpointState(id)).toBe("rejected");
    const { ServiceDetails } = await vendorAsTenant.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] }));
    expect(ServiceDetails?.map((d) => d.ServiceName)).toEqual([serviceName]);
    await expectAwsError(vendorAsTenant.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [ownName] })), "InvalidServiceName");
    // The consumer may still delete its endpoint of a service that is gone.
    await vendorAsTenant.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    expect(await endpointState(id)).not.toBe("rejected");
  });

  it("expires a request nobody accepts", async () => {
    sandbox().runtime.delays = { ...sandbox().runtime.delays, expireAfterMs: 60_000 };
    const { VpcEndpoint } = await vendorAsTenant.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: serviceName, SubnetIds: subnetIds }),
    );
    const id = VpcEndpoint?.VpcEndpointId ?? "";
    expect(await endpointState(id)).toBe("pendingAcceptance");
    sandbox().advanceClock(sandbox().runtime.delays.expireAfterMs + 1_000);
    expect(await endpointState(id)).toBe("expired");
    const late = await customer.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [id] }));
    expect(late.Unsuccessful?.[0]?.Error?.Code).toBe("InvalidState");
  });

  it("deletes: deleting -> deleted, still visible for a while, then gone", async () => {
    const { VpcEndpoint } = await vendorAsTenant.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: serviceName, SubnetIds: subnetIds }),
    );
    const id = VpcEndpoint?.VpcEndpointId ?? "";
    const deleted = await vendorAsTenant.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    expect(deleted.Unsuccessful ?? []).toEqual([]);
    expect(await endpointState(id)).toBe("deleted");
    const { VpcEndpoints } = await vendorAsTenant.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-endpoint-state", Values: ["deleted"] }] }));
    expect(VpcEndpoints?.map((e) => e.VpcEndpointId)).toContain(id);
    sandbox().advanceClock(sandbox().runtime.delays.deletedRetentionMs + 1_000);
    await expectAwsError(vendorAsTenant.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] })), "InvalidVpcEndpointId.NotFound");
    const again = await vendorAsTenant.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    expect(again.Unsuccessful?.[0]?.Error?.Code).toBe("InvalidVpcEndpoint.NotFound");
  });

  it("goes straight to available when the service needs no acceptance", async () => {
    const lb = await loadBalancerOf(sandbox(), CUSTOMER_A);
    const open = await customer.send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [lb], AcceptanceRequired: false }));
    const openId = open.ServiceConfiguration?.ServiceId ?? "";
    await customer.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: openId, AddAllowedPrincipals: [`arn:aws:iam::${VENDOR.accountId}:root`] }));
    const { VpcEndpoint } = await vendorAsTenant.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: open.ServiceConfiguration?.ServiceName, SubnetIds: subnetIds }),
    );
    expect(VpcEndpoint?.State).toBe("pending");
    expect(await endpointState(VpcEndpoint?.VpcEndpointId ?? "")).toBe("available");
  });
});
