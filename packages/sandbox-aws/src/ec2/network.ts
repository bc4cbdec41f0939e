import { AwsError, invalidParameterValue } from "../errors";
import type { Handler, RequestContext } from "../runtime";
import { NETWORK, zonesFor, type Subnet, type Vpc } from "../seed";
import { checkId, compileFilters, paginate } from "./query";

/** The seeded network, read-only: VPCs, subnets and availability zones. */

export function ownVpc(ctx: RequestContext, vpcId: string): Vpc {
  checkId("vpc", vpcId, "InvalidVpcId.Malformed");
  const vpc = NETWORK.vpcs.find((v) => v.vpcId === vpcId && v.ownerId === ctx.caller.accountId && v.region === ctx.region);
  if (!vpc) throw new AwsError("InvalidVpcID.NotFound", `The vpc ID '${vpcId}' does not exist`);
  return vpc;
}

export function ownSubnet(ctx: RequestContext, subnetId: string): Subnet {
  checkId("subnet", subnetId, "InvalidSubnetID.Malformed");
  const subnet = NETWORK.subnets.find((s) => s.subnetId === subnetId && s.ownerId === ctx.caller.accountId && s.region === ctx.region);
  if (!subnet) throw new AwsError("InvalidSubnetID.NotFound", `The subnet ID '${subnetId}' does not exist`);
  return subnet;
}

function mine<T extends { ownerId: string; region: string }>(ctx: RequestContext, items: T[]): T[] {
  return items.filter((item) => item.ownerId === ctx.caller.accountId && item.region === ctx.region);
}

function pageSize(ctx: RequestContext): number | undefined {
  return ctx.params.int("MaxResults", { min: 5, max: 1000 });
}

const describeVpcs: Handler = (ctx) => {
  const ids = ctx.params.list("VpcId");
  ids.forEach((id) => ownVpc(ctx, id));
  const match = compileFilters<Vpc>(
    ctx.params.filters(),
    ["vpc-id", "owner-id", "cidr", "cidr-block", "is-default", "state"],
    (vpc, name) =>
      ({
        "vpc-id": [vpc.vpcId],
        "owner-id": [vpc.ownerId],
        cidr: [vpc.cidrBlock],
        "cidr-block": [vpc.cidrBlock],
        "is-default": ["false"],
        state: ["available"],
      })[name],
  );
  const vpcs = mine(ctx, NETWORK.vpcs).filter((vpc) => (ids.length === 0 || ids.includes(vpc.vpcId)) && match(vpc));
  const { page, nextToken } = paginate(vpcs, (vpc) => vpc.vpcId, pageSize(ctx), ctx.params.get("NextToken"));
  return {
    vpcSet: page.map((vpc) => ({
      vpcId: vpc.vpcId,
      ownerId: vpc.ownerId,
      state: "available",
      cidrBlock: vpc.cidrBlock,
      dhcpOptionsId: "default",
      instanceTenancy: "default",
      isDefault: false,
      cidrBlockAssociationSet: [{ associationId: `vpc-cidr-assoc-${vpc.vpcId.slice(4)}`, cidrBlock: vpc.cidrBlock, cidrBlockState: { state: "associated" } }],
      tagSet: [{ key: "Name", value: "privatelink-sandbox" }],
    })),
    nextToken,
  };
};

const describeSubnets: Handler = (ctx) => {
  const ids = ctx.params.list("SubnetId");
  ids.forEach((id) => ownSubnet(ctx, id));
  const match = compileFilters<Subnet>(
    ctx.params.filters(),
    ["subnet-id", "vpc-id", "availability-zone", "availability-zone-id", "availabilityZone", "owner-id", "state", "cidr-block"],
    (subnet, name) =>
      ({
        "subnet-id": [subnet.subnetId],
        "vpc-id": [subnet.vpcId],
        "availability-zone": [subnet.zoneName],
        availabilityZone: [subnet.zoneName],
        "availability-zone-id": [subnet.zoneId],
        "owner-id": [subnet.ownerId],
        state: ["available"],
        "cidr-block": [subnet.cidrBlock],
      })[name],
  );
  const subnets = mine(ctx, NETWORK.subnets).filter((s) => (ids.length === 0 || ids.includes(s.subnetId)) && match(s));
  const { page, nextToken } = paginate(subnets, (s) => s.subnetId, pageSize(ctx), ctx.params.get("NextToken"));
  return {
    subnetSet: page.map((s) => ({
      subnetId: s.subnetId,
      subnetArn: `arn:aws:ec2:${s.region}:${s.ownerId}:subnet/${s.subnetId}`,
      state: "available",
      vpcId: s.vpcId,
      ownerId: s.ownerId,
      cidrBlock: s.cidrBlock,
      availableIpAddressCount: 4091,
      availabilityZone: s.zoneName,
      availabilityZoneId: s.zoneId,
      defaultForAz: false,
      mapPublicIpOnLaunch: false,
      tagSet: [{ key: "Name", value: `privatelink-sandbox-${s.zoneName}` }],
    })),
    nextToken,
  };
};

const describeAvailabilityZones: Handler = (ctx) => {
  const names = ctx.params.list("ZoneName");
  const ids = ctx.params.list("ZoneId");
  const zones = zonesFor(ctx.caller.accountId, ctx.region);
  for (const name of names) if (!zones.some((z) => z.zoneName === name)) throw invalidParameterValue(`The zone '${name}' does not exist.`);
  for (const id of ids) if (!zones.some((z) => z.zoneId === id)) throw invalidParameterValue(`The zone id '${id}' does not exist.`);
  const match = compileFilters<(typeof zones)[number]>(
    ctx.params.filters(),
    ["zone-name", "zone-id", "region-name", "state", "zone-type", "group-name", "opt-in-status"],
    (zone, name) =>
      ({
        "zone-name": [zone.zoneName],
        "zone-id": [zone.zoneId],
        "region-name": [ctx.region],
        state: ["available"],
        "zone-type": ["availability-zone"],
        "group-name": [ctx.region],
        "opt-in-status": ["opt-in-not-required"],
      })[name],
  );
  const selected = zones.filter(
    (zone) => (names.length === 0 || names.includes(zone.zoneName)) && (ids.length === 0 || ids.includes(zone.zoneId)) && match(zone),
  );
  return {
    availabilityZoneInfo: selected.map((zone) => ({
      zoneName: zone.zoneName,
      zoneId: zone.zoneId,
      zoneState: "available",
      regionName: ctx.region,
      groupName: ctx.region,
      networkBorderGroup: ctx.region,
      optInStatus: "opt-in-not-required",
      zoneType: "availability-zone",
      messageSet: [],
    })),
  };
};

/** The seeded VPCs resolve DNS and give hostnames, as a VPC hosting PrivateLink endpoints must. */
const VPC_ATTRIBUTES: Record<string, boolean> = { enableDnsSupport: true, enableDnsHostnames: true, enableNetworkAddressUsageMetrics: false };

const describeVpcAttribute: Handler = (ctx) => {
  const vpc = ownVpc(ctx, ctx.params.required("VpcId"));
  const attribute = ctx.params.required("Attribute");
  if (!(attribute in VPC_ATTRIBUTES)) throw invalidParameterValue(`Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
  return { vpcId: vpc.vpcId, [attribute]: { value: VPC_ATTRIBUTES[attribute] } };
};

export const networkHandlers: Record<string, Handler> = {
  DescribeVpcAttribute: describeVpcAttribute,
  DescribeVpcs: describeVpcs,
  DescribeSubnets: describeSubnets,
  DescribeAvailabilityZones: describeAvailabilityZones,
};
