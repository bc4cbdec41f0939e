import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ec2Client, type AwsConfig } from "@/lib/aws/config";
import { zoneIdsByName } from "@/lib/aws/ec2";
import { AwsCallError } from "@/lib/aws/errors";
import { discoverVendorNetwork } from "@/lib/aws/network";
import { NETWORK, REGIONS, zonesFor } from "@/lib/sandbox-aws/seed";
import type { Sandbox } from "@/lib/sandbox-aws/server";
import { CUSTOMER_A, startTestSandbox, VENDOR } from "../sandbox/helpers";
import { credentialsFor, organization, recordCommands, sandboxConfig } from "./helpers";

describe("lib/aws/network against the sandbox", () => {
  let sandbox: Sandbox;
  let config: AwsConfig;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    config = sandboxConfig(sandbox);
  });
  afterAll(() => sandbox.close());

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

  it("classifies an unknown VPC id as a permanent error", async () => {
    const error = await discoverVendorNetwork(ec2Client(config, "us-east-1"), { vpcId: "vpc-0123456789abcdef0" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as AwsCallError).failure).toMatchObject({ kind: "permanent", code: "InvalidVpcID.NotFound" });
  });
});
