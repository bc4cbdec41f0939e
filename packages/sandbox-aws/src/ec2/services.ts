import { AwsError, missingParameter } from "../errors";
import { isValidPrincipal, principalType } from "../principals";
import type { Handler, RequestContext } from "../runtime";
import { findRegion, NETWORK, zonesFor } from "../seed";
import { hexId, type EndpointService } from "../state";
import { findLoadBalancer } from "../elbv2/common";
import { privateDnsConfigurationXml, setPrivateDnsName, verifyPrivateDns } from "./private-dns";
import { checkId, compileFilters, paginate, readTags, TAG_FILTERS, tagsXml } from "./query";

/** The customer's side: endpoint service configurations and their allow lists. */

const ACTIVE_CONNECTION_STATES = new Set(["pendingAcceptance", "pending", "available"]);

export function baseDnsName(service: EndpointService): string {
  return `${service.serviceId}.${service.region}.vpce.amazonaws.com`;
}

/** AZ names of the service's zones in the given account's own mapping. */
export function zoneNamesFor(accountId: string, service: EndpointService): string[] {
  const zones = zonesFor(accountId, service.region);
  return service.zoneIds.flatMap((id) => zones.find((zone) => zone.zoneId === id)?.zoneName ?? []).sort();
}

export function ownService(ctx: RequestContext, serviceId: string): EndpointService {
  checkId("vpce-svc", serviceId, "InvalidVpcEndpointServiceId.Malformed");
  const service = ctx.runtime.state.services.get(serviceId);
  if (!service || service.ownerId !== ctx.caller.accountId || service.region !== ctx.region || !ctx.runtime.consistency.isVisible(ctx, serviceId)) {
    throw new AwsError("InvalidVpcEndpointServiceId.NotFound", `The Vpc Endpoint Service Id '${serviceId}' does not exist`);
  }
  return service;
}

function configurationXml(ctx: RequestContext, service: EndpointService) {
  return {
    serviceType: [{ serviceType: "Interface" }],
    serviceId: service.serviceId,
    serviceName: service.serviceName,
    serviceState: "Available",
    availabilityZoneIdSet: [...service.zoneIds].sort(),
    availabilityZoneSet: zoneNamesFor(ctx.caller.accountId, service),
    acceptanceRequired: service.acceptanceRequired,
    managesVpcEndpoints: false,
    networkLoadBalancerArnSet: service.loadBalancerArns,
    supportedIpAddressTypeSet: service.supportedIpAddressTypes,
    baseEndpointDnsNameSet: [baseDnsName(service)],
    privateDnsName: service.privateDnsName,
    privateDnsNameConfiguration: privateDnsConfigurationXml(service),
    payerResponsibility: "ServiceOwner",
    tagSet: tagsXml(service.tags),
    supportedRegionSet: [service.region, ...service.supportedRegions.filter((r) => r !== service.region)].map((region) => ({
      region,
      serviceState: "Available",
    })),
    remoteAccessEnabled: false,
  };
}

/** The caller's NLBs: seeded ones, or ones it created through ELBv2 (their zones are their subnets'). */
function loadBalancers(ctx: RequestContext, arns: string[]): { arn: string; zoneIds: string[] }[] {
  return arns.map((arn) => {
    const seeded = NETWORK.loadBalancers.find((l) => l.arn === arn && l.ownerId === ctx.caller.accountId && l.region === ctx.region);
    if (seeded) return seeded;
    const created = findLoadBalancer(ctx, arn);
    if (!created) throw new AwsError("InvalidParameter", `Load balancer ${arn} was not found in this account and region.`);
    if (created.type !== "network") throw new AwsError("InvalidParameter", `Load balancer ${arn} is not a Network Load Balancer.`);
    return { arn, zoneIds: created.subnetIds.flatMap((id) => NETWORK.subnets.find((s) => s.subnetId === id)?.zoneId ?? []) };
  });
}

function checkRegions(regions: string[]): void {
  for (const region of regions) {
    if (!findRegion(region)) throw new AwsError("InvalidParameter", `Region ${region} is not supported.`);
  }
}

function zonesOf(ctx: RequestContext, arns: string[]): string[] {
  return [...new Set(loadBalancers(ctx, arns).flatMap((lb) => lb.zoneIds))];
}

const createConfiguration: Handler = (ctx) => {
  const { params, runtime } = ctx;
  const clientToken = params.get("ClientToken");
  const fingerprint = params.fingerprint(["Action", "Version"]);
  const tokenKey = clientToken ? `${ctx.caller.accountId}/${ctx.region}/svc/${clientToken}` : undefined;
  if (tokenKey && runtime.state.clientTokens.has(tokenKey)) {
    const [id, previous] = (runtime.state.clientTokens.get(tokenKey) ?? "").split("|");
    const existing = id ? runtime.state.services.get(id) : undefined;
    if (previous !== encodeURIComponent(fingerprint))
      throw new AwsError("IdempotentParameterMismatch", "Client token already used before with different parameters.");
    if (existing) return { serviceConfiguration: configurationXml(ctx, existing), clientToken };
  }
  const arns = params.list("NetworkLoadBalancerArn");
  if (arns.length === 0) throw missingParameter("ec2", "NetworkLoadBalancerArn");
  const supportedRegions = params.list("SupportedRegion");
  checkRegions(supportedRegions);
  const ipTypes = params.list("SupportedIpAddressType");
  const serviceId = `vpce-svc-${hexId(17)}`;
  const service: EndpointService = {
    serviceId,
    serviceName: `com.amazonaws.vpce.${ctx.region}.${serviceId}`,
    ownerId: ctx.caller.accountId,
    region: ctx.region,
    acceptanceRequired: params.bool("AcceptanceRequired") ?? true,
    loadBalancerArns: arns,
    zoneIds: zonesOf(ctx, arns),
    supportedRegions,
    supportedIpAddressTypes: ipTypes.length ? ipTypes : ["ipv4"],
    tags: params.tagSpecifications("vpc-endpoint-service"),
    permissions: [],
    createdAt: new Date(ctx.now).toISOString(),
    clientToken,
  };
  setPrivateDnsName(service, params.get("PrivateDnsName"));
  runtime.state.services.set(serviceId, service);
  runtime.consistency.created(serviceId, ctx.now);
  if (tokenKey) runtime.state.clientTokens.set(tokenKey, `${serviceId}|${encodeURIComponent(fingerprint)}`);
  return { serviceConfiguration: configurationXml(ctx, service), clientToken };
};

const describeConfigurations: Handler = (ctx) => {
  const ids = ctx.params.list("ServiceId");
  ids.forEach((id) => ownService(ctx, id));
  const match = compileFilters<EndpointService>(
    ctx.params.filters(),
    ["service-name", "service-id", "service-state", "supported-region", ...TAG_FILTERS],
    (s, name) =>
      ({ "service-name": [s.serviceName], "service-id": [s.serviceId], "service-state": ["Available"], "supported-region": [s.region, ...s.supportedRegions] })[
        name
      ] ?? readTags(s.tags, name),
  );
  const { consistency } = ctx.runtime;
  const services = [...ctx.runtime.state.services.values()]
    .filter((s) => s.ownerId === ctx.caller.accountId && s.region === ctx.region && (ids.length === 0 || ids.includes(s.serviceId)))
    .filter((s) => consistency.isVisible(ctx, s.serviceId))
    .map((s) => consistency.view(ctx, s.serviceId, s))
    .filter(match)
    .sort((a, b) => (a.serviceId < b.serviceId ? -1 : 1));
  const { page, nextToken } = paginate(services, (s) => s.serviceId, ctx.params.int("MaxResults", { min: 5, max: 1000 }), ctx.params.get("NextToken"));
  return { serviceConfigurationSet: page.map((s) => configurationXml(ctx, s)), nextToken };
};

const modifyConfiguration: Handler = (ctx) => {
  const { params } = ctx;
  const service = ownService(ctx, params.required("ServiceId"));
  const acceptance = params.bool("AcceptanceRequired");
  if (acceptance !== undefined) service.acceptanceRequired = acceptance;
  const dnsName = params.get("PrivateDnsName");
  if (dnsName !== undefined) setPrivateDnsName(service, dnsName);
  if (params.bool("RemovePrivateDnsName")) setPrivateDnsName(service, undefined);
  const add = params.list("AddNetworkLoadBalancerArn");
  const remove = params.list("RemoveNetworkLoadBalancerArn");
  loadBalancers(ctx, add);
  const arns = [...new Set([...service.loadBalancerArns, ...add])].filter((arn) => !remove.includes(arn));
  if (arns.length === 0) throw new AwsError("InvalidParameter", "A service needs at least one network load balancer.");
  service.loadBalancerArns = arns;
  service.zoneIds = zonesOf(ctx, arns);
  const addRegions = params.list("AddSupportedRegion");
  checkRegions(addRegions);
  const removeRegions = params.list("RemoveSupportedRegion");
  service.supportedRegions = [...new Set([...service.supportedRegions, ...addRegions])].filter((r) => !removeRegions.includes(r));
  return { return: true };
};

const deleteConfigurations: Handler = (ctx) => {
  const ids = ctx.params.list("ServiceId");
  if (ids.length === 0) throw missingParameter("ec2", "ServiceId");
  const unsuccessful = ids.flatMap((id) => {
    const service = ctx.runtime.state.services.get(id);
    if (!service || service.ownerId !== ctx.caller.accountId || service.region !== ctx.region || !ctx.runtime.consistency.isVisible(ctx, id)) {
      return [{ error: { code: "InvalidVpcEndpointService.NotFound", message: `The VpcEndpointService Id '${id}' does not exist` }, resourceId: id }];
    }
    const active = [...ctx.runtime.state.endpoints.values()].some((e) => e.serviceId === id && ACTIVE_CONNECTION_STATES.has(e.state));
    if (active) {
      return [{ error: { code: "ExistingVpcEndpointConnections", message: "Service has existing active VPC Endpoint connections!" }, resourceId: id }];
    }
    ctx.runtime.state.services.delete(id);
    return [];
  });
  return { unsuccessful };
};

const modifyPermissions: Handler = (ctx) => {
  const service = ownService(ctx, ctx.params.required("ServiceId"));
  const add = ctx.params.list("AddAllowedPrincipals");
  const remove = ctx.params.list("RemoveAllowedPrincipals");
  for (const principal of [...add, ...remove]) {
    if (!isValidPrincipal(principal)) throw new AwsError("InvalidPrincipal", `Invalid principal ${principal}`);
  }
  service.permissions = service.permissions.filter((p) => !remove.includes(p.principal));
  const added = add
    .filter((principal) => !service.permissions.some((p) => p.principal === principal))
    .map((principal) => ({ principal, permissionId: `vpce-svc-perm-${hexId(17)}` }));
  service.permissions.push(...added);
  return {
    addedPrincipalSet: added.length
      ? added.map((p) => ({
          principalType: principalType(p.principal),
          principal: p.principal,
          servicePermissionId: p.permissionId,
          serviceId: service.serviceId,
        }))
      : undefined,
    return: true,
  };
};

const describePermissions: Handler = (ctx) => {
  const service = ownService(ctx, ctx.params.required("ServiceId"));
  const match = compileFilters<EndpointService["permissions"][number]>(
    ctx.params.filters(),
    ["principal", "principal-type"],
    (p, name) => ({ principal: [p.principal], "principal-type": [principalType(p.principal)] })[name],
  );
  const permissions = service.permissions.filter(match).sort((a, b) => (a.permissionId < b.permissionId ? -1 : 1));
  const { page, nextToken } = paginate(permissions, (p) => p.permissionId, ctx.params.int("MaxResults", { min: 5, max: 1000 }), ctx.params.get("NextToken"));
  return {
    allowedPrincipals: page.map((p) => ({
      principalType: principalType(p.principal),
      principal: p.principal,
      servicePermissionId: p.permissionId,
      serviceId: service.serviceId,
    })),
    nextToken,
  };
};

const startPrivateDnsVerification: Handler = (ctx) => {
  verifyPrivateDns(ctx.runtime.state, ownService(ctx, ctx.params.required("ServiceId")));
  return { return: true };
};

export const serviceHandlers: Record<string, Handler> = {
  CreateVpcEndpointServiceConfiguration: createConfiguration,
  DescribeVpcEndpointServiceConfigurations: describeConfigurations,
  ModifyVpcEndpointServiceConfiguration: modifyConfiguration,
  DeleteVpcEndpointServiceConfigurations: deleteConfigurations,
  ModifyVpcEndpointServicePermissions: modifyPermissions,
  DescribeVpcEndpointServicePermissions: describePermissions,
  StartVpcEndpointServicePrivateDnsVerification: startPrivateDnsVerification,
};
