import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateVpcEndpointCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointAssociationsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
} from "@aws-sdk/client-ec2";
import { CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import {
  AcceptResourceShareInvitationCommand,
  CreateResourceShareCommand,
  DeleteResourceShareCommand,
  GetResourceShareAssociationsCommand,
  GetResourceShareInvitationsCommand,
  GetResourceSharesCommand,
  ListResourcesCommand,
  ListResourceSharePermissionsCommand,
} from "@aws-sdk/client-ram";
import {
  CreateResourceConfigurationCommand,
  CreateResourceGatewayCommand,
  DeleteResourceConfigurationCommand,
  DeleteResourceEndpointAssociationCommand,
  DeleteResourceGatewayCommand,
  GetResourceConfigurationCommand,
  GetResourceGatewayCommand,
  ListResourceConfigurationsCommand,
  ListResourceEndpointAssociationsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-vpc-lattice";
import { beforeAll, describe, expect, it } from "vitest";
import { withSandbox } from "../fixtures/sandbox";
import {
  assumedCredentials,
  clientsFor,
  clientsOf,
  CUSTOMER_A,
  CUSTOMER_B,
  expectAwsError,
  startTestSandbox,
  trustPolicy,
  VENDOR,
  type Clients,
} from "../../src/testing";

/** A customer's resource (no load balancer) reached by the vendor: vpc-lattice and RAM on the customer's side, EC2 on the vendor's, through the real SDKs. */
describe("sandbox: resource endpoints", () => {
  const sandbox = withSandbox();
  let customer: Clients;
  let vendor: Clients;
  let customerVpc: { vpcId: string; cidr: string; subnets: { id: string; zoneId: string }[] };
  let vendorVpc: { vpcId: string; subnets: { id: string; zoneId: string }[] };
  let gatewayId: string;
  let gatewayZones: string[];

  async function network(clients: Clients) {
    const vpc = (await clients.ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!;
    const { Subnets } = await clients.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [vpc.VpcId!] }] }));
    return { vpcId: vpc.VpcId!, cidr: vpc.CidrBlock!, subnets: Subnets!.map((s) => ({ id: s.SubnetId!, zoneId: s.AvailabilityZoneId! })) };
  }

  /** A configuration of customer A's for an address in its VPC, shared with the vendor's account; the invitation left pending. */
  async function sharedConfiguration(name: string) {
    const { arn, id } = await customer.lattice.send(
      new CreateResourceConfigurationCommand({
        name,
        type: "SINGLE",
        resourceGatewayIdentifier: gatewayId,
        portRanges: ["5432"],
        resourceConfigurationDefinition: { ipResource: { ipAddress: customerVpc.cidr.replace(/0\/16$/, "25") } },
      }),
    );
    const { resourceShare } = await customer.ram.send(
      new CreateResourceShareCommand({ name: `${name}-share`, resourceArns: [arn!], principals: [VENDOR.accountId] }),
    );
    const { resourceShareInvitations } = await vendor.ram.send(
      new GetResourceShareInvitationsCommand({ resourceShareArns: [resourceShare!.resourceShareArn!] }),
    );
    return { arn: arn!, id: id!, shareArn: resourceShare!.resourceShareArn!, invitationArn: resourceShareInvitations![0]!.resourceShareInvitationArn! };
  }

  async function resourceEndpoint(arn: string) {
    const subnets = vendorVpc.subnets.filter((s) => gatewayZones.includes(s.zoneId)).map((s) => s.id);
    const { VpcEndpoint } = await vendor.ec2.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Resource", VpcId: vendorVpc.vpcId, ResourceConfigurationArn: arn, SubnetIds: subnets }),
    );
    return VpcEndpoint!;
  }

  async function association(endpointId: string) {
    const { VpcEndpointAssociations } = await vendor.ec2.send(new DescribeVpcEndpointAssociationsCommand({ VpcEndpointIds: [endpointId] }));
    return VpcEndpointAssociations?.[0];
  }

  beforeAll(async () => {
    customer = clientsOf(sandbox(), CUSTOMER_A);
    vendor = clientsOf(sandbox(), VENDOR);
    customerVpc = await network(customer);
    vendorVpc = await network(vendor);
    const gateway = await customer.lattice.send(
      new CreateResourceGatewayCommand({
        name: "orders-db-gateway",
        vpcIdentifier: customerVpc.vpcId,
        subnetIds: customerVpc.subnets.slice(0, 2).map((s) => s.id),
      }),
    );
    gatewayId = gateway.id!;
    gatewayZones = customerVpc.subnets.slice(0, 2).map((s) => s.zoneId);
  });

  it("makes a resource gateway in the customer's VPC, found by id and by ARN, its name taken once", async () => {
    expect(gatewayId).toMatch(/^rgw-[0-9a-z]{17}$/);
    const byId = await customer.lattice.send(new GetResourceGatewayCommand({ resourceGatewayIdentifier: gatewayId }));
    expect(byId).toMatchObject({ status: "ACTIVE", vpcId: customerVpc.vpcId, ipAddressType: "IPV4" });
    expect(byId.createdAt).toBeInstanceOf(Date);
    const byArn = await customer.lattice.send(new GetResourceGatewayCommand({ resourceGatewayIdentifier: byId.arn! }));
    expect(byArn.id).toBe(gatewayId);
    await expectAwsError(
      customer.lattice.send(
        new CreateResourceGatewayCommand({ name: "orders-db-gateway", vpcIdentifier: customerVpc.vpcId, subnetIds: [customerVpc.subnets[0]!.id] }),
      ),
      "ConflictException",
      409,
    );
    await expectAwsError(
      customer.lattice.send(new CreateResourceGatewayCommand({ name: "Bad_Name", vpcIdentifier: customerVpc.vpcId, subnetIds: [] })),
      "ValidationException",
      400,
    );
    // Another account's gateway is not found, not refused.
    await expectAwsError(
      clientsOf(sandbox(), CUSTOMER_B).lattice.send(new GetResourceGatewayCommand({ resourceGatewayIdentifier: gatewayId })),
      "ResourceNotFoundException",
      404,
    );
    await expectAwsError(
      customer.lattice.send(new CreateResourceGatewayCommand({ name: "elsewhere", vpcIdentifier: customerVpc.vpcId, subnetIds: [vendorVpc.subnets[0]!.id] })),
      "ResourceNotFoundException",
      404,
    );
  });

  it("makes configurations for an IP address, a domain name and an RDS database, and refuses what AWS refuses", async () => {
    const input = {
      name: "orders-rds",
      type: "ARN" as const,
      resourceGatewayIdentifier: gatewayId,
      resourceConfigurationDefinition: { arnResource: { arn: `arn:aws:rds:us-east-1:${CUSTOMER_A.accountId}:db:orders` } },
      clientToken: "rds-1",
    };
    const rds = await customer.lattice.send(new CreateResourceConfigurationCommand(input));
    expect(rds).toMatchObject({ type: "ARN", status: "ACTIVE", resourceGatewayId: gatewayId });
    expect(rds.arn).toBe(`arn:aws:vpc-lattice:us-east-1:${CUSTOMER_A.accountId}:resourceconfiguration/${rds.id}`);
    // The same client token and input: the same configuration, not a second one.
    const again = await customer.lattice.send(new CreateResourceConfigurationCommand(input));
    expect(again.id).toBe(rds.id);
    const domain = await customer.lattice.send(
      new CreateResourceConfigurationCommand({
        name: "orders-api",
        type: "SINGLE",
        resourceGatewayIdentifier: gatewayId,
        portRanges: ["443", "8000-8100"],
        resourceConfigurationDefinition: { dnsResource: { domainName: "orders.internal.example.com", ipAddressType: "IPV4" } },
      }),
    );
    expect(domain.resourceConfigurationDefinition).toEqual({ dnsResource: { domainName: "orders.internal.example.com", ipAddressType: "IPV4" } });
    const listed = await customer.lattice.send(new ListResourceConfigurationsCommand({ resourceGatewayIdentifier: gatewayId }));
    expect(listed.items?.map((c) => c.name)).toEqual(expect.arrayContaining(["orders-rds", "orders-api"]));
    // One at a time, the token carries on where the page ended.
    const first = await customer.lattice.send(new ListResourceConfigurationsCommand({ resourceGatewayIdentifier: gatewayId, maxResults: 1 }));
    const second = await customer.lattice.send(
      new ListResourceConfigurationsCommand({ resourceGatewayIdentifier: gatewayId, maxResults: 1, nextToken: first.nextToken }),
    );
    expect([first.items?.[0]?.id, second.items?.[0]?.id].sort()).toEqual([rds.id, domain.id].sort());
    expect(second.nextToken).toBeUndefined();

    const base = { type: "SINGLE" as const, resourceGatewayIdentifier: gatewayId, portRanges: ["5432"] };
    const refusals = [
      { ...base, name: "outside", resourceConfigurationDefinition: { ipResource: { ipAddress: "192.0.2.10" } } },
      {
        ...base,
        name: "bad-ports",
        portRanges: ["70000"],
        resourceConfigurationDefinition: { ipResource: { ipAddress: customerVpc.cidr.replace(/0\/16$/, "9") } },
      },
      { ...base, name: "group", type: "GROUP" as const },
      {
        ...base,
        name: "other-db",
        type: "ARN" as const,
        portRanges: [],
        resourceConfigurationDefinition: { arnResource: { arn: `arn:aws:rds:us-east-1:${CUSTOMER_B.accountId}:db:x` } },
      },
    ];
    for (const input of refusals) {
      const error = await expectAwsError(customer.lattice.send(new CreateResourceConfigurationCommand(input)), "ValidationException", 400);
      expect(error.message.length).toBeGreaterThan(10);
    }
    await customer.lattice.send(new TagResourceCommand({ resourceArn: domain.arn!, tags: { team: "orders", stage: "prod", owner: "ops" } }));
    await customer.lattice.send(new UntagResourceCommand({ resourceArn: domain.arn!, tagKeys: ["stage", "owner"] }));
    expect((await customer.lattice.send(new ListTagsForResourceCommand({ resourceArn: domain.arn! }))).tags).toEqual({ team: "orders" });
  });

  it("shares a configuration with the vendor through RAM: usable only once the vendor accepts the invitation", async () => {
    const shared = await sharedConfiguration("billing-db");
    const [invitation] = (await vendor.ram.send(new GetResourceShareInvitationsCommand({ resourceShareInvitationArns: [shared.invitationArn] })))
      .resourceShareInvitations!;
    expect(invitation).toMatchObject({
      status: "PENDING",
      senderAccountId: CUSTOMER_A.accountId,
      receiverAccountId: VENDOR.accountId,
      resourceShareName: "billing-db-share",
    });
    expect(invitation!.invitationTimestamp).toBeInstanceOf(Date);
    await expectAwsError(
      vendor.lattice.send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: shared.arn })),
      "ResourceNotFoundException",
      404,
    );
    const refused = await expectAwsError(resourceEndpoint(shared.arn), "InvalidParameter", 400);
    expect(refused.message).toContain("is not shared with account");
    const principals = await customer.ram.send(new GetResourceShareAssociationsCommand({ associationType: "PRINCIPAL", resourceShareArns: [shared.shareArn] }));
    expect(principals.resourceShareAssociations?.[0]).toMatchObject({ associatedEntity: VENDOR.accountId, status: "ASSOCIATING" });

    const { resourceShareInvitation } = await vendor.ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: shared.invitationArn }));
    expect(resourceShareInvitation?.status).toBe("ACCEPTED");
    await expectAwsError(
      vendor.ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: shared.invitationArn })),
      "ResourceShareInvitationAlreadyAcceptedException",
    );
    const received = await vendor.ram.send(new GetResourceSharesCommand({ resourceOwner: "OTHER-ACCOUNTS" }));
    expect(received.resourceShares?.map((s) => s.resourceShareArn)).toContain(shared.shareArn);
    const read = await vendor.lattice.send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: shared.arn }));
    expect(read).toMatchObject({ type: "SINGLE", portRanges: ["5432"], status: "ACTIVE" });
    const { resources } = await vendor.ram.send(new ListResourcesCommand({ resourceOwner: "OTHER-ACCOUNTS", resourceShareArns: [shared.shareArn] }));
    expect(resources).toEqual([expect.objectContaining({ arn: shared.arn, type: "vpc-lattice:ResourceConfiguration", status: "AVAILABLE" })]);
    const { permissions } = await customer.ram.send(new ListResourceSharePermissionsCommand({ resourceShareArn: shared.shareArn }));
    expect(permissions).toEqual([expect.objectContaining({ resourceType: "vpc-lattice:ResourceConfiguration", permissionType: "AWS_MANAGED" })]);
  });

  it("finds a share by its tags", async () => {
    const shared = await sharedConfiguration("tagged-db");
    await customer.ram.send(new CreateResourceShareCommand({ name: "tagged", resourceArns: [shared.arn], tags: [{ key: "kit", value: "orders" }] }));
    const byTag = await customer.ram.send(new GetResourceSharesCommand({ resourceOwner: "SELF", tagFilters: [{ tagKey: "kit", tagValues: ["orders"] }] }));
    expect(byTag.resourceShares?.map((s) => s.name)).toEqual(["tagged"]);
    const none = await customer.ram.send(new GetResourceSharesCommand({ resourceOwner: "SELF", tagFilters: [{ tagKey: "kit", tagValues: ["other"] }] }));
    expect(none.resourceShares).toEqual([]);
  });

  it("refuses to share another account's configuration, or with an address that is not an account", async () => {
    const shared = await sharedConfiguration("not-yours");
    const other = clientsOf(sandbox(), CUSTOMER_B);
    await expectAwsError(
      other.ram.send(new CreateResourceShareCommand({ name: "steal", resourceArns: [shared.arn], principals: [VENDOR.accountId] })),
      "UnknownResourceException",
    );
    await expectAwsError(
      customer.ram.send(new CreateResourceShareCommand({ name: "odd", resourceArns: [shared.arn], principals: ["someone@example.com"] })),
      "InvalidParameterException",
    );
  });

  it("creates a Resource endpoint that needs no acceptance, with its DNS name per association, listed on the customer's side", async () => {
    const shared = await sharedConfiguration("ledger-db");
    await vendor.ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: shared.invitationArn }));
    const endpoint = await resourceEndpoint(shared.arn);
    expect(endpoint).toMatchObject({ VpcEndpointType: "Resource", ResourceConfigurationArn: shared.arn, DnsEntries: [] });
    expect(endpoint.ServiceName).toBeUndefined();
    const { VpcEndpoints } = await vendor.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpoint.VpcEndpointId!] }));
    expect(VpcEndpoints?.[0]?.State).toBe("available");

    const found = await association(endpoint.VpcEndpointId!);
    expect(found).toMatchObject({ VpcEndpointId: endpoint.VpcEndpointId, AssociatedResourceAccessibility: "Accessible", AssociatedResourceArn: shared.arn });
    expect(found?.Id).toMatch(/^vpce-rsc-asc-[0-9a-z]{17}$/);
    expect(found?.DnsEntry?.DnsName).toMatch(new RegExp(`^${endpoint.VpcEndpointId}\\.${shared.id}\\.[0-9a-f]{7}\\.vpc-lattice-rsc\\.us-east-1\\.on\\.aws$`));

    const { items } = await customer.lattice.send(new ListResourceEndpointAssociationsCommand({ resourceConfigurationIdentifier: shared.id }));
    expect(items).toEqual([expect.objectContaining({ id: found?.Id, vpcEndpointId: endpoint.VpcEndpointId, vpcEndpointOwner: VENDOR.accountId })]);
    await expectAwsError(
      clientsOf(sandbox(), CUSTOMER_B).lattice.send(new ListResourceEndpointAssociationsCommand({ resourceConfigurationIdentifier: shared.arn })),
      "ResourceNotFoundException",
      404,
    );
  });

  it("refuses a Resource endpoint that shares no zone with the resource gateway", async () => {
    const shared = await sharedConfiguration("zoned-db");
    await vendor.ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: shared.invitationArn }));
    const outside = vendorVpc.subnets.find((s) => !gatewayZones.includes(s.zoneId));
    expect(outside).toBeDefined();
    const error = await expectAwsError(
      vendor.ec2.send(
        new CreateVpcEndpointCommand({ VpcEndpointType: "Resource", VpcId: vendorVpc.vpcId, ResourceConfigurationArn: shared.arn, SubnetIds: [outside!.id] }),
      ),
      "InvalidParameter",
      400,
    );
    expect(error.message).toContain(`shares no availability zone with the subnets ${outside!.id}`);
  });

  it("shows the customer's revocations on the vendor's side: association deleted, share deleted, configuration deleted", async () => {
    const byAssociation = await sharedConfiguration("revoke-association");
    const byShare = await sharedConfiguration("revoke-share");
    const byConfiguration = await sharedConfiguration("revoke-configuration");
    const endpoints: Record<string, string> = {};
    for (const shared of [byAssociation, byShare, byConfiguration]) {
      await vendor.ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: shared.invitationArn }));
      endpoints[shared.arn] = (await resourceEndpoint(shared.arn)).VpcEndpointId!;
      expect((await association(endpoints[shared.arn]!))?.AssociatedResourceAccessibility).toBe("Accessible");
    }

    const [listed] = (await customer.lattice.send(new ListResourceEndpointAssociationsCommand({ resourceConfigurationIdentifier: byAssociation.arn }))).items!;
    await customer.lattice.send(new DeleteResourceEndpointAssociationCommand({ resourceEndpointAssociationIdentifier: listed!.id! }));
    expect(await association(endpoints[byAssociation.arn]!)).toBeUndefined();
    expect((await customer.lattice.send(new ListResourceEndpointAssociationsCommand({ resourceConfigurationIdentifier: byAssociation.arn }))).items).toEqual(
      [],
    );

    await customer.ram.send(new DeleteResourceShareCommand({ resourceShareArn: byShare.shareArn }));
    expect(await association(endpoints[byShare.arn]!)).toMatchObject({
      AssociatedResourceAccessibility: "Inaccessible",
      FailureCode: "ResourceConfigurationNotShared",
    });

    await customer.lattice.send(new DeleteResourceConfigurationCommand({ resourceConfigurationIdentifier: byConfiguration.id }));
    expect(await association(endpoints[byConfiguration.arn]!)).toMatchObject({
      AssociatedResourceAccessibility: "Inaccessible",
      FailureCode: "ResourceConfigurationNotFound",
    });
    const inaccessible = await vendor.ec2.send(
      new DescribeVpcEndpointAssociationsCommand({ Filters: [{ Name: "associated-resource-accessibility", Values: ["Inaccessible"] }] }),
    );
    expect(inaccessible.VpcEndpointAssociations?.map((a) => a.VpcEndpointId).sort()).toEqual([endpoints[byShare.arn], endpoints[byConfiguration.arn]].sort());
  });

  it("keeps a gateway in use, and deletes it once its configurations are gone", async () => {
    const gateway = await customer.lattice.send(
      new CreateResourceGatewayCommand({ name: "short-lived", vpcIdentifier: customerVpc.vpcId, subnetIds: [customerVpc.subnets[2]!.id] }),
    );
    const configuration = await customer.lattice.send(
      new CreateResourceConfigurationCommand({
        name: "short-lived-db",
        type: "SINGLE",
        resourceGatewayIdentifier: gateway.id,
        portRanges: ["3306"],
        resourceConfigurationDefinition: { dnsResource: { domainName: "db.example.com", ipAddressType: "IPV4" } },
      }),
    );
    await expectAwsError(customer.lattice.send(new DeleteResourceGatewayCommand({ resourceGatewayIdentifier: gateway.id })), "ConflictException", 409);
    await customer.lattice.send(new DeleteResourceConfigurationCommand({ resourceConfigurationIdentifier: configuration.arn }));
    expect((await customer.lattice.send(new DeleteResourceGatewayCommand({ resourceGatewayIdentifier: gateway.arn }))).status).toBe("DELETE_IN_PROGRESS");
    await expectAwsError(customer.lattice.send(new GetResourceGatewayCommand({ resourceGatewayIdentifier: gateway.id })), "ResourceNotFoundException", 404);
  });

  it("checks a role session's permission policy for vpc-lattice and RAM calls", async () => {
    const { Role } = await customer.iam.send(
      new CreateRoleCommand({ RoleName: "lattice-reader", AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${CUSTOMER_A.accountId}:root`) }),
    );
    const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["vpc-lattice:Get*", "vpc-lattice:List*"], Resource: "*" }] };
    await customer.iam.send(new PutRolePolicyCommand({ RoleName: "lattice-reader", PolicyName: "read", PolicyDocument: JSON.stringify(policy) }));
    const reader = clientsFor(sandbox(), await assumedCredentials(customer.sts, Role!.Arn!));
    expect((await reader.lattice.send(new GetResourceGatewayCommand({ resourceGatewayIdentifier: gatewayId }))).id).toBe(gatewayId);
    const denied = await expectAwsError(
      reader.lattice.send(new CreateResourceGatewayCommand({ name: "not-allowed", vpcIdentifier: customerVpc.vpcId, subnetIds: [customerVpc.subnets[0]!.id] })),
      "AccessDeniedException",
      403,
    );
    expect(denied.message).toContain("vpc-lattice:CreateResourceGateway");
    await expectAwsError(reader.ram.send(new GetResourceSharesCommand({ resourceOwner: "SELF" })), "AccessDeniedException", 403);
  });
});

describe("sandbox: resource endpoints across a restart", () => {
  it("keeps gateways, configurations, shares and accepted invitations in the state file", async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), "sandbox-lattice-")), "state.json");
    const first = await startTestSandbox({ stateFile, dataPlane: { enabled: false } });
    const customer = clientsOf(first, CUSTOMER_A);
    const vpc = (await customer.ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!;
    const { Subnets } = await customer.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [vpc.VpcId!] }] }));
    const gateway = await customer.lattice.send(
      new CreateResourceGatewayCommand({ name: "kept", vpcIdentifier: vpc.VpcId!, subnetIds: [Subnets![0]!.SubnetId!] }),
    );
    const configuration = await customer.lattice.send(
      new CreateResourceConfigurationCommand({
        name: "kept-db",
        type: "SINGLE",
        resourceGatewayIdentifier: gateway.id,
        portRanges: ["5432"],
        resourceConfigurationDefinition: { dnsResource: { domainName: "kept.example.com", ipAddressType: "IPV4" } },
      }),
    );
    const { resourceShare } = await customer.ram.send(
      new CreateResourceShareCommand({ name: "kept", resourceArns: [configuration.arn!], principals: [VENDOR.accountId] }),
    );
    const [invitation] = (await clientsOf(first, VENDOR).ram.send(new GetResourceShareInvitationsCommand({}))).resourceShareInvitations!;
    await clientsOf(first, VENDOR).ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation!.resourceShareInvitationArn }));
    await first.close();

    const second = await startTestSandbox({ stateFile, dataPlane: { enabled: false } });
    try {
      const vendor = clientsOf(second, VENDOR);
      expect((await vendor.lattice.send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: configuration.arn }))).name).toBe("kept-db");
      const shares = await vendor.ram.send(new GetResourceSharesCommand({ resourceOwner: "OTHER-ACCOUNTS" }));
      expect(shares.resourceShares?.map((s) => s.resourceShareArn)).toEqual([resourceShare!.resourceShareArn]);
    } finally {
      await second.close();
    }
  });
});
