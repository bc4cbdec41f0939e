import {
  CreateTagsCommand,
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DeleteVpcEndpointsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  ModifyVpcEndpointServicePermissionsCommand,
} from "@aws-sdk/client-ec2";
import { CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { withSandbox } from "../fixtures/sandbox";
import { assumedCredentials, clientsFor, clientsOf, CUSTOMER_A, expectAwsError, loadBalancerOf, trustPolicy, VENDOR } from "../../src/testing";

/** IAM permission policies of role sessions, evaluated on EC2 calls, through the real SDK. */
describe("sandbox: permission policies", () => {
  const sandbox = withSandbox();
  const root = `arn:aws:iam::${VENDOR.accountId}:root`;

  async function roleSession(name: string, policies: Record<string, unknown>[], tags: { Key: string; Value: string }[] = []) {
    const { iam, sts } = clientsOf(sandbox(), VENDOR);
    const { Role } = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustPolicy(root), Tags: tags }));
    for (const [index, statement] of policies.entries()) {
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: name,
          PolicyName: `p${index}`,
          PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
        }),
      );
    }
    return clientsFor(sandbox(), await assumedCredentials(sts, Role?.Arn ?? "", undefined, name));
  }

  /** Customer A's endpoint service, with the vendor account allowlisted. */
  async function customerService() {
    const { ec2 } = clientsOf(sandbox(), CUSTOMER_A);
    const { ServiceConfiguration: service } = await ec2.send(
      new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [await loadBalancerOf(sandbox(), CUSTOMER_A)], AcceptanceRequired: true }),
    );
    await ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: service?.ServiceId, AddAllowedPrincipals: [root] }));
    return { serviceName: service?.ServiceName ?? "" };
  }

  async function vendorNetwork() {
    const { Vpcs } = await clientsOf(sandbox(), VENDOR).ec2.send(new DescribeVpcsCommand({}));
    return { vpcId: Vpcs?.[0]?.VpcId ?? "" };
  }

  it("refuses what the role's policy does not allow as EC2 does: UnauthorizedOperation, 403, an encoded message", async () => {
    const { ec2 } = await roleSession("describe-only", [{ Effect: "Allow", Action: "ec2:Describe*", Resource: "*" }]);
    await expect(ec2.send(new DescribeVpcsCommand({}))).resolves.toMatchObject({ Vpcs: expect.any(Array) });
    const service = await customerService();
    const error = await expectAwsError(
      ec2.send(new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: (await vendorNetwork()).vpcId, ServiceName: service.serviceName })),
      "UnauthorizedOperation",
      403,
    );
    const [, encoded] = /^You are not authorized to perform this operation\. Encoded authorization failure message: (\S+)$/.exec(error.message) ?? [];
    expect(JSON.parse(Buffer.from(encoded ?? "", "base64").toString("utf8"))).toMatchObject({ allowed: false, context: { action: "ec2:CreateVpcEndpoint" } });
    expect(sandbox().state.endpoints.size).toBe(0);
  });

  it("answers a dry run from the policy: DryRunOperation when allowed, UnauthorizedOperation when not", async () => {
    const { ec2 } = await roleSession("dry", [{ Effect: "Allow", Action: "ec2:DescribeVpcs", Resource: "*" }]);
    await expectAwsError(ec2.send(new DescribeVpcsCommand({ DryRun: true })), "DryRunOperation", 412);
    await expectAwsError(ec2.send(new DescribeVpcEndpointsCommand({ DryRun: true })), "UnauthorizedOperation", 403);
  });

  it("lets tags decide: creating only with a tag, tagging and deleting only what carries it", async () => {
    const ec2 = (
      await roleSession("tagged", [
        { Effect: "Allow", Action: "ec2:Describe*", Resource: "*" },
        {
          Effect: "Allow",
          Action: "ec2:CreateVpcEndpoint",
          Resource: "arn:aws:ec2:*:*:vpc-endpoint/*",
          Condition: { StringEquals: { "aws:RequestTag/team": "blue" } },
        },
        { Effect: "Allow", Action: "ec2:CreateVpcEndpoint", NotResource: "arn:aws:ec2:*:*:vpc-endpoint/*" },
        { Effect: "Allow", Action: "ec2:CreateTags", Resource: "*", Condition: { StringEquals: { "ec2:CreateAction": "CreateVpcEndpoint" } } },
        {
          Effect: "Allow",
          Action: ["ec2:DeleteVpcEndpoints", "ec2:CreateTags"],
          Resource: "*",
          Condition: { StringEquals: { "aws:ResourceTag/team": "blue" } },
        },
      ])
    ).ec2;
    const service = await customerService();
    const base = { VpcEndpointType: "Interface" as const, VpcId: (await vendorNetwork()).vpcId, ServiceName: service.serviceName };
    await expectAwsError(ec2.send(new CreateVpcEndpointCommand(base)), "UnauthorizedOperation", 403);
    const withTag = (team: string) => [{ ResourceType: "vpc-endpoint" as const, Tags: [{ Key: "team", Value: team }] }];
    await expectAwsError(ec2.send(new CreateVpcEndpointCommand({ ...base, TagSpecifications: withTag("red") })), "UnauthorizedOperation", 403);
    const { VpcEndpoint } = await ec2.send(new CreateVpcEndpointCommand({ ...base, TagSpecifications: withTag("blue") }));
    const blue = VpcEndpoint?.VpcEndpointId ?? "";

    // Another endpoint in the same account, made with the account's own keys (never restricted).
    const vendor = clientsOf(sandbox(), VENDOR).ec2;
    const red = (await vendor.send(new CreateVpcEndpointCommand({ ...base, TagSpecifications: withTag("red") }))).VpcEndpoint?.VpcEndpointId ?? "";
    await expectAwsError(ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [red] })), "UnauthorizedOperation", 403);
    await expectAwsError(ec2.send(new CreateTagsCommand({ Resources: [red], Tags: [{ Key: "team", Value: "blue" }] })), "UnauthorizedOperation", 403);
    await expectAwsError(ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [blue, red] })), "UnauthorizedOperation", 403);
    expect(sandbox().state.endpoints.get(red)?.state).toBe("pendingAcceptance");

    await ec2.send(new CreateTagsCommand({ Resources: [blue], Tags: [{ Key: "Name", Value: "mine" }] }));
    const { VpcEndpoints } = await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [blue] }));
    expect(VpcEndpoints?.[0]?.Tags).toEqual(
      expect.arrayContaining([
        { Key: "Name", Value: "mine" },
        { Key: "team", Value: "blue" },
      ]),
    );
    await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [blue] }));
    expect(sandbox().state.endpoints.get(blue)?.state).not.toBe("pendingAcceptance");
  });

  it("leaves account keys and roles without a permission policy unrestricted, as sandbox worlds expect", async () => {
    const { ec2 } = await roleSession("no-policy", []);
    await expect(ec2.send(new DescribeVpcEndpointsCommand({ DryRun: true }))).rejects.toMatchObject({ name: "DryRunOperation" });
    await expectAwsError(clientsOf(sandbox(), VENDOR).ec2.send(new DescribeVpcEndpointsCommand({ DryRun: true })), "DryRunOperation", 412);
  });
});
