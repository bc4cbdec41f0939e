import { randomBytes } from "node:crypto";
import { AwsError, missingParameter } from "../errors";
import type { Handler, RequestContext } from "../runtime";
import { NETWORK, subnetById } from "../seed";
import { hexId, type Endpoint, type EndpointService } from "../state";
import { endpointXml } from "./endpoint-shapes";
import { setState } from "./lifecycle";
import { ownSubnet, ownVpc } from "./network";
import { privateDnsRefusal } from "./private-dns";
import { createResourceEndpoint } from "./resource-endpoints";
import { checkId, compileFilters, paginate, readTags, TAG_FILTERS } from "./query";
import { ownRouteTable } from "./route-tables";
import { ownSecurityGroup } from "./security-groups";
import { visibleService } from "./visibility";

/** The vendor's side: interface endpoints in its own VPCs (Resource endpoints: resource-endpoints.ts). */

const ENDPOINT_FILTERS = ["vpc-endpoint-id", "vpc-endpoint-state", "vpc-endpoint-type", "service-name", "vpc-id", "ip-address-type", ...TAG_FILTERS] as const;

function dnsSuffix(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join("");
}

/** Validates subnets the way AWS does: the caller's, in the endpoint's VPC, one per AZ, in the service's AZs. */
function endpointSubnets(ctx: RequestContext, vpcId: string, subnetIds: string[], zoneIds: string[] | undefined, serviceName: string): string[] {
  const seenZones = new Set<string>();
  for (const subnetId of subnetIds) {
    const subnet = ownSubnet(ctx, subnetId);
    if (subnet.vpcId !== vpcId) throw new AwsError("InvalidParameter", `The subnet ID '${subnetId}' does not belong to VPC '${vpcId}'.`);
    if (seenZones.has(subnet.zoneId)) {
      throw new AwsError(
        "DuplicateSubnetsInSameZone",
        `Found another VPC endpoint subnet in the availability zone of ${subnetId}. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.`,
      );
    }
    seenZones.add(subnet.zoneId);
    if (zoneIds && !zoneIds.includes(subnet.zoneId)) {
      throw new AwsError("InvalidParameter", `The VPC endpoint service ${serviceName} does not support the availability zone of the subnet: ${subnetId}.`);
    }
  }
  return subnetIds;
}

const createVpcEndpoint: Handler = (ctx) => {
  const { params, runtime, caller, now } = ctx;
  const vpcId = params.required("VpcId");
  const clientToken = params.get("ClientToken");
  const fingerprint = encodeURIComponent(params.fingerprint(["Action", "Version"]));
  const tokenKey = clientToken ? `${caller.accountId}/${ctx.region}/vpce/${clientToken}` : undefined;
  const remembered = tokenKey ? runtime.state.clientTokens.get(tokenKey) : undefined;
  if (remembered) {
    const [id, previous] = remembered.split("|");
    if (previous !== fingerprint) {
      throw new AwsError("IdempotentParameterMismatch", "The client token you have provided is associated with a resource with different parameters.");
    }
    const existing = id ? runtime.state.endpoints.get(id) : undefined;
    if (existing) return { vpcEndpoint: endpointXml(existing), clientToken };
  }
  const type = params.get("VpcEndpointType") ?? "Gateway";
  const vpc = ownVpc(ctx, vpcId);
  if (type === "Resource") return { vpcEndpoint: endpointXml(createResourceEndpoint(ctx, vpc.vpcId, fingerprint, tokenKey)), clientToken };
  const serviceName = params.required("ServiceName");
  const gatewayService = GATEWAY_SERVICES.find((name) => serviceName === `com.amazonaws.${ctx.region}.${name}`);
  if (type === "Gateway" && gatewayService)
    return { vpcEndpoint: endpointXml(createGatewayEndpoint(ctx, vpc.vpcId, gatewayService, fingerprint, tokenKey)), clientToken };
  const serviceRegion = params.get("ServiceRegion");
  const service = visibleService(ctx, serviceName, serviceRegion);
  if (type !== "Interface") {
    throw new AwsError("InvalidParameter", `Endpoint type (${type}) does not match available service types ([Interface]).`);
  }
  const crossRegion = service.region !== ctx.region;
  const subnetIds = endpointSubnets(ctx, vpc.vpcId, params.list("SubnetId"), crossRegion ? undefined : service.zoneIds, serviceName);
  const groupIds = params.list("SecurityGroupId");
  groupIds.forEach((id) => ownSecurityGroup(ctx, id));
  const defaultGroup = NETWORK.securityGroups.find((g) => g.vpcId === vpc.vpcId)?.groupId;
  const ipAddressType = params.get("IpAddressType") ?? "ipv4";
  if (!service.supportedIpAddressTypes.includes(ipAddressType)) {
    throw new AwsError("InvalidParameter", `The VPC endpoint service ${serviceName} does not support ip address type ${ipAddressType}.`);
  }
  const id = `vpce-${hexId(17)}`;
  const endpoint: Endpoint = {
    id,
    ownerId: caller.accountId,
    region: ctx.region,
    vpcId: vpc.vpcId,
    serviceId: service.serviceId,
    serviceName: service.serviceName,
    serviceRegion: service.region,
    subnetIds,
    securityGroupIds: groupIds.length ? groupIds : defaultGroup ? [defaultGroup] : [],
    networkInterfaceIds: subnetIds.map(() => `eni-${hexId(17)}`),
    dnsSuffix: dnsSuffix(),
    privateDnsEnabled: privateDnsAsked(ctx, service, vpc.vpcId),
    ipAddressType,
    state: "pending",
    stateSince: now,
    failureReason: ctx.failEndpoints ? "The endpoint could not be created (injected fault)." : undefined,
    tags: params.tagSpecifications("vpc-endpoint"),
    createdAt: new Date(now).toISOString(),
    clientToken,
    fingerprint,
    connectionId: `vpce-con-${hexId(17)}`,
  };
  runtime.state.addEndpoint(endpoint);
  runtime.consistency.created(id, now);
  if (tokenKey) runtime.state.clientTokens.set(tokenKey, `${id}|${fingerprint}`);
  setState(runtime, endpoint, service.acceptanceRequired && !endpoint.failureReason ? "pendingAcceptance" : "pending", now);
  return { vpcEndpoint: endpointXml(endpoint), clientToken };
};

/** Asked for (PrivateDnsEnabled=true): on, or AWS's refusal. Left out (AWS's default, true): on where it may be, silently off elsewhere. */
function privateDnsAsked(ctx: RequestContext, service: EndpointService, vpcId: string): boolean {
  const asked = ctx.params.bool("PrivateDnsEnabled");
  if (asked === false) return false;
  const refusal = privateDnsRefusal(ctx, service, vpcId);
  if (refusal && asked) throw refusal;
  return refusal === undefined;
}

/**
 * A gateway endpoint to S3 or DynamoDB: no service of a customer, no acceptance, available at once,
 * with a route to the service's prefix list in each route table.
 */
const GATEWAY_SERVICES = ["s3", "dynamodb"];

function createGatewayEndpoint(ctx: RequestContext, vpcId: string, service: string, fingerprint: string, tokenKey: string | undefined): Endpoint {
  const serviceName = `com.amazonaws.${ctx.region}.${service}`;
  const routeTableIds = [...new Set(ctx.params.list("RouteTableId"))];
  for (const id of routeTableIds) {
    if (ownRouteTable(ctx, id).vpcId !== vpcId) throw new AwsError("InvalidParameter", `The route table ${id} does not belong to VPC ${vpcId}.`);
  }
  const taken = [...ctx.runtime.state.endpoints.values()].find(
    (e) => e.type === "Gateway" && e.state !== "deleted" && e.serviceName === serviceName && e.routeTableIds?.some((id) => routeTableIds.includes(id)),
  );
  if (taken) throw new AwsError("RouteAlreadyExists", `A route to ${serviceName} already exists in a route table of ${taken.id}.`);
  const id = `vpce-${hexId(17)}`;
  const endpoint: Endpoint = {
    id,
    type: "Gateway",
    routeTableIds,
    ownerId: ctx.caller.accountId,
    region: ctx.region,
    vpcId,
    serviceId: "",
    serviceName,
    serviceRegion: ctx.region,
    subnetIds: [],
    securityGroupIds: [],
    networkInterfaceIds: [],
    dnsSuffix: "",
    privateDnsEnabled: false,
    ipAddressType: "ipv4",
    state: "available",
    stateSince: ctx.now,
    tags: ctx.params.tagSpecifications("vpc-endpoint"),
    createdAt: new Date(ctx.now).toISOString(),
    clientToken: ctx.params.get("ClientToken"),
    fingerprint,
    connectionId: "",
  };
  ctx.runtime.state.addEndpoint(endpoint);
  ctx.runtime.consistency.created(id, ctx.now);
  if (tokenKey) ctx.runtime.state.clientTokens.set(tokenKey, `${id}|${fingerprint}`);
  return endpoint;
}

/** The caller's endpoints in this region that EC2 shows it yet (consistency.ts), in id order. */
function ownEndpoints(ctx: RequestContext): Endpoint[] {
  const { accountId } = ctx.caller;
  const { consistency } = ctx.runtime;
  return ctx.runtime.state
    .sortedEndpoints()
    .filter((e) => e.ownerId === accountId && e.region === ctx.region && consistency.isVisible(ctx, e.id))
    .map((e) => consistency.view(ctx, e.id, e));
}

const describeVpcEndpoints: Handler = (ctx) => {
  const ids = ctx.params.list("VpcEndpointId");
  ids.forEach((id) => checkId("vpce", id, "InvalidVpcEndpointId.Malformed"));
  const maxResults = ctx.params.int("MaxResults", { min: 5, max: 1000 });
  const match = compileFilters<Endpoint>(ctx.params.filters(), ENDPOINT_FILTERS, (e, name) => {
    switch (name) {
      case "vpc-endpoint-id":
        return [e.id];
      case "vpc-endpoint-state":
        return [e.state];
      case "vpc-endpoint-type":
        return [e.type ?? "Interface"];
      case "service-name":
        return [e.serviceName];
      case "vpc-id":
        return [e.vpcId];
      case "ip-address-type":
        return [e.ipAddressType];
      default:
        return readTags(e.tags, name);
    }
  });
  let endpoints = ownEndpoints(ctx);
  if (ids.length) {
    const wanted = new Set(ids);
    endpoints = endpoints.filter((e) => wanted.has(e.id));
    const missing = ids.filter((id) => !endpoints.some((e) => e.id === id));
    if (missing.length) throw new AwsError("InvalidVpcEndpointId.NotFound", `The VpcEndpoint Id '${missing.join(", ")}' does not exist`);
  }
  const { page, nextToken } = paginate(endpoints.filter(match), (e) => e.id, maxResults, ctx.params.get("NextToken"));
  return { vpcEndpointSet: page.map(endpointXml), nextToken };
};

function ownEndpoint(ctx: RequestContext, id: string): Endpoint | undefined {
  const endpoint = ctx.runtime.state.endpoints.get(id);
  const isOwn = endpoint && endpoint.ownerId === ctx.caller.accountId && endpoint.region === ctx.region;
  return isOwn && ctx.runtime.consistency.isVisible(ctx, id) ? endpoint : undefined;
}

const deleteVpcEndpoints: Handler = (ctx) => {
  const ids = ctx.params.list("VpcEndpointId");
  if (ids.length === 0) throw missingParameter("ec2", "VpcEndpointId");
  ids.forEach((id) => checkId("vpce", id, "InvalidVpcEndpointId.Malformed"));
  const unsuccessful = ids.flatMap((id) => {
    const endpoint = ownEndpoint(ctx, id);
    if (!endpoint || endpoint.state === "deleted") {
      return [{ error: { code: "InvalidVpcEndpoint.NotFound", message: `The VpcEndpoint Id '${id}' does not exist` }, resourceId: id }];
    }
    if (endpoint.state !== "deleting") setState(ctx.runtime, endpoint, "deleting", ctx.now);
    return [];
  });
  return { unsuccessful };
};

const modifyVpcEndpoint: Handler = (ctx) => {
  const { params } = ctx;
  const id = params.required("VpcEndpointId");
  checkId("vpce", id, "InvalidVpcEndpointId.Malformed");
  const endpoint = ownEndpoint(ctx, id);
  if (!endpoint || endpoint.state === "deleted") throw new AwsError("InvalidVpcEndpointId.NotFound", `The VpcEndpoint Id '${id}' does not exist`);
  const service = ctx.runtime.state.services.get(endpoint.serviceId);
  const add = params.list("AddSubnetId");
  const remove = new Set(params.list("RemoveSubnetId"));
  const subnetIds = [...endpoint.subnetIds.filter((s) => !remove.has(s)), ...add.filter((s) => !endpoint.subnetIds.includes(s))];
  const crossRegion = endpoint.serviceRegion !== endpoint.region;
  endpointSubnets(ctx, endpoint.vpcId, subnetIds, crossRegion ? undefined : service?.zoneIds, endpoint.serviceName);
  endpoint.networkInterfaceIds = subnetIds.map((s) => {
    const index = endpoint.subnetIds.indexOf(s);
    return index >= 0 ? (endpoint.networkInterfaceIds[index] ?? `eni-${hexId(17)}`) : `eni-${hexId(17)}`;
  });
  endpoint.subnetIds = subnetIds.filter((s) => subnetById(s));
  const addGroups = params.list("AddSecurityGroupId");
  addGroups.forEach((g) => ownSecurityGroup(ctx, g));
  const removeGroups = new Set(params.list("RemoveSecurityGroupId"));
  endpoint.securityGroupIds = [...new Set([...endpoint.securityGroupIds, ...addGroups])].filter((g) => !removeGroups.has(g));
  const privateDns = params.bool("PrivateDnsEnabled");
  if (privateDns && service) {
    const refusal = privateDnsRefusal(ctx, service, endpoint.vpcId, endpoint.id);
    if (refusal) throw refusal;
  }
  if (privateDns !== undefined) endpoint.privateDnsEnabled = privateDns;
  return { return: true };
};

export const endpointHandlers: Record<string, Handler> = {
  CreateVpcEndpoint: createVpcEndpoint,
  DescribeVpcEndpoints: describeVpcEndpoints,
  DeleteVpcEndpoints: deleteVpcEndpoints,
  ModifyVpcEndpoint: modifyVpcEndpoint,
};
