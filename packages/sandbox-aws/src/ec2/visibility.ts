import { AwsError } from "../errors";
import { principalAdmits } from "../principals";
import type { Caller, Handler, RequestContext } from "../runtime";
import type { EndpointService } from "../state";
import { privateDnsStateOf } from "./private-dns";
import { baseDnsName, zoneNamesFor } from "./services";
import { compileFilters, paginate, readTags, TAG_FILTERS, tagsXml } from "./query";

/**
 * The vendor's side of discovery. A service is visible to its owner and to principals on its allow
 * list; everyone else is told it does not exist (AWS never says "forbidden" here). A service in
 * another region is reachable only when the caller names that region and the service lists the
 * caller's region among its SupportedRegions.
 */

export function canSee(service: EndpointService, caller: Caller): boolean {
  return service.ownerId === caller.accountId || service.permissions.some((p) => principalAdmits(p.principal, caller));
}

function reachableFrom(service: EndpointService, region: string, serviceRegions: string[]): boolean {
  if (service.region === region) return serviceRegions.length === 0 || serviceRegions.includes(region);
  return serviceRegions.includes(service.region) && service.supportedRegions.includes(region);
}

function notFound(name: string): AwsError {
  return new AwsError("InvalidServiceName", `The Vpc Endpoint Service '${name}' does not exist`);
}

/** The service the caller may connect to by this name, or InvalidServiceName. */
export function visibleService(ctx: RequestContext, name: string, serviceRegion: string | undefined): EndpointService {
  const service = [...ctx.runtime.state.services.values()].find((s) => s.serviceName === name);
  if (!service || !canSee(service, ctx.caller)) throw notFound(name);
  if (!reachableFrom(service, ctx.region, serviceRegion && serviceRegion !== ctx.region ? [serviceRegion] : [])) throw notFound(name);
  return service;
}

function detailXml(ctx: RequestContext, service: EndpointService) {
  const isOwner = service.ownerId === ctx.caller.accountId;
  return {
    serviceName: service.serviceName,
    serviceId: service.serviceId,
    serviceType: [{ serviceType: "Interface" }],
    serviceRegion: service.region,
    availabilityZoneIdSet: [...service.zoneIds].sort(),
    availabilityZoneSet: zoneNamesFor(ctx.caller.accountId, service),
    owner: service.ownerId,
    baseEndpointDnsNameSet: [baseDnsName(service)],
    privateDnsName: service.privateDnsName,
    privateDnsNameSet: service.privateDnsName ? [{ privateDnsName: service.privateDnsName }] : undefined,
    vpcEndpointPolicySupported: false,
    acceptanceRequired: service.acceptanceRequired,
    managesVpcEndpoints: false,
    payerResponsibility: "ServiceOwner",
    tagSet: isOwner ? tagsXml(service.tags) : [],
    privateDnsNameVerificationState: privateDnsStateOf(service),
    supportedIpAddressTypeSet: service.supportedIpAddressTypes,
  };
}

const describeVpcEndpointServices: Handler = (ctx) => {
  const names = ctx.params.list("ServiceName");
  const serviceRegions = ctx.params.list("ServiceRegion");
  const byName = names.map((name) => {
    const service = [...ctx.runtime.state.services.values()].find((s) => s.serviceName === name);
    if (!service || !canSee(service, ctx.caller) || !reachableFrom(service, ctx.region, serviceRegions)) throw notFound(name);
    return service;
  });
  const match = compileFilters<EndpointService>(
    ctx.params.filters(),
    ["service-name", "service-type", "service-region", "owner", ...TAG_FILTERS],
    (s, name) =>
      ({ "service-name": [s.serviceName], "service-type": ["Interface"], "service-region": [s.region], owner: [s.ownerId] })[name] ?? readTags(s.tags, name),
  );
  const candidates = names.length
    ? byName
    : [...ctx.runtime.state.services.values()].filter((s) => canSee(s, ctx.caller) && reachableFrom(s, ctx.region, serviceRegions));
  const services = candidates.filter(match).sort((a, b) => (a.serviceName < b.serviceName ? -1 : 1));
  const { page, nextToken } = paginate(services, (s) => s.serviceName, ctx.params.int("MaxResults", { min: 5, max: 1000 }), ctx.params.get("NextToken"));
  return {
    serviceNameSet: page.map((s) => s.serviceName),
    serviceDetailSet: page.map((s) => detailXml(ctx, s)),
    nextToken,
  };
};

export const visibilityHandlers: Record<string, Handler> = {
  DescribeVpcEndpointServices: describeVpcEndpointServices,
};
