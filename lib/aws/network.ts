import "server-only";
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, type EC2Client } from "@aws-sdk/client-ec2";
import { AwsCallError, awsCall } from "./errors";
import { zoneIdsByName } from "./ec2";

/** The vendor's own network in one region: where interface endpoints are created. */

export type VendorNetwork = {
  vpcId: string;
  cidrBlock: string;
  /** Sorted by AZ name; AZ IDs are what customers compare with their own services. */
  subnets: { subnetId: string; availabilityZone: string; availabilityZoneId: string }[];
  securityGroupIds: string[];
};

/**
 * Discovers the caller's VPC in the client's region (with several, the first by id that is not the
 * account's default VPC; pass `vpcId` to choose), its subnets with AZ IDs and its security groups. AZ IDs come from
 * DescribeSubnets; when AWS leaves one out, DescribeAvailabilityZones maps the name.
 */
export async function discoverVendorNetwork(ec2: EC2Client, options: { vpcId?: string } = {}): Promise<VendorNetwork> {
  const { Vpcs: vpcs } = await awsCall(ec2.send(new DescribeVpcsCommand(options.vpcId ? { VpcIds: [options.vpcId] } : {})), {
    operation: "ec2:DescribeVpcs",
  });
  // An account's default VPC is rarely where a vendor wants endpoints: prefer a VPC made for it.
  const vpc = [...(vpcs ?? [])]
    .filter((v) => v.VpcId)
    .sort((a, b) => Number(a.IsDefault ?? false) - Number(b.IsDefault ?? false) || ((a.VpcId ?? "") < (b.VpcId ?? "") ? -1 : 1))[0];
  if (!vpc?.VpcId) {
    throw new AwsCallError({
      kind: "permanent",
      code: "NoVpc",
      message: "The vendor account has no VPC in this region. Create one with a subnet in each AZ to offer, or turn the region off.",
    });
  }
  const vpcId = vpc.VpcId;
  const byVpc = [{ Name: "vpc-id", Values: [vpcId] }];
  const subnets = await allSubnets(ec2, byVpc);
  const needsZoneIds = subnets.some((s) => !s.AvailabilityZoneId);
  const zoneIds = needsZoneIds ? await zoneIdsByName(ec2) : new Map<string, string>();
  const groups = await allSecurityGroups(ec2, byVpc);
  return {
    vpcId,
    cidrBlock: vpc.CidrBlock ?? "",
    subnets: subnets
      .flatMap((s) => {
        const zone = s.AvailabilityZone ?? "";
        const zoneId = s.AvailabilityZoneId ?? zoneIds.get(zone);
        return s.SubnetId && zoneId ? [{ subnetId: s.SubnetId, availabilityZone: zone, availabilityZoneId: zoneId }] : [];
      })
      .sort((a, b) => (a.availabilityZone < b.availabilityZone ? -1 : a.availabilityZone > b.availabilityZone ? 1 : a.subnetId < b.subnetId ? -1 : 1)),
    securityGroupIds: groups,
  };
}

async function allSubnets(ec2: EC2Client, filters: { Name: string; Values: string[] }[]) {
  const out = [];
  let nextToken: string | undefined;
  do {
    const answer = await awsCall(ec2.send(new DescribeSubnetsCommand({ Filters: filters, MaxResults: 1000, NextToken: nextToken })), {
      operation: "ec2:DescribeSubnets",
    });
    out.push(...(answer.Subnets ?? []));
    nextToken = answer.NextToken || undefined;
  } while (nextToken);
  return out;
}

async function allSecurityGroups(ec2: EC2Client, filters: { Name: string; Values: string[] }[]): Promise<string[]> {
  const out: string[] = [];
  let nextToken: string | undefined;
  do {
    const answer = await awsCall(ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters, MaxResults: 1000, NextToken: nextToken })), {
      operation: "ec2:DescribeSecurityGroups",
    });
    for (const group of answer.SecurityGroups ?? []) if (group.GroupId) out.push(group.GroupId);
    nextToken = answer.NextToken || undefined;
  } while (nextToken);
  return out.sort();
}
