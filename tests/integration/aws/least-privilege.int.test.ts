import { CreateTagsCommand, CreateVpcEndpointCommand, DeleteVpcEndpointsCommand, ModifyVpcEndpointCommand, type EC2Client } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { createEndpoint, describeEndpointService, describeEndpoints } from "@/lib/aws/ec2";
import { discoverVendorNetwork, type VendorNetwork } from "@/lib/aws/network";
import { TAG_LINK_ID, TAG_ORGANIZATION_ID } from "@/lib/aws/tags";
import { AcceptResourceShareInvitationCommand, GetResourceShareInvitationsCommand } from "@aws-sdk/client-ram";
import { clientsOf, CUSTOMER_A, expectAwsError, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { AwsCallError } from "@/lib/aws/errors";
import { createCustomerResource, createCustomerService } from "../fixtures/customer";
import { withSandbox } from "../fixtures/sandbox";
import { twoOrganizations, type TestOrganization } from "./helpers";

/**
 * Each organization's role, with the policy ensureOrganizationRole gives it, against the sandbox's
 * IAM evaluation: the refusals below come from AWS's policy checks, not from our code.
 */
/**
 * AWS's own 403 UnauthorizedOperation. The roles here are moments old, so the role clients rethrow it as a transient
 * AwsCallError (IAM may still be propagating their policy: lib/aws/session-renewal.ts); the refusal underneath is AWS's.
 */
const expectRefused = (call: Promise<unknown>) =>
  expectAwsError(
    call.catch((error: unknown) => {
      throw error instanceof AwsCallError ? error.cause : error;
    }),
    "UnauthorizedOperation",
    403,
  );

describe("least privilege of the organizations' roles, enforced by AWS", () => {
  const sandbox = withSandbox();
  let orgA: TestOrganization;
  let orgB: TestOrganization;
  let asA: EC2Client;
  let asB: EC2Client;
  let network: VendorNetwork;
  let serviceName: string;
  let subnetId: string;

  beforeAll(async () => {
    ({ orgA, orgB, asA, asB } = await twoOrganizations(sandbox()));
    // A service both roles may see (our whole account allowlisted), so visibility is not what refuses.
    serviceName = (await createCustomerService(sandbox(), CUSTOMER_A, { principals: ["arn:aws:iam::111111111111:root"] })).serviceName;
    network = await discoverVendorNetwork(asA);
    const { availabilityZoneIds } = await describeEndpointService(asA, serviceName);
    subnetId = network.subnets.find((s) => availabilityZoneIds?.includes(s.availabilityZoneId))!.subnetId;
  });

  const create = (client: EC2Client, tags: Record<string, string>) =>
    client.send(
      new CreateVpcEndpointCommand({
        VpcEndpointType: "Interface",
        VpcId: network.vpcId,
        ServiceName: serviceName,
        SubnetIds: [subnetId],
        TagSpecifications: Object.keys(tags).length
          ? [{ ResourceType: "vpc-endpoint", Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }]
          : undefined,
      }),
    );

  async function endpointOfA(): Promise<string> {
    const created = await createEndpoint(asA, {
      vpcId: network.vpcId,
      serviceName,
      subnetIds: [subnetId],
      securityGroupIds: network.securityGroupIds,
      clientToken: `link-${Math.random().toString(36).slice(2)}`,
      tags: { [TAG_LINK_ID]: "link-a", [TAG_ORGANIZATION_ID]: orgA.organizationId },
    });
    return created.endpointId;
  }

  it("refuses B's role deleting, modifying or tagging A's endpoint, and leaves the endpoint as it was", async () => {
    const endpointId = await endpointOfA();
    await expectRefused(asB.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] })));
    await expectRefused(asB.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpointId, PrivateDnsEnabled: false })));
    await expectRefused(asB.send(new CreateTagsCommand({ Resources: [endpointId], Tags: [{ Key: TAG_ORGANIZATION_ID, Value: orgB.organizationId }] })));
    await expectRefused(asB.send(new CreateTagsCommand({ Resources: [endpointId], Tags: [{ Key: "Name", Value: "mine now" }] })));
    const [seen] = await describeEndpoints(asA, { ids: [endpointId] });
    expect(seen?.state).toBe("pendingAcceptance");
    expect(seen?.tags).toEqual({ [TAG_LINK_ID]: "link-a", [TAG_ORGANIZATION_ID]: orgA.organizationId });
  });

  it("lets each role create endpoints only tagged with its own organization", async () => {
    await expectRefused(create(asB, {}));
    await expectRefused(create(asB, { [TAG_ORGANIZATION_ID]: orgA.organizationId }));
    await expectRefused(create(asB, { Name: "untagged" }));
    const { VpcEndpoint } = await create(asB, { [TAG_ORGANIZATION_ID]: orgB.organizationId, Name: "b" });
    expect(VpcEndpoint?.VpcEndpointId).toMatch(/^vpce-/);
  });

  it("lets A manage its own endpoint, but never hand it to another organization", async () => {
    const endpointId = await endpointOfA();
    await asA.send(new CreateTagsCommand({ Resources: [endpointId], Tags: [{ Key: "Name", Value: "orders" }] }));
    await expectRefused(asA.send(new CreateTagsCommand({ Resources: [endpointId], Tags: [{ Key: TAG_ORGANIZATION_ID, Value: orgB.organizationId }] })));
    await asA.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpointId, PrivateDnsEnabled: false }));
    await asA.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
    const [seen] = await describeEndpoints(asA, { ids: [endpointId] });
    expect(seen?.tags.Name).toBe("orders");
    expect(seen?.state).toBe("deleted");
  });

  it("lets each role create Resource endpoints too only tagged with its own organization", async () => {
    // A configuration shared with our whole account (RAM shares reach accounts): the tag condition is what keeps B out.
    const resource = await createCustomerResource(sandbox(), CUSTOMER_A, { name: "tagged-db", shareWith: VENDOR.accountId });
    const vendor = clientsOf(sandbox(), VENDOR);
    const { resourceShareInvitations } = await vendor.ram.send(new GetResourceShareInvitationsCommand({ resourceShareArns: [resource.shareArn] }));
    await vendor.ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: resourceShareInvitations![0]!.resourceShareInvitationArn! }));
    const createResource = (client: EC2Client, organizationId: string) =>
      createEndpoint(client, {
        vpcId: network.vpcId,
        resourceConfigurationArn: resource.arn,
        subnetIds: [...new Map(network.subnets.map((s) => [s.availabilityZoneId, s.subnetId])).values()],
        securityGroupIds: network.securityGroupIds,
        clientToken: `resource-${Math.random().toString(36).slice(2)}`,
        tags: { [TAG_ORGANIZATION_ID]: organizationId },
      });
    await expectRefused(createResource(asB, orgA.organizationId));
    expect((await createResource(asB, orgB.organizationId)).type).toBe("Resource");
  });
});
