import { createHash } from "node:crypto";
import { AwsError } from "../errors";
import type { Handler, RequestContext } from "../runtime";
import { privateIpIn } from "../data-plane/addresses";
import { NETWORK } from "../seed";
import { checkId, compileFilters, paginate } from "./query";

/**
 * The network interfaces AWS manages for the caller: one per subnet of each interface endpoint and
 * of each load balancer. They come and go with their owner; callers only read them (Terraform
 * waits on them before deleting security groups and load balancers).
 */

type Interface = {
  id: string;
  subnetId: string;
  /** What privateIpIn derives from it: the address the data plane stands the interface for (data-plane/routing.ts). */
  addressLabel: string;
  groupIds: string[];
  description: string;
  interfaceType: "vpc_endpoint" | "network_load_balancer" | "interface";
  instanceOwnerId: string;
};

const eniId = (label: string) => `eni-${createHash("sha256").update(label).digest("hex").slice(0, 17)}`;

function interfaces(ctx: RequestContext): Interface[] {
  const { state } = ctx.runtime;
  const mine = (item: { ownerId: string; region: string }) => item.ownerId === ctx.caller.accountId && item.region === ctx.region;
  const endpoints = state.sortedEndpoints().filter((e) => mine(e) && e.type !== "Gateway" && e.state !== "deleted");
  const loadBalancers = [...state.elbv2.loadBalancers.values()].filter(mine);
  return [
    ...endpoints.flatMap((e) =>
      e.subnetIds.map((subnetId, i) => ({
        id: e.networkInterfaceIds[i] ?? eniId(`${e.id}/${subnetId}`),
        subnetId,
        addressLabel: e.networkInterfaceIds[i] ?? subnetId,
        groupIds: e.securityGroupIds,
        description: `VPC Endpoint Interface ${e.id}`,
        interfaceType: "vpc_endpoint" as const,
        instanceOwnerId: "amazon-aws",
      })),
    ),
    ...loadBalancers.flatMap((lb) =>
      lb.subnetIds.map((subnetId) => ({
        id: eniId(`${lb.arn}/${subnetId}`),
        subnetId,
        addressLabel: `${lb.arn}/${subnetId}`,
        groupIds: lb.securityGroupIds,
        description: `ELB ${lb.arn.split(":loadbalancer/")[1]}`,
        interfaceType: lb.type === "network" ? ("network_load_balancer" as const) : ("interface" as const),
        instanceOwnerId: "amazon-elb",
      })),
    ),
  ].sort((a, b) => (a.id < b.id ? -1 : 1));
}

const describeNetworkInterfaces: Handler = (ctx) => {
  const all = interfaces(ctx);
  const ids = ctx.params.list("NetworkInterfaceId");
  for (const id of ids) {
    checkId("eni", id, "InvalidNetworkInterfaceId.Malformed");
    if (!all.some((i) => i.id === id)) throw new AwsError("InvalidNetworkInterfaceID.NotFound", `The networkInterface ID '${id}' does not exist`);
  }
  const subnetOf = (i: Interface) => NETWORK.subnets.find((s) => s.subnetId === i.subnetId);
  const privateIpOf = (i: Interface) => {
    const subnet = subnetOf(i);
    return subnet ? privateIpIn(subnet.cidrBlock, i.addressLabel) : "";
  };
  const match = compileFilters<Interface>(
    ctx.params.filters(),
    [
      "network-interface-id",
      "group-id",
      "vpc-id",
      "subnet-id",
      "description",
      "attachment.instance-owner-id",
      "interface-type",
      "requester-managed",
      "status",
      "owner-id",
      "availability-zone",
      "availability-zone-id",
      "private-ip-address",
      "addresses.private-ip-address",
    ],
    (i, name) =>
      ({
        "network-interface-id": [i.id],
        "group-id": i.groupIds,
        "vpc-id": [subnetOf(i)?.vpcId ?? ""],
        "subnet-id": [i.subnetId],
        description: [i.description],
        "attachment.instance-owner-id": [i.instanceOwnerId],
        "interface-type": [i.interfaceType],
        "requester-managed": ["true"],
        status: ["in-use"],
        "owner-id": [ctx.caller.accountId],
        "availability-zone": [subnetOf(i)?.zoneName ?? ""],
        "availability-zone-id": [subnetOf(i)?.zoneId ?? ""],
        "private-ip-address": [privateIpOf(i)],
        "addresses.private-ip-address": [privateIpOf(i)],
      })[name],
  );
  const selected = all.filter((i) => (ids.length === 0 || ids.includes(i.id)) && match(i));
  const { page, nextToken } = paginate(selected, (i) => i.id, ctx.params.int("MaxResults", { min: 5, max: 1000 }), ctx.params.get("NextToken"));
  return {
    networkInterfaceSet: page.map((i) => {
      const subnet = subnetOf(i);
      const privateIpAddress = privateIpOf(i);
      return {
        networkInterfaceId: i.id,
        subnetId: i.subnetId,
        vpcId: subnet?.vpcId,
        availabilityZone: subnet?.zoneName,
        availabilityZoneId: subnet?.zoneId,
        privateIpAddress,
        privateIpAddressesSet: [{ privateIpAddress, primary: true }],
        description: i.description,
        ownerId: ctx.caller.accountId,
        requesterManaged: true,
        status: "in-use",
        interfaceType: i.interfaceType,
        groupSet: i.groupIds.map((groupId) => ({ groupId })),
        attachment: { status: "attached", instanceOwnerId: i.instanceOwnerId, deleteOnTermination: false },
        tagSet: [],
      };
    }),
    nextToken,
  };
};

export const networkInterfaceHandlers: Record<string, Handler> = { DescribeNetworkInterfaces: describeNetworkInterfaces };
