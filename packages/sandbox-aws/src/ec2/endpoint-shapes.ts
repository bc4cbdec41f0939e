import { securityGroupById, subnetById } from "../seed";
import type { Endpoint } from "../state";
import { tagsXml } from "./query";

/** How an endpoint looks on the wire: VpcEndpoint items and the provider's connection items. */

/** The default policy of a gateway endpoint: anyone, anything, through it. */
const FULL_ACCESS_POLICY = JSON.stringify({ Version: "2008-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] });

/** Route 53 zones AWS uses for vpce.amazonaws.com names, per region. */
const HOSTED_ZONES: Record<string, string> = {
  "us-east-1": "Z7HUB22UULQXV",
  "us-west-2": "Z1YSA3EXCYUU9Z",
  "eu-west-1": "Z38GZ743OKFT7T",
};

/** One regional name, then one zonal name per subnet's AZ (in the consumer's own AZ names). */
export function dnsEntries(endpoint: Endpoint): { dnsName: string; hostedZoneId: string }[] {
  const hostedZoneId = HOSTED_ZONES[endpoint.region] ?? "Z7HUB22UULQXV";
  const base = `${endpoint.serviceId}.${endpoint.region}.vpce.amazonaws.com`;
  const zonal = endpoint.subnetIds
    .flatMap((id) => subnetById(id)?.zoneName ?? [])
    .sort()
    .map((zone) => ({ dnsName: `${endpoint.id}-${endpoint.dnsSuffix}-${zone}.${base}`, hostedZoneId }));
  return [{ dnsName: `${endpoint.id}-${endpoint.dnsSuffix}.${base}`, hostedZoneId }, ...zonal];
}

/** Resource endpoints' names are per association (DescribeVpcEndpointAssociations). */
function visibleDns(endpoint: Endpoint) {
  return endpoint.type === "Gateway" ||
    endpoint.type === "Resource" ||
    endpoint.state === "rejected" ||
    endpoint.state === "deleted" ||
    endpoint.state === "failed" ||
    endpoint.state === "expired"
    ? []
    : dnsEntries(endpoint);
}

export function endpointXml(endpoint: Endpoint) {
  return {
    vpcEndpointId: endpoint.id,
    vpcEndpointType: endpoint.type ?? "Interface",
    vpcId: endpoint.vpcId,
    serviceName: endpoint.serviceName || undefined,
    resourceConfigurationArn: endpoint.resourceConfigurationArn,
    state: endpoint.state,
    routeTableIdSet: endpoint.routeTableIds ?? [],
    policyDocument: endpoint.type === "Gateway" ? FULL_ACCESS_POLICY : undefined,
    subnetIdSet: endpoint.subnetIds,
    groupSet: endpoint.securityGroupIds.map((groupId) => ({ groupId, groupName: securityGroupById(groupId)?.groupName ?? "default" })),
    ipAddressType: endpoint.ipAddressType,
    dnsOptions: { dnsRecordIpType: endpoint.ipAddressType, privateDnsOnlyForInboundResolverEndpoint: false },
    privateDnsEnabled: endpoint.privateDnsEnabled,
    requesterManaged: false,
    networkInterfaceIdSet: endpoint.state === "deleted" ? [] : endpoint.networkInterfaceIds,
    dnsEntrySet: visibleDns(endpoint),
    creationTimestamp: endpoint.createdAt,
    tagSet: tagsXml(endpoint.tags),
    ownerId: endpoint.ownerId,
    lastError: endpoint.failureReason ? { code: "Server.InternalError", message: endpoint.failureReason } : undefined,
    failureReason: endpoint.state === "failed" ? endpoint.failureReason : undefined,
    serviceRegion: endpoint.serviceRegion !== endpoint.region ? endpoint.serviceRegion : undefined,
  };
}

export function connectionXml(endpoint: Endpoint, loadBalancerArns: string[]) {
  return {
    serviceId: endpoint.serviceId,
    vpcEndpointId: endpoint.id,
    vpcEndpointOwner: endpoint.ownerId,
    vpcEndpointState: endpoint.state,
    creationTimestamp: endpoint.createdAt,
    dnsEntrySet: visibleDns(endpoint),
    networkLoadBalancerArnSet: loadBalancerArns,
    ipAddressType: endpoint.ipAddressType,
    vpcEndpointConnectionId: endpoint.connectionId,
    vpcEndpointRegion: endpoint.region,
  };
}
