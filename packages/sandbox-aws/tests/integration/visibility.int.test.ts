import {
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServicePermissionsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcsCommand,
  ModifyVpcEndpointServicePermissionsCommand,
} from "@aws-sdk/client-ec2";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { beforeAll, describe, expect, it } from "vitest";
import { withSandbox } from "../fixtures/sandbox";
import {
  assumedCredentials,
  clientsFor,
  clientsOf,
  CUSTOMER_A,
  CUSTOMER_B,
  CUSTOMER_C,
  expectAwsError,
  loadBalancerOf,
  trustPolicy,
  VENDOR,
  type Clients,
} from "../../src/testing";

/**
 * Who can see an endpoint service: the owner, and principals on its allow list. The tenant-scoped
 * principal (a role ARN) admits that role's sessions only; the account root admits the whole
 * account; anybody else is told the service does not exist.
 */
describe("sandbox: service visibility", () => {
  const sandbox = withSandbox();
  let vendor: Clients;
  let tenantA: Clients;
  let tenantB: Clients;
  let serviceName: string;
  let serviceId: string;

  beforeAll(async () => {
    vendor = clientsOf(sandbox(), VENDOR);
    const roles = await Promise.all(
      ["tenant-a", "tenant-b"].map((name) =>
        vendor.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${VENDOR.accountId}:root`) })),
      ),
    );
    const [roleA, roleB] = roles.map((r) => r.Role?.Arn ?? "");
    tenantA = clientsFor(sandbox(), await assumedCredentials(vendor.sts, roleA ?? ""));
    tenantB = clientsFor(sandbox(), await assumedCredentials(vendor.sts, roleB ?? ""));
    const customer = clientsOf(sandbox(), CUSTOMER_A).ec2;
    const created = await customer.send(
      new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [await loadBalancerOf(sandbox(), CUSTOMER_A)] }),
    );
    serviceName = created.ServiceConfiguration?.ServiceName ?? "";
    serviceId = created.ServiceConfiguration?.ServiceId ?? "";
    const added = await customer.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: [roleA ?? ""] }));
    expect(added.AddedPrincipals?.[0]).toMatchObject({ Principal: roleA, PrincipalType: "Role" });
  });

  it("shows the service to the allowlisted role's session, with AZ names in the caller's own mapping", async () => {
    const { ServiceDetails, ServiceNames } = await tenantA.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] }));
    expect(ServiceNames).toEqual([serviceName]);
    const detail = ServiceDetails?.[0];
    expect(detail).toMatchObject({
      ServiceName: serviceName,
      ServiceId: serviceId,
      ServiceType: [{ ServiceType: "Interface" }],
      Owner: CUSTOMER_A.accountId,
      AcceptanceRequired: true,
      ManagesVpcEndpoints: false,
      SupportedIpAddressTypes: ["ipv4"],
      ServiceRegion: "us-east-1",
    });
    // Customer A's NLB is in its us-east-1a/b = use1-az2/az3; the vendor calls those b/c.
    expect(detail?.AvailabilityZoneIds).toEqual(["use1-az2", "use1-az3"]);
    expect(detail?.AvailabilityZones).toEqual(["us-east-1b", "us-east-1c"]);
    const owner = await clientsOf(sandbox(), CUSTOMER_A).ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] }));
    expect(owner.ServiceDetails?.[0]?.AvailabilityZones).toEqual(["us-east-1a", "us-east-1b"]);
  });

  it("hides it from another role of the same account, the vendor root and other accounts", async () => {
    await expectAwsError(tenantB.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] })), "InvalidServiceName");
    await expectAwsError(vendor.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] })), "InvalidServiceName");
    const other = clientsOf(sandbox(), CUSTOMER_B).ec2;
    await expectAwsError(other.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] })), "InvalidServiceName");
    const listed = await tenantB.ec2.send(new DescribeVpcEndpointServicesCommand({}));
    expect(listed.ServiceNames ?? []).not.toContain(serviceName);
  });

  it("refuses CreateVpcEndpoint from a principal that cannot see the service (the confused deputy)", async () => {
    const vpcId = (await tenantB.ec2.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId;
    await expectAwsError(
      tenantB.ec2.send(new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: serviceName })),
      "InvalidServiceName",
    );
  });

  it("admits every principal of an account allowlisted by its root ARN", async () => {
    const customer = clientsOf(sandbox(), CUSTOMER_A).ec2;
    await customer.send(
      new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: [`arn:aws:iam::${VENDOR.accountId}:root`] }),
    );
    for (const client of [vendor, tenantB]) {
      const { ServiceNames } = await client.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] }));
      expect(ServiceNames).toEqual([serviceName]);
    }
    const { AllowedPrincipals } = await customer.send(new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: serviceId }));
    expect(AllowedPrincipals?.map((p) => p.PrincipalType).sort()).toEqual(["Account", "Role"]);
    await customer.send(
      new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, RemoveAllowedPrincipals: [`arn:aws:iam::${VENDOR.accountId}:root`] }),
    );
    await expectAwsError(vendor.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] })), "InvalidServiceName");
  });

  it("refuses subnets in AZs the service does not support", async () => {
    const customerC = clientsOf(sandbox(), CUSTOMER_C).ec2;
    const created = await customerC.send(
      new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [await loadBalancerOf(sandbox(), CUSTOMER_C)] }),
    );
    const cId = created.ServiceConfiguration?.ServiceId ?? "";
    await customerC.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: cId, AddAllowedPrincipals: ["*"] }));
    // Customer C's NLB sits in use1-az4/az5; the vendor's subnets are in use1-az1..az3: no overlap.
    const { ServiceDetails } = await vendor.ec2.send(
      new DescribeVpcEndpointServicesCommand({ ServiceNames: [created.ServiceConfiguration?.ServiceName ?? ""] }),
    );
    expect(ServiceDetails?.[0]?.AvailabilityZoneIds).toEqual(["use1-az4", "use1-az5"]);
    const { Subnets } = await vendor.ec2.send(new DescribeSubnetsCommand({}));
    const vpcId = Subnets?.[0]?.VpcId;
    await expectAwsError(
      vendor.ec2.send(
        new CreateVpcEndpointCommand({
          VpcEndpointType: "Interface",
          VpcId: vpcId,
          ServiceName: created.ServiceConfiguration?.ServiceName,
          SubnetIds: [Subnets?.[0]?.SubnetId ?? ""],
        }),
      ),
      "InvalidParameter",
    );
  });

  it("reaches a service in another region only through its SupportedRegions", async () => {
    const customer = clientsOf(sandbox(), CUSTOMER_A, "eu-west-1").ec2;
    const created = await customer.send(
      new CreateVpcEndpointServiceConfigurationCommand({
        NetworkLoadBalancerArns: [await loadBalancerOf(sandbox(), CUSTOMER_A, "eu-west-1")],
        SupportedRegions: ["us-east-1"],
        AcceptanceRequired: false,
      }),
    );
    const config = created.ServiceConfiguration;
    expect(config?.SupportedRegions?.map((r) => r.Region)).toEqual(["eu-west-1", "us-east-1"]);
    await customer.send(
      new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: config?.ServiceId, AddAllowedPrincipals: [`arn:aws:iam::${VENDOR.accountId}:root`] }),
    );
    const name = config?.ServiceName ?? "";

    // From us-east-1 without naming the region: not found; naming it: visible.
    await expectAwsError(vendor.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [name] })), "InvalidServiceName");
    const seen = await vendor.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [name], ServiceRegions: ["eu-west-1"] }));
    expect(seen.ServiceDetails?.[0]?.ServiceRegion).toBe("eu-west-1");

    const { Subnets } = await vendor.ec2.send(new DescribeSubnetsCommand({}));
    const { VpcEndpoint } = await vendor.ec2.send(
      new CreateVpcEndpointCommand({
        VpcEndpointType: "Interface",
        VpcId: Subnets?.[0]?.VpcId,
        ServiceName: name,
        ServiceRegion: "eu-west-1",
        SubnetIds: [Subnets?.[0]?.SubnetId ?? ""],
      }),
    );
    expect(VpcEndpoint?.ServiceRegion).toBe("eu-west-1");
    const { VpcEndpointConnections } = await customer.send(new DescribeVpcEndpointConnectionsCommand({}));
    expect(VpcEndpointConnections?.[0]).toMatchObject({ VpcEndpointId: VpcEndpoint?.VpcEndpointId, VpcEndpointRegion: "us-east-1" });

    // us-west-2 is not among the supported regions.
    const west = clientsOf(sandbox(), VENDOR, "us-west-2").ec2;
    await expectAwsError(west.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [name], ServiceRegions: ["eu-west-1"] })), "InvalidServiceName");
  });
});
