import { AwsError } from "../errors";
import type { Handler, RequestContext } from "../runtime";
import { NETWORK } from "../seed";
import { findSecurityGroup } from "../ec2/security-groups";
import {
  arnPrefix,
  attributesXml,
  byName,
  checkName,
  findLoadBalancer,
  invalidConfiguration,
  isActive,
  listenersOf,
  mergeAttributes,
  newId,
  ownLoadBalancer,
  page,
  validation,
} from "./common";
import type { LoadBalancerRecord } from "./store";

/** Load balancers: network (what PrivateLink needs) and application (as an NLB's target). */

const HOSTED_ZONES: Record<string, Record<LoadBalancerRecord["type"], string>> = {
  "us-east-1": { network: "Z26RNL4JYFTOTI", application: "Z35SXDOTRQ7X7K" },
  "us-west-2": { network: "Z18D5FSROUN65G", application: "Z1H1FL5HABSF5" },
  "eu-west-1": { network: "Z2IFOLAFXWLO4F", application: "Z32O12XQLNTSW2" },
};

const DEFAULT_ATTRIBUTES: Record<LoadBalancerRecord["type"], Record<string, string>> = {
  network: {
    "deletion_protection.enabled": "false",
    "load_balancing.cross_zone.enabled": "false",
    "access_logs.s3.enabled": "false",
    "access_logs.s3.bucket": "",
    "access_logs.s3.prefix": "",
    "dns_record.client_routing_policy": "any_availability_zone",
    "zonal_shift.config.enabled": "false",
  },
  application: {
    "deletion_protection.enabled": "false",
    "idle_timeout.timeout_seconds": "60",
    "routing.http2.enabled": "true",
    "access_logs.s3.enabled": "false",
    "access_logs.s3.bucket": "",
    "access_logs.s3.prefix": "",
    "load_balancing.cross_zone.enabled": "true",
  },
};

export function loadBalancerXml(ctx: RequestContext, lb: LoadBalancerRecord) {
  return {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: HOSTED_ZONES[lb.region]?.[lb.type],
    CreatedTime: new Date(lb.createdAt),
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: isActive(ctx, lb) ? "active" : "provisioning" },
    Type: lb.type,
    AvailabilityZones: lb.subnetIds.map((subnetId) => ({
      ZoneName: NETWORK.subnets.find((s) => s.subnetId === subnetId)?.zoneName,
      SubnetId: subnetId,
      LoadBalancerAddresses: [],
    })),
    SecurityGroups: lb.securityGroupIds.length ? lb.securityGroupIds : undefined,
    IpAddressType: lb.ipAddressType,
    EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: lb.enforcePrivateLinkInbound,
  };
}

/** The subnets of a new load balancer: the caller's, in one VPC, one per Availability Zone. */
function subnetsOf(ctx: RequestContext, type: LoadBalancerRecord["type"]) {
  const ids = [...ctx.params.list("Subnets"), ...ctx.params.structs("SubnetMappings").flatMap((m) => m.get("SubnetId") ?? [])];
  if (ids.length === 0) throw validation("At least one subnet must be specified");
  const subnets = ids.map((id) => {
    const subnet = NETWORK.subnets.find((s) => s.subnetId === id && s.ownerId === ctx.caller.accountId && s.region === ctx.region);
    if (!subnet) throw new AwsError("SubnetNotFound", `The subnet ID '${id}' is not valid`);
    return subnet;
  });
  if (new Set(subnets.map((s) => s.vpcId)).size > 1) throw new AwsError("InvalidSubnet", "All subnets must belong to the same VPC");
  if (new Set(subnets.map((s) => s.zoneId)).size < subnets.length)
    throw invalidConfiguration("A load balancer cannot be attached to multiple subnets in the same Availability Zone");
  if (type === "application" && subnets.length < 2) throw invalidConfiguration("At least two subnets in two different Availability Zones must be specified");
  return subnets;
}

function securityGroupsOf(ctx: RequestContext, vpcId: string, ids: string[]): string[] {
  for (const id of ids) {
    const group = findSecurityGroup(ctx, id);
    if (!group || group.vpcId !== vpcId) throw new AwsError("InvalidSecurityGroup", `Security group '${id}' does not exist in VPC '${vpcId}'`);
  }
  return [...new Set(ids)];
}

const createLoadBalancer: Handler = (ctx) => {
  const { params, runtime } = ctx;
  const name = params.required("Name");
  checkName("load balancer", name);
  const type = (params.get("Type") ?? "application") as LoadBalancerRecord["type"];
  if (type !== "network" && type !== "application") throw validation(`The sandbox emulates network and application load balancers, not '${type}'`);
  const scheme = params.get("Scheme") ?? "internet-facing";
  if (scheme !== "internal" && scheme !== "internet-facing") throw validation(`'${scheme}' is not a valid scheme`);
  const fingerprint = params.fingerprint(["Action", "Version", "Tags"]);
  const existing = [...runtime.state.elbv2.loadBalancers.values()].find(
    (lb) => lb.name === name && lb.ownerId === ctx.caller.accountId && lb.region === ctx.region,
  );
  if (existing) {
    if (existing.fingerprint !== fingerprint)
      throw new AwsError("DuplicateLoadBalancerName", `A load balancer with the same name '${name}' exists, but with different settings`);
    return { LoadBalancers: [loadBalancerXml(ctx, existing)] };
  }
  const subnets = subnetsOf(ctx, type);
  const vpcId = subnets[0]!.vpcId;
  const securityGroupIds = securityGroupsOf(ctx, vpcId, params.list("SecurityGroups"));
  const id = newId();
  const lb: LoadBalancerRecord = {
    arn: `${arnPrefix(ctx)}:loadbalancer/${type === "network" ? "net" : "app"}/${name}/${id}`,
    name,
    ownerId: ctx.caller.accountId,
    region: ctx.region,
    type,
    scheme,
    vpcId,
    subnetIds: subnets.map((s) => s.subnetId),
    securityGroupIds,
    enforcePrivateLinkInbound: type === "network" && securityGroupIds.length ? "on" : undefined,
    ipAddressType: params.get("IpAddressType") ?? "ipv4",
    attributes: { ...DEFAULT_ATTRIBUTES[type] },
    tags: params.tags("Tags"),
    dnsName:
      type === "network"
        ? `${name}-${id}.elb.${ctx.region}.amazonaws.com`
        : `${scheme === "internal" ? "internal-" : ""}${name}-${id}.${ctx.region}.elb.amazonaws.com`,
    createdAt: ctx.now,
    fingerprint,
  };
  runtime.state.elbv2.loadBalancers.set(lb.arn, lb);
  return { LoadBalancers: [loadBalancerXml(ctx, lb)] };
};

const describeLoadBalancers: Handler = (ctx) => {
  const arns = ctx.params.list("LoadBalancerArns");
  const names = ctx.params.list("Names");
  const mine = [...ctx.runtime.state.elbv2.loadBalancers.values()].filter((lb) => lb.ownerId === ctx.caller.accountId && lb.region === ctx.region).sort(byName);
  for (const arn of arns) ownLoadBalancer(ctx, arn);
  for (const name of names) if (!mine.some((lb) => lb.name === name)) throw new AwsError("LoadBalancerNotFound", `Load balancers '[${name}]' not found`);
  const selected = mine.filter((lb) => (arns.length === 0 || arns.includes(lb.arn)) && (names.length === 0 || names.includes(lb.name)));
  const { items, NextMarker } = page(ctx, selected);
  return { LoadBalancers: items.map((lb) => loadBalancerXml(ctx, lb)), NextMarker };
};

/** Deleting one that is gone succeeds, as in AWS; deletion protection and endpoint services refuse. */
const deleteLoadBalancer: Handler = (ctx) => {
  const arn = ctx.params.required("LoadBalancerArn");
  const lb = findLoadBalancer(ctx, arn);
  if (!lb) return {};
  if (lb.attributes["deletion_protection.enabled"] === "true")
    throw new AwsError("OperationNotPermitted", `Load balancer '${arn}' cannot be deleted because deletion protection is enabled`);
  const service = [...ctx.runtime.state.services.values()].find((s) => s.loadBalancerArns.includes(arn));
  if (service)
    throw new AwsError(
      "ResourceInUse",
      `Load balancer '${arn}' cannot be deleted because it is currently associated with another service (${service.serviceId})`,
    );
  for (const listener of listenersOf(ctx, arn)) ctx.runtime.state.elbv2.listeners.delete(listener.arn);
  ctx.runtime.state.elbv2.loadBalancers.delete(arn);
  return {};
};

const modifyLoadBalancerAttributes: Handler = (ctx) => {
  const lb = ownLoadBalancer(ctx, ctx.params.required("LoadBalancerArn"));
  lb.attributes = mergeAttributes(ctx, lb.attributes);
  return { Attributes: attributesXml(lb.attributes) };
};

const describeLoadBalancerAttributes: Handler = (ctx) => ({
  Attributes: attributesXml(ownLoadBalancer(ctx, ctx.params.required("LoadBalancerArn")).attributes),
});

/** An NLB made without security groups can never get any (AWS: "unless you specified a security group ... when you created it"). */
const setSecurityGroups: Handler = (ctx) => {
  const lb = ownLoadBalancer(ctx, ctx.params.required("LoadBalancerArn"));
  const ids = securityGroupsOf(ctx, lb.vpcId, ctx.params.list("SecurityGroups"));
  const enforce = ctx.params.get("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic");
  if (enforce !== undefined && enforce !== "on" && enforce !== "off")
    throw validation(`'${enforce}' is not valid for EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: use on or off`);
  if (lb.type === "network") {
    if (lb.securityGroupIds.length === 0 && ids.length > 0)
      throw invalidConfiguration("You cannot set security groups on a Network Load Balancer which was created without any security groups.");
    if (enforce && ids.length === 0)
      throw invalidConfiguration("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic needs security groups on the load balancer.");
  }
  lb.securityGroupIds = ids;
  if (lb.type === "network" && ids.length) lb.enforcePrivateLinkInbound = (enforce as "on" | "off" | undefined) ?? lb.enforcePrivateLinkInbound ?? "on";
  return { SecurityGroupIds: ids, EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: lb.enforcePrivateLinkInbound };
};

/** No capacity reservations are emulated: every load balancer has none. */
const describeCapacityReservation: Handler = (ctx) => {
  ownLoadBalancer(ctx, ctx.params.required("LoadBalancerArn"));
  return { DecreaseRequestsRemaining: 3, CapacityReservationState: [] };
};

export const loadBalancerHandlers: Record<string, Handler> = {
  DescribeCapacityReservation: describeCapacityReservation,
  CreateLoadBalancer: createLoadBalancer,
  DescribeLoadBalancers: describeLoadBalancers,
  DeleteLoadBalancer: deleteLoadBalancer,
  ModifyLoadBalancerAttributes: modifyLoadBalancerAttributes,
  DescribeLoadBalancerAttributes: describeLoadBalancerAttributes,
  SetSecurityGroups: setSecurityGroups,
};
