import { Resolver } from "node:dns/promises";
import {
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  ModifyVpcEndpointCommand,
  ModifyVpcEndpointServicePermissionsCommand,
  StartVpcEndpointServicePrivateDnsVerificationCommand,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { inCidr } from "../../src/data-plane/addresses";
import { withSandbox } from "../fixtures/sandbox";
import { clientsOf, CUSTOMER_A, CUSTOMER_B, expectAwsError, loadBalancerOf, VENDOR, type Clients } from "../../src/testing";

/** Private DNS names: verification by a TXT record, the refusals of CreateVpcEndpoint/ModifyVpcEndpoint, the resolver. */
describe("sandbox: private DNS names", () => {
  const sandbox = withSandbox();
  let vendor: EC2Client;
  let vpcId: string;
  let subnetIds: string[];

  beforeAll(async () => {
    vendor = clientsOf(sandbox(), VENDOR).ec2;
    vpcId = (await vendor.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId ?? "";
    const { Subnets } = await vendor.send(new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }));
    subnetIds = (Subnets ?? []).map((s) => s.SubnetId ?? "");
  });

  /** A service of `customer`'s, visible to the vendor, with `name` as its private DNS name. */
  async function service(customer: typeof CUSTOMER_A, name?: string): Promise<{ clients: Clients; id: string; name: string; zoneIds: string[] }> {
    const clients = clientsOf(sandbox(), customer);
    const created = await clients.ec2.send(
      new CreateVpcEndpointServiceConfigurationCommand({
        NetworkLoadBalancerArns: [await loadBalancerOf(sandbox(), customer)],
        AcceptanceRequired: false,
        PrivateDnsName: name,
      }),
    );
    const id = created.ServiceConfiguration?.ServiceId ?? "";
    await clients.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: id, AddAllowedPrincipals: [`arn:aws:iam::${VENDOR.accountId}:root`] }));
    return { clients, id, name: created.ServiceConfiguration?.ServiceName ?? "", zoneIds: created.ServiceConfiguration?.AvailabilityZoneIds ?? [] };
  }

  async function verificationState(clients: Clients, serviceName: string): Promise<string | undefined> {
    const { ServiceDetails } = await clients.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] }));
    return ServiceDetails?.[0]?.PrivateDnsNameVerificationState;
  }

  async function subnetsFor(zoneIds: string[]): Promise<string[]> {
    const { Subnets } = await vendor.send(new DescribeSubnetsCommand({ SubnetIds: subnetIds }));
    return (Subnets ?? []).filter((s) => zoneIds.includes(s.AvailabilityZoneId ?? "")).map((s) => s.SubnetId ?? "");
  }

  async function publishThroughRoute(name: string, values: string[]): Promise<Response> {
    return fetch(`${sandbox().url}/_sandbox/public-dns/txt`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, values }),
    });
  }

  it("verifies a name only once its TXT record is published, and lets an endpoint enable it then", async () => {
    const svc = await service(CUSTOMER_A, "db.acme.example");
    const subnets = await subnetsFor(svc.zoneIds);
    const create = (PrivateDnsEnabled?: boolean) =>
      vendor.send(new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: svc.name, SubnetIds: subnets, PrivateDnsEnabled }));
    const unverified = await expectAwsError(create(true), "InvalidParameter");
    expect(unverified.message).toBe(`Private DNS can't be enabled because the private DNS name db.acme.example of the service ${svc.name} is not verified.`);

    await svc.clients.ec2.send(new StartVpcEndpointServicePrivateDnsVerificationCommand({ ServiceId: svc.id }));
    expect(await verificationState(svc.clients, svc.name)).toBe("failed");

    const token = svc.id.slice("vpce-svc-".length);
    expect((await publishThroughRoute(`_${token}.acme.example`, [`vpce:${token}`])).status).toBe(200);
    await svc.clients.ec2.send(new StartVpcEndpointServicePrivateDnsVerificationCommand({ ServiceId: svc.id }));
    expect(await verificationState(svc.clients, svc.name)).toBe("verified");

    const { VpcEndpoint } = await vendor.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: svc.name, SubnetIds: subnets, PrivateDnsEnabled: false }),
    );
    expect(VpcEndpoint?.PrivateDnsEnabled).toBe(false);
    await vendor.send(new ModifyVpcEndpointCommand({ VpcEndpointId: VpcEndpoint?.VpcEndpointId, PrivateDnsEnabled: true }));
    const { VpcEndpoints } = await vendor.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [VpcEndpoint?.VpcEndpointId ?? ""] }));
    expect(VpcEndpoints?.[0]?.PrivateDnsEnabled).toBe(true);

    // The resolver answers the private name with the endpoint's addresses, as it answers the regional name.
    const resolver = new Resolver();
    const dns = sandbox().dns!;
    resolver.setServers([`${dns.host}:${dns.port}`]);
    const regional = await resolver.resolve4(VpcEndpoints?.[0]?.DnsEntries?.[0]?.DnsName ?? "");
    expect(await resolver.resolve4("db.acme.example")).toEqual(regional);
    await expect(resolver.resolve4("other.acme.example")).rejects.toMatchObject({ code: "EREFUSED" });

    // A second organization's service with the same name, verified too: its endpoint in the same VPC conflicts.
    const rival = await service(CUSTOMER_B, "db.acme.example");
    const rivalToken = rival.id.slice("vpce-svc-".length);
    sandbox().publishTxt(`_${rivalToken}.db.acme.example`, [`vpce:${rivalToken}`]);
    await rival.clients.ec2.send(new StartVpcEndpointServicePrivateDnsVerificationCommand({ ServiceId: rival.id }));
    expect(await verificationState(rival.clients, rival.name)).toBe("verified");
    const rivalSubnets = await subnetsFor(rival.zoneIds);
    const conflict = await expectAwsError(
      vendor.send(
        new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: rival.name, SubnetIds: rivalSubnets, PrivateDnsEnabled: true }),
      ),
      "InvalidParameter",
    );
    expect(conflict.message).toBe(
      `private-dns-enabled cannot be set because there is already a conflicting DNS domain for db.acme.example in the VPC ${vpcId}`,
    );
    // Left out, AWS's default is on where it may be: here it is off, and the endpoint is made.
    const quiet = await vendor.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: rival.name, SubnetIds: rivalSubnets }),
    );
    expect(quiet.VpcEndpoint?.PrivateDnsEnabled).toBe(false);
    await expectAwsError(
      vendor.send(new ModifyVpcEndpointCommand({ VpcEndpointId: quiet.VpcEndpoint?.VpcEndpointId, PrivateDnsEnabled: true })),
      "InvalidParameter",
    );
  });

  it("refuses private DNS for a service without a private name, with AWS's message", async () => {
    const svc = await service(CUSTOMER_A);
    const { VpcEndpoint } = await vendor.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: svc.name, SubnetIds: await subnetsFor(svc.zoneIds) }),
    );
    const error = await expectAwsError(
      vendor.send(new ModifyVpcEndpointCommand({ VpcEndpointId: VpcEndpoint?.VpcEndpointId, PrivateDnsEnabled: true })),
      "InvalidParameter",
    );
    expect(error.message).toBe(`Private DNS can't be enabled because the service ${svc.name} does not provide a private DNS name.`);
    await expectAwsError(svc.clients.ec2.send(new StartVpcEndpointServicePrivateDnsVerificationCommand({ ServiceId: svc.id })), "InvalidParameter");
  });

  it("describes an endpoint's network interfaces with their subnet, zone id and a private IP in the subnet", async () => {
    const svc = await service(CUSTOMER_A);
    const subnets = await subnetsFor(svc.zoneIds);
    const { VpcEndpoint } = await vendor.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: svc.name, SubnetIds: subnets }),
    );
    const ids = VpcEndpoint?.NetworkInterfaceIds ?? [];
    const { NetworkInterfaces } = await vendor.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ids }));
    const { Subnets } = await vendor.send(new DescribeSubnetsCommand({ SubnetIds: subnets }));
    expect(NetworkInterfaces?.map((i) => i.NetworkInterfaceId).sort()).toEqual([...ids].sort());
    for (const eni of NetworkInterfaces ?? []) {
      const subnet = Subnets?.find((s) => s.SubnetId === eni.SubnetId);
      expect(subnet).toBeDefined();
      expect(eni.AvailabilityZoneId).toBe(subnet?.AvailabilityZoneId);
      expect(inCidr(eni.PrivateIpAddress ?? "", subnet?.CidrBlock ?? "")).toBe(true);
      expect(eni.PrivateIpAddresses?.[0]).toMatchObject({ PrivateIpAddress: eni.PrivateIpAddress, Primary: true });
    }
    const byAddress = await vendor.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: "private-ip-address", Values: [NetworkInterfaces?.[0]?.PrivateIpAddress ?? ""] }] }),
    );
    expect(byAddress.NetworkInterfaces?.map((i) => i.NetworkInterfaceId)).toEqual([NetworkInterfaces?.[0]?.NetworkInterfaceId]);
  });
});
