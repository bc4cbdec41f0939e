import "server-only";
import {
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
  type EC2Client,
  type Filter,
  type SecurityGroup,
  type Subnet,
  type Vpc,
} from "@aws-sdk/client-ec2";
import { AwsCallError, awsPages } from "./errors";
import { zoneIdsByName } from "./ec2";

export type VendorNetwork = {
  vpcId: string;
  cidrBlock: string;
  /** Sorted by AZ name; AZ IDs are what customers compare with their own services. */
  subnets: { subnetId: string; availabilityZone: string; availabilityZoneId: string }[];
  securityGroupIds: string[];
};

// Found rather than configured, only to fill regions from the sandbox (`npm run dev`, the demo seed, tests): a real
// deployment names its network (`npm run regions`) and `checkVendorNetwork` holds it to AWS.
export async function discoverVendorNetwork(ec2: EC2Client): Promise<VendorNetwork> {
  const vpc = (await allVpcs(ec2, []))
    .filter((v) => v.VpcId)
    .sort((a, b) => Number(a.IsDefault ?? false) - Number(b.IsDefault ?? false) || ((a.VpcId ?? "") < (b.VpcId ?? "") ? -1 : 1))[0];
  if (!vpc?.VpcId) {
    throw new AwsCallError({ kind: "permanent", code: "NoVpc", message: "The vendor account has no VPC in this region." });
  }
  const byVpc = [{ Name: "vpc-id", Values: [vpc.VpcId] }];
  return {
    vpcId: vpc.VpcId,
    cidrBlock: vpc.CidrBlock ?? "",
    subnets: await withZoneIds(ec2, await allSubnets(ec2, byVpc)),
    securityGroupIds: (await allSecurityGroups(ec2, byVpc)).map((g) => g.GroupId!),
  };
}

export type NetworkProblem = { name: "vpcId" | "subnetIds" | "securityGroupIds"; reason: string };

/** Describes by filter, so an unknown id is an empty answer rather than an error and every problem is reported at once. */
export async function checkVendorNetwork(
  ec2: EC2Client,
  region: string,
  named: { vpcId: string; subnetIds: string[]; securityGroupIds: string[] },
): Promise<{ network: VendorNetwork; problems: [] } | { network: null; problems: NetworkProblem[] }> {
  const vpc = (await allVpcs(ec2, [{ Name: "vpc-id", Values: [named.vpcId] }])).find((v) => v.VpcId === named.vpcId);
  const subnets = await allSubnets(ec2, [{ Name: "subnet-id", Values: named.subnetIds }]);
  const groups = await allSecurityGroups(ec2, [{ Name: "group-id", Values: named.securityGroupIds }]);
  const problems: NetworkProblem[] = [];
  if (!vpc) problems.push({ name: "vpcId", reason: `AWS knows no VPC ${named.vpcId} in ${region} in the vendor account.` });
  for (const id of named.subnetIds) {
    const subnet = subnets.find((s) => s.SubnetId === id);
    if (!subnet) problems.push({ name: "subnetIds", reason: `AWS knows no subnet ${id} in ${region} in the vendor account.` });
    else if (subnet.VpcId !== named.vpcId) problems.push({ name: "subnetIds", reason: `Subnet ${id} is in ${subnet.VpcId}, not in ${named.vpcId}.` });
  }
  for (const id of named.securityGroupIds) {
    const group = groups.find((g) => g.GroupId === id);
    if (!group) problems.push({ name: "securityGroupIds", reason: `AWS knows no security group ${id} in ${region} in the vendor account.` });
    else if (group.VpcId !== named.vpcId)
      problems.push({ name: "securityGroupIds", reason: `Security group ${id} is in ${group.VpcId}, not in ${named.vpcId}.` });
  }
  if (problems.length > 0 || !vpc) return { network: null, problems };
  const zoned = await withZoneIds(ec2, subnets);
  return {
    network: {
      vpcId: named.vpcId,
      cidrBlock: vpc.CidrBlock ?? "",
      subnets: named.subnetIds.flatMap((id) => zoned.filter((s) => s.subnetId === id)),
      securityGroupIds: named.securityGroupIds,
    },
    problems: [],
  };
}

async function withZoneIds(ec2: EC2Client, subnets: Subnet[]): Promise<VendorNetwork["subnets"]> {
  const zoneIds = subnets.some((s) => !s.AvailabilityZoneId) ? await zoneIdsByName(ec2) : new Map<string, string>();
  return subnets
    .flatMap((s) => {
      const zone = s.AvailabilityZone ?? "";
      const zoneId = s.AvailabilityZoneId ?? zoneIds.get(zone);
      return s.SubnetId && zoneId ? [{ subnetId: s.SubnetId, availabilityZone: zone, availabilityZoneId: zoneId }] : [];
    })
    .sort((a, b) => (a.availabilityZone < b.availabilityZone ? -1 : a.availabilityZone > b.availabilityZone ? 1 : a.subnetId < b.subnetId ? -1 : 1));
}

const PAGE = { pageSize: 1000 };

async function allVpcs(ec2: EC2Client, filters: Filter[]): Promise<Vpc[]> {
  const out: Vpc[] = [];
  const pages = paginateDescribeVpcs({ client: ec2, ...PAGE }, { Filters: filters });
  for await (const page of awsPages(pages, { operation: "ec2:DescribeVpcs" })) out.push(...(page.Vpcs ?? []));
  return out;
}

async function allSubnets(ec2: EC2Client, filters: Filter[]): Promise<Subnet[]> {
  const out: Subnet[] = [];
  const pages = paginateDescribeSubnets({ client: ec2, ...PAGE }, { Filters: filters });
  for await (const page of awsPages(pages, { operation: "ec2:DescribeSubnets" })) out.push(...(page.Subnets ?? []));
  return out;
}

async function allSecurityGroups(ec2: EC2Client, filters: Filter[]): Promise<SecurityGroup[]> {
  const out: SecurityGroup[] = [];
  const pages = paginateDescribeSecurityGroups({ client: ec2, ...PAGE }, { Filters: filters });
  for await (const page of awsPages(pages, { operation: "ec2:DescribeSecurityGroups" })) {
    for (const group of page.SecurityGroups ?? []) if (group.GroupId) out.push(group);
  }
  return out.sort((a, b) => (a.GroupId! < b.GroupId! ? -1 : 1));
}
