import { beforeAll, describe, expect, it } from "vitest";
import { ec2Client, type AwsConfig } from "@/lib/aws/config";
import { zoneIdsByName } from "@/lib/aws/ec2";
import { checkVendorNetwork, discoverVendorNetwork } from "@/lib/aws/network";
import { NETWORK, REGIONS, zonesFor } from "@privatelink-portal/sandbox-aws/seed";
import { CUSTOMER_A, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { withSandbox } from "../fixtures/sandbox";
import { credentialsFor, organization, recordCommands, sandboxConfig } from "./helpers";

describe("lib/aws/network against the sandbox", () => {
  const sandbox = withSandbox();
  let config: AwsConfig;
  beforeAll(async () => {
    config = sandboxConfig(sandbox());
  });

  it.each(REGIONS.map((r) => r.name))("discovers the vendor VPC in %s: 3 subnets with the vendor's AZ IDs", async (region) => {
    const network = await discoverVendorNetwork(ec2Client(config, region));
    const vpc = NETWORK.vpcs.find((v) => v.ownerId === VENDOR.accountId && v.region === region);
    expect(network.vpcId).toBe(vpc?.vpcId);
    expect(network.cidrBlock).toBe(vpc?.cidrBlock);
    expect(network.subnets).toHaveLength(3);
    const mapping = new Map(zonesFor(VENDOR.accountId, region).map((z) => [z.zoneName, z.zoneId]));
    for (const subnet of network.subnets) expect(subnet.availabilityZoneId).toBe(mapping.get(subnet.availabilityZone));
    expect(network.subnets.map((s) => s.availabilityZone)).toEqual([`${region}a`, `${region}b`, `${region}c`]);
    expect(network.securityGroupIds).toEqual(NETWORK.securityGroups.filter((g) => g.vpcId === vpc?.vpcId).map((g) => g.groupId));
  });

  it("gives the same answer as an organization's role (the role's policy allows these reads)", async () => {
    const org = await organization(config, "netops");
    const asRole = await discoverVendorNetwork(ec2Client(config, "us-east-1", credentialsFor(config, org)));
    expect(asRole).toEqual(await discoverVendorNetwork(ec2Client(config, "us-east-1")));
  });

  it("maps AZ names to the caller's own AZ IDs, which differ per account", async () => {
    const vendor = await zoneIdsByName(ec2Client(config, "us-east-1"));
    expect([...vendor]).toEqual(zonesFor(VENDOR.accountId, "us-east-1").map((z) => [z.zoneName, z.zoneId]));
    const customer = await zoneIdsByName(ec2Client(config, "us-east-1", { accessKeyId: CUSTOMER_A.accessKeyId, secretAccessKey: CUSTOMER_A.secretAccessKey }));
    expect(customer.get("us-east-1a")).not.toBe(vendor.get("us-east-1a"));
  });

  it("needs one call each for VPCs, subnets and security groups when subnets carry AZ IDs", async () => {
    const ec2 = ec2Client(config, "eu-west-1");
    const calls = recordCommands(ec2);
    await discoverVendorNetwork(ec2);
    expect(calls).toEqual(["DescribeVpcsCommand", "DescribeSubnetsCommand", "DescribeSecurityGroupsCommand"]);
  });

  it("checks a named network: subnets come back with their AZ IDs, in the order given", async () => {
    const found = await discoverVendorNetwork(ec2Client(config, "us-west-2"));
    const named = { vpcId: found.vpcId, subnetIds: [found.subnets[1]!.subnetId, found.subnets[0]!.subnetId], securityGroupIds: found.securityGroupIds };
    const checked = await checkVendorNetwork(ec2Client(config, "us-west-2"), "us-west-2", named);
    expect(checked.problems).toEqual([]);
    expect(checked.network?.subnets).toEqual([found.subnets[1]!, found.subnets[0]!]);
    expect(checked.network?.cidrBlock).toBe(found.cidrBlock);
  });

  it("names every id AWS does not confirm at once: an unknown VPC, a subnet of another region, a group of another VPC", async () => {
    const east = await discoverVendorNetwork(ec2Client(config, "us-east-1"));
    const west = await discoverVendorNetwork(ec2Client(config, "us-west-2"));
    const unknownVpc = await checkVendorNetwork(ec2Client(config, "us-east-1"), "us-east-1", {
      vpcId: "vpc-0123456789abcdef0",
      subnetIds: [east.subnets[0]!.subnetId, west.subnets[0]!.subnetId],
      securityGroupIds: east.securityGroupIds,
    });
    expect(unknownVpc.network).toBeNull();
    expect(unknownVpc.problems).toEqual([
      { name: "vpcId", reason: "AWS knows no VPC vpc-0123456789abcdef0 in us-east-1 in the vendor account." },
      { name: "subnetIds", reason: `Subnet ${east.subnets[0]!.subnetId} is in ${east.vpcId}, not in vpc-0123456789abcdef0.` },
      { name: "subnetIds", reason: `AWS knows no subnet ${west.subnets[0]!.subnetId} in us-east-1 in the vendor account.` },
      { name: "securityGroupIds", reason: `Security group ${east.securityGroupIds[0]!} is in ${east.vpcId}, not in vpc-0123456789abcdef0.` },
    ]);
  });
});
