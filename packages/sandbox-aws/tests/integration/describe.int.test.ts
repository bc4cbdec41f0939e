import {
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DescribeAvailabilityZonesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  ModifyVpcEndpointServicePermissionsCommand,
  paginateDescribeVpcEndpoints,
} from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { withSandbox } from "../fixtures/sandbox";
import { clientsOf, CUSTOMER_A, CUSTOMER_B, expectAwsError, fetchAccounts, loadBalancerOf, VENDOR, type Clients } from "../../src/testing";

describe("sandbox: accounts, network and describe calls", () => {
  const sandbox = withSandbox();
  let vendor: Clients;
  const created: string[] = [];

  beforeAll(async () => {
    vendor = clientsOf(sandbox(), VENDOR);
    const customer = clientsOf(sandbox(), CUSTOMER_A).ec2;
    const service = await customer.send(
      new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [await loadBalancerOf(sandbox(), CUSTOMER_A)], AcceptanceRequired: false }),
    );
    await customer.send(
      new ModifyVpcEndpointServicePermissionsCommand({
        ServiceId: service.ServiceConfiguration?.ServiceId,
        AddAllowedPrincipals: [`arn:aws:iam::${VENDOR.accountId}:root`],
      }),
    );
    const vpcId = (await vendor.ec2.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId;
    for (let i = 0; i < 23; i++) {
      const { VpcEndpoint } = await vendor.ec2.send(
        new CreateVpcEndpointCommand({
          VpcEndpointType: "Interface",
          VpcId: vpcId,
          ServiceName: service.ServiceConfiguration?.ServiceName,
          TagSpecifications: [
            {
              ResourceType: "vpc-endpoint",
              Tags: [
                { Key: "tenant", Value: i % 2 ? "odd" : "even" },
                { Key: `n-${i}`, Value: "x" },
              ],
            },
          ],
        }),
      );
      created.push(VpcEndpoint?.VpcEndpointId ?? "");
    }
  });

  it("lists accounts in the documented shape", async () => {
    const { accounts } = await fetchAccounts(sandbox());
    expect(accounts).toHaveLength(4);
    expect(accounts.filter((a) => a.kind === "vendor")).toHaveLength(1);
    for (const account of accounts) {
      expect(Object.keys(account).sort()).toEqual(["accessKeyId", "accountId", "kind", "loadBalancers", "secretAccessKey", "subnets", "vpcs"]);
      expect(account.accountId).toMatch(/^\d{12}$/);
      const regions = Object.keys(account.loadBalancers).sort();
      expect(regions).toEqual(["eu-west-1", "us-east-1", "us-west-2"]);
      for (const arns of Object.values(account.loadBalancers)) {
        expect(arns).toHaveLength(account.kind === "customer" ? 1 : 0);
        for (const arn of arns) expect(arn).toMatch(/^arn:aws:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/net\//);
      }
    }
  });

  it("maps AZ names to different AZ ids per account, and filters by ZoneIds", async () => {
    const mine = await vendor.ec2.send(new DescribeAvailabilityZonesCommand({}));
    const theirs = await clientsOf(sandbox(), CUSTOMER_B).ec2.send(new DescribeAvailabilityZonesCommand({}));
    const idOf = (zones: typeof mine, name: string) => zones.AvailabilityZones?.find((z) => z.ZoneName === name)?.ZoneId;
    expect(idOf(mine, "us-east-1a")).toBe("use1-az1");
    expect(idOf(theirs, "us-east-1a")).toBe("use1-az3");
    const filtered = await vendor.ec2.send(new DescribeAvailabilityZonesCommand({ ZoneIds: ["use1-az3"] }));
    expect(filtered.AvailabilityZones?.map((z) => [z.ZoneName, z.ZoneId, z.State])).toEqual([["us-east-1c", "use1-az3", "available"]]);
    await expectAwsError(vendor.ec2.send(new DescribeAvailabilityZonesCommand({ ZoneIds: ["use1-az99"] })), "InvalidParameterValue");
  });

  it("gives every account a VPC, subnets in three AZs and a security group per region", async () => {
    for (const region of ["us-east-1", "us-west-2", "eu-west-1"]) {
      const { ec2 } = clientsOf(sandbox(), CUSTOMER_B, region);
      const vpcs = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? [];
      expect(vpcs).toHaveLength(1);
      const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcs[0]?.VpcId ?? ""] }] }))).Subnets ?? [];
      expect(new Set(subnets.map((s) => s.AvailabilityZoneId)).size).toBeGreaterThanOrEqual(3);
      expect(subnets.every((s) => s.AvailabilityZone?.startsWith(region))).toBe(true);
      const groups = (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [];
      expect(groups[0]?.VpcId).toBe(vpcs[0]?.VpcId);
    }
  });

  it("filters endpoints by tag, tag-key, state, id and service", async () => {
    const byTag = await vendor.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "tag:tenant", Values: ["odd"] }] }));
    expect(byTag.VpcEndpoints).toHaveLength(11);
    const byKey = await vendor.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "tag-key", Values: ["n-3", "n-4"] }] }));
    expect(byKey.VpcEndpoints).toHaveLength(2);
    const byState = await vendor.ec2.send(
      new DescribeVpcEndpointsCommand({
        Filters: [
          { Name: "vpc-endpoint-state", Values: ["available"] },
          { Name: "tag:tenant", Values: ["even"] },
        ],
      }),
    );
    expect(byState.VpcEndpoints).toHaveLength(12);
    const byId = await vendor.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-endpoint-id", Values: created.slice(0, 3) }] }));
    expect(byId.VpcEndpoints?.map((e) => e.VpcEndpointId).sort()).toEqual(created.slice(0, 3).sort());
    const serviceName = byId.VpcEndpoints?.[0]?.ServiceName ?? "";
    const byService = await vendor.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "service-name", Values: [serviceName] }] }));
    expect(byService.VpcEndpoints).toHaveLength(23);
    const wildcard = await vendor.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "tag:tenant", Values: ["o*"] }] }));
    expect(wildcard.VpcEndpoints).toHaveLength(11);
    const vpcId = byId.VpcEndpoints?.[0]?.VpcId ?? "";
    const byVpc = await vendor.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }], MaxResults: 1000 }));
    expect(byVpc.VpcEndpoints).toHaveLength(23);
    await expectAwsError(vendor.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "color", Values: ["red"] }] })), "InvalidParameterValue");
  });

  it("pages with MaxResults and NextToken, every endpoint exactly once", async () => {
    const first = await vendor.ec2.send(new DescribeVpcEndpointsCommand({ MaxResults: 5 }));
    expect(first.VpcEndpoints).toHaveLength(5);
    expect(first.NextToken).toBeTruthy();
    const seen: string[] = [];
    for await (const page of paginateDescribeVpcEndpoints({ client: vendor.ec2, pageSize: 5 }, {})) {
      expect(page.VpcEndpoints?.length ?? 0).toBeLessThanOrEqual(5);
      seen.push(...(page.VpcEndpoints ?? []).map((e) => e.VpcEndpointId ?? ""));
    }
    expect(seen.sort()).toEqual([...created].sort());
    await expectAwsError(vendor.ec2.send(new DescribeVpcEndpointsCommand({ MaxResults: 4 })), "InvalidParameterValue");
    await expectAwsError(vendor.ec2.send(new DescribeVpcEndpointsCommand({ MaxResults: 1001 })), "InvalidParameterValue");
    await expectAwsError(vendor.ec2.send(new DescribeVpcEndpointsCommand({ MaxResults: 5, NextToken: "garbage!" })), "InvalidPaginationToken");
  });

  it("does not show one account's endpoints to another", async () => {
    const other = await clientsOf(sandbox(), CUSTOMER_B).ec2.send(new DescribeVpcEndpointsCommand({}));
    expect(other.VpcEndpoints ?? []).toEqual([]);
    await expectAwsError(
      clientsOf(sandbox(), CUSTOMER_B).ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [created[0] ?? ""] })),
      "InvalidVpcEndpointId.NotFound",
    );
    const west = await clientsOf(sandbox(), VENDOR, "us-west-2").ec2.send(new DescribeVpcEndpointsCommand({}));
    expect(west.VpcEndpoints ?? []).toEqual([]);
  });
});
