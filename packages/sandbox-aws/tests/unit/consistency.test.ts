import {
  AcceptVpcEndpointConnectionsCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DeleteVpcEndpointsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcsCommand,
  ModifyVpcEndpointCommand,
  ModifyVpcEndpointServicePermissionsCommand,
} from "@aws-sdk/client-ec2";
import { CreateRoleCommand, DeleteRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { readSandboxConfig, sandboxOptions } from "../../src/config";
import { Consistency, REALISTIC_BOUNDS } from "../../src/consistency";
import { withSandbox } from "../fixtures/sandbox";
import { assumedCredentials, clientsFor, clientsOf, CUSTOMER_A, expectAwsError, fetchAccounts, loadBalancerOf, trustPolicy, VENDOR } from "../../src/testing";

/**
 * The realistic profile's rules (src/consistency.ts), each through the real SDK against a sandbox whose delays are
 * fixed (min = max), moved past with the sandbox clock; and the seeded replay of random ones.
 */

const BOUNDS = { ec2: { minMs: 1_000, maxMs: 1_000 }, ec2Tags: { minMs: 2_000, maxMs: 2_000 }, iam: { minMs: 5_000, maxMs: 5_000 } };
const DENY_ALL = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] });

describe("seeded delays", () => {
  it("replays the same delays for the same seed and calls, within the bounds", () => {
    const draws = (seed: number) => {
      const consistency = new Consistency({ profile: "realistic", seed });
      return Array.from({ length: 50 }, (_, i) => consistency.draw(i % 2 ? "iam" : "ec2"));
    };
    const first = draws(42);
    expect(draws(42)).toEqual(first);
    expect(draws(43)).not.toEqual(first);
    first.forEach((ms, i) => {
      const { minMs, maxMs } = i % 2 ? REALISTIC_BOUNDS.iam : REALISTIC_BOUNDS.ec2;
      expect(ms).toBeGreaterThanOrEqual(minMs);
      expect(ms).toBeLessThanOrEqual(maxMs);
    });
    expect(new Set(first).size).toBeGreaterThan(10);
  });

  it("starts the sequence over on reset", () => {
    const consistency = new Consistency({ profile: "realistic", seed: 7 });
    const before = [consistency.draw("ec2"), consistency.draw("ec2")];
    consistency.reset();
    expect([consistency.draw("ec2"), consistency.draw("ec2")]).toEqual(before);
  });

  it("refuses bounds upside down", () => {
    expect(() => new Consistency({ profile: "realistic", bounds: { ec2: { minMs: 5, maxMs: 1 } } })).toThrow(/minMs <= maxMs/);
  });

  it("reads SANDBOX_PROFILE and SANDBOX_SEED", () => {
    expect(sandboxOptions(readSandboxConfig({}))).toMatchObject({ profile: "exact", seed: undefined });
    expect(sandboxOptions(readSandboxConfig({ SANDBOX_PROFILE: "realistic", SANDBOX_SEED: "99" }))).toMatchObject({ profile: "realistic", seed: 99 });
    expect(() => readSandboxConfig({ SANDBOX_PROFILE: "eventual" })).toThrow(/SANDBOX_PROFILE: expected exact or realistic/);
    expect(() => readSandboxConfig({ SANDBOX_SEED: "1.5" })).toThrow(/SANDBOX_SEED: expected an integer/);
  });
});

describe("realistic profile", () => {
  const sandbox = withSandbox({ profile: "realistic", seed: 1234, consistencyBounds: BOUNDS, dataPlane: { enabled: false } });

  it("answers its profile, seed and bounds", async () => {
    const response = await fetch(`${sandbox().url}/_sandbox/profile`);
    expect(await response.json()).toEqual({ profile: "realistic", seed: 1234, bounds: { ...REALISTIC_BOUNDS, ...BOUNDS } });
  });

  it("hides a new endpoint from describes and answers NotFound to calls naming it, then its tags lag it", async () => {
    const customer = clientsOf(sandbox(), CUSTOMER_A).ec2;
    const { ServiceConfiguration } = await customer.send(
      new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [await loadBalancerOf(sandbox(), CUSTOMER_A)], AcceptanceRequired: true }),
    );
    sandbox().advanceClock(1_000);
    const serviceId = ServiceConfiguration?.ServiceId;
    await customer.send(
      new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: [`arn:aws:iam::${VENDOR.accountId}:root`] }),
    );
    const vendor = clientsOf(sandbox(), VENDOR).ec2;
    const vpcId = (await vendor.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId ?? "";
    const subnetId = (await fetchAccounts(sandbox())).accounts[0]!.subnets["us-east-1"]![1]!;
    const { VpcEndpoint } = await vendor.send(
      new CreateVpcEndpointCommand({
        VpcEndpointType: "Interface",
        VpcId: vpcId,
        ServiceName: ServiceConfiguration?.ServiceName,
        SubnetIds: [subnetId],
        TagSpecifications: [{ ResourceType: "vpc-endpoint", Tags: [{ Key: "link", Value: "l-1" }] }],
      }),
    );
    const id = VpcEndpoint?.VpcEndpointId ?? "";
    const byTag = new DescribeVpcEndpointsCommand({ Filters: [{ Name: "tag:link", Values: ["l-1"] }] });

    await expectAwsError(vendor.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] })), "InvalidVpcEndpointId.NotFound");
    expect((await vendor.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints?.map((e) => e.VpcEndpointId)).not.toContain(id);
    await expectAwsError(vendor.send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, PrivateDnsEnabled: false })), "InvalidVpcEndpointId.NotFound");
    await expectAwsError(vendor.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: "a", Value: "b" }] })), "InvalidVpcEndpointId.NotFound");
    const accepted = await customer.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [id] }));
    expect(accepted.Unsuccessful?.[0]?.Error?.Code).toBe("InvalidVpcEndpointId.NotFound");

    sandbox().advanceClock(1_000);
    const [seen] = (await vendor.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }))).VpcEndpoints ?? [];
    expect(seen?.Tags ?? []).toEqual([]);
    expect((await vendor.send(byTag)).VpcEndpoints).toEqual([]);

    sandbox().advanceClock(1_000);
    expect((await vendor.send(byTag)).VpcEndpoints?.map((e) => e.VpcEndpointId)).toEqual([id]);
    const deleted = await vendor.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    expect(deleted.Unsuccessful ?? []).toEqual([]);
  });

  it("answers InvalidVpcEndpointServiceId.NotFound for a new endpoint service until it propagates", async () => {
    const customer = clientsOf(sandbox(), CUSTOMER_A).ec2;
    const { ServiceConfiguration } = await customer.send(
      new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [await loadBalancerOf(sandbox(), CUSTOMER_A)] }),
    );
    const serviceId = ServiceConfiguration?.ServiceId ?? "";
    const allow = new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: [`arn:aws:iam::${VENDOR.accountId}:root`] });
    await expectAwsError(customer.send(allow), "InvalidVpcEndpointServiceId.NotFound");
    await expectAwsError(
      customer.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] })),
      "InvalidVpcEndpointServiceId.NotFound",
    );
    sandbox().advanceClock(1_000);
    await customer.send(allow);
    const { ServiceConfigurations } = await customer.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
    expect(ServiceConfigurations?.[0]?.ServiceId).toBe(serviceId);
  });

  it("answers InvalidGroup.NotFound for a new security group until it propagates", async () => {
    const customer = clientsOf(sandbox(), CUSTOMER_A).ec2;
    const vpcId = (await customer.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId ?? "";
    const { GroupId } = await customer.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: "nlb", Description: "nlb" }));
    const ingress = new AuthorizeSecurityGroupIngressCommand({ GroupId, IpProtocol: "tcp", FromPort: 5432, ToPort: 5432, CidrIp: "10.0.0.0/16" });
    await expectAwsError(customer.send(ingress), "InvalidGroup.NotFound");
    expect((await customer.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups?.map((g) => g.GroupId)).not.toContain(GroupId);
    // The name is taken at once: the create itself sees every group.
    await expectAwsError(customer.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: "nlb", Description: "nlb" })), "InvalidGroup.Duplicate");
    sandbox().advanceClock(1_000);
    await customer.send(ingress);
  });

  it("refuses AssumeRole on a new or re-created role until it propagates", async () => {
    const vendor = clientsOf(sandbox(), VENDOR);
    const create = new CreateRoleCommand({ RoleName: "tenant", AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${VENDOR.accountId}:root`) });
    const { Role } = await vendor.iam.send(create);
    const arn = Role?.Arn ?? "";
    await expectAwsError(assumedCredentials(vendor.sts, arn), "AccessDenied", 403);
    sandbox().advanceClock(4_000);
    await expectAwsError(assumedCredentials(vendor.sts, arn), "AccessDenied", 403);
    sandbox().advanceClock(1_000);
    await assumedCredentials(vendor.sts, arn);

    await vendor.iam.send(new DeleteRoleCommand({ RoleName: "tenant" }));
    await vendor.iam.send(create);
    await expectAwsError(assumedCredentials(vendor.sts, arn), "AccessDenied", 403);
    sandbox().advanceClock(5_000);
    await assumedCredentials(vendor.sts, arn);
  });

  it("evaluates the previous permission policy until a change propagates", async () => {
    const vendor = clientsOf(sandbox(), VENDOR);
    const { Role } = await vendor.iam.send(
      new CreateRoleCommand({ RoleName: "policy-lag", AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${VENDOR.accountId}:root`) }),
    );
    sandbox().advanceClock(5_000);
    const ec2 = clientsFor(sandbox(), await assumedCredentials(vendor.sts, Role?.Arn ?? "")).ec2;
    await vendor.iam.send(new PutRolePolicyCommand({ RoleName: "policy-lag", PolicyName: "deny", PolicyDocument: DENY_ALL }));
    await ec2.send(new DescribeVpcsCommand({})); // no policy before: the sandbox's unrestricted role
    sandbox().advanceClock(5_000);
    await expectAwsError(ec2.send(new DescribeVpcsCommand({})), "UnauthorizedOperation", 403);
  });
});

describe("exact profile", () => {
  const sandbox = withSandbox({ seed: 5, dataPlane: { enabled: false } });

  it("sees every change at once, and says so", async () => {
    expect(await (await fetch(`${sandbox().url}/_sandbox/profile`)).json()).toMatchObject({ profile: "exact", seed: 5 });
    const vendor = clientsOf(sandbox(), VENDOR);
    const { Role } = await vendor.iam.send(
      new CreateRoleCommand({ RoleName: "at-once", AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${VENDOR.accountId}:root`) }),
    );
    await assumedCredentials(vendor.sts, Role?.Arn ?? "");
    const customer = clientsOf(sandbox(), CUSTOMER_A).ec2;
    const vpcId = (await customer.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId ?? "";
    const { GroupId } = await customer.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: "now", Description: "now" }));
    await customer.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIp: "10.0.0.0/16" }));
  });
});
