import { CreateVpcEndpointCommand, DescribeSubnetsCommand, DescribeVpcEndpointAssociationsCommand, DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { AcceptResourceShareInvitationCommand, CreateResourceShareCommand, GetResourceShareInvitationsCommand } from "@aws-sdk/client-ram";
import {
  CreateResourceConfigurationCommand,
  CreateResourceGatewayCommand,
  DeleteResourceEndpointAssociationCommand,
  ListResourceEndpointAssociationsCommand,
  type ResourceConfigurationDefinition,
} from "@aws-sdk/client-vpc-lattice";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchange, resolve4, startEcho } from "../fixtures/data-plane";
import { withSandbox } from "../fixtures/sandbox";
import { clientsOf, CUSTOMER_A, VENDOR, type Clients } from "../../src/testing";

/** Bytes through a Resource endpoint: its association name resolves, and the resource gateway forwards to the resource on the configuration's ports only. */
describe("sandbox data plane: resource endpoints", () => {
  const PROBE_PORT = 6379;
  const sandbox = withSandbox({ dataPlane: { ports: [PROBE_PORT] } });
  let echo: Awaited<ReturnType<typeof startEcho>>;
  let customer: Clients;
  let vendor: Clients;
  let gatewayId: string;
  let customerSubnets: { id: string; zoneId: string }[];
  let vendorVpc: { vpcId: string; subnets: { id: string; zoneId: string }[] };

  async function subnetsOf(clients: Clients) {
    const vpcId = (await clients.ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId!;
    const { Subnets } = await clients.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }));
    return { vpcId, subnets: Subnets!.map((s) => ({ id: s.SubnetId!, zoneId: s.AvailabilityZoneId! })) };
  }

  /** A configuration shared with the vendor and accepted, and the vendor's Resource endpoint to it; its association's name and id. */
  async function reach(name: string, port: number, definition: ResourceConfigurationDefinition) {
    const { arn } = await customer.lattice.send(
      new CreateResourceConfigurationCommand({
        name,
        type: "SINGLE",
        resourceGatewayIdentifier: gatewayId,
        portRanges: [String(port)],
        resourceConfigurationDefinition: definition,
      }),
    );
    const { resourceShare } = await customer.ram.send(new CreateResourceShareCommand({ name, resourceArns: [arn!], principals: [VENDOR.accountId] }));
    const [invitation] = (await vendor.ram.send(new GetResourceShareInvitationsCommand({ resourceShareArns: [resourceShare!.resourceShareArn!] })))
      .resourceShareInvitations!;
    await vendor.ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation!.resourceShareInvitationArn }));
    const zones = new Set(customerSubnets.slice(0, 2).map((s) => s.zoneId));
    const { VpcEndpoint } = await vendor.ec2.send(
      new CreateVpcEndpointCommand({
        VpcEndpointType: "Resource",
        VpcId: vendorVpc.vpcId,
        ResourceConfigurationArn: arn,
        SubnetIds: vendorVpc.subnets.filter((s) => zones.has(s.zoneId)).map((s) => s.id),
      }),
    );
    const { VpcEndpointAssociations } = await vendor.ec2.send(new DescribeVpcEndpointAssociationsCommand({ VpcEndpointIds: [VpcEndpoint!.VpcEndpointId!] }));
    return { arn: arn!, dnsName: VpcEndpointAssociations![0]!.DnsEntry!.DnsName!, associationId: VpcEndpointAssociations![0]!.Id! };
  }

  beforeAll(async () => {
    echo = await startEcho();
    customer = clientsOf(sandbox(), CUSTOMER_A);
    vendor = clientsOf(sandbox(), VENDOR);
    const own = await subnetsOf(customer);
    customerSubnets = own.subnets;
    vendorVpc = await subnetsOf(vendor);
    const gateway = await customer.lattice.send(
      new CreateResourceGatewayCommand({ name: "data-plane-gateway", vpcIdentifier: own.vpcId, subnetIds: customerSubnets.slice(0, 2).map((s) => s.id) }),
    );
    gatewayId = gateway.id!;
  });
  afterAll(() => echo.close());

  it("forwards to the instance standing for an ipResource, on the configuration's port only", async () => {
    const instance = sandbox().addInstance({ accountId: CUSTOMER_A.accountId, subnetId: customerSubnets[0]!.id, ports: { "5432": echo.port } });
    const { dnsName } = await reach("orders-db", 5432, { ipResource: { ipAddress: instance.privateIp } });
    const addresses = await resolve4(sandbox(), dnsName);
    expect(addresses).toHaveLength(2);
    for (const address of addresses) expect(await exchange(address, 5432, "through the resource gateway")).toBe("ok");
    // A port the data plane serves but the configuration does not name: dropped, as AWS drops it.
    expect(await exchange(addresses[0]!, PROBE_PORT)).toBe("timeout");
    const table = (await (await fetch(`${sandbox().url}/_sandbox/data-plane`)).json()) as {
      sockets: { address: string; port: number; mode: string; reason: string }[];
    };
    const rows = table.sockets.filter((s) => s.address === addresses[0]);
    expect(rows.map((r) => [r.port, r.mode])).toEqual([
      [5432, "forward"],
      [PROBE_PORT, "drop"],
    ]);
    expect(rows[1]!.reason).toContain("not among the configuration's ports (5432)");
  });

  it("forwards a dnsResource under .localhost to loopback, and stops when the customer deletes the association", async () => {
    const { dnsName, arn } = await reach("echo-api", echo.port, { dnsResource: { domainName: "echo.localhost", ipAddressType: "IPV4" } });
    const [address] = await resolve4(sandbox(), dnsName);
    expect(await exchange(address!, echo.port)).toBe("ok");
    const [association] = (await customer.lattice.send(new ListResourceEndpointAssociationsCommand({ resourceConfigurationIdentifier: arn }))).items!;
    await customer.lattice.send(new DeleteResourceEndpointAssociationCommand({ resourceEndpointAssociationIdentifier: association!.id! }));
    await expect(resolve4(sandbox(), dnsName)).rejects.toMatchObject({ code: "ENOTFOUND" });
    expect(await exchange(address!, echo.port)).not.toBe("ok");
  });

  it("drops what the sandbox cannot reach, and says why", async () => {
    const { dnsName } = await reach("unreached", 3306, { dnsResource: { domainName: "db.example.com", ipAddressType: "IPV4" } });
    const [address] = await resolve4(sandbox(), dnsName);
    expect(await exchange(address!, 3306)).toBe("timeout");
    const table = (await (await fetch(`${sandbox().url}/_sandbox/data-plane`)).json()) as { sockets: { address: string; port: number; reason: string }[] };
    expect(table.sockets.find((s) => s.address === address && s.port === 3306)?.reason).toBe(
      "the sandbox reaches only names under .localhost, not db.example.com",
    );
  });
});
