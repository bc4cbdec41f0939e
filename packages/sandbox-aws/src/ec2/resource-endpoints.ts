import { createHash } from "node:crypto";
import { AwsError, missingParameter } from "../errors";
import { isSharedWith } from "../ram/store";
import type { Handler, RequestContext } from "../runtime";
import { NETWORK } from "../seed";
import { hexId, type Endpoint, type SandboxState } from "../state";
import { setState } from "./lifecycle";
import { ownSubnet } from "./network";
import { checkId, compileFilters, paginate, readTags, tagsXml } from "./query";
import { ownSecurityGroup } from "./security-groups";

/**
 * The vendor's side of a resource configuration: a VPC endpoint of type Resource. It needs the
 * configuration shared with the account (its RAM invitation accepted), subnets of which at least
 * one is in a zone of the configuration's resource gateway (AWS states its zone rule for Tunnel
 * endpoints only), and another VPC than the gateway's. There is no acceptance
 * step. Its DNS name is per association (DescribeVpcEndpointAssociations), not in DnsEntries.
 */

const ARN = /^arn:aws:vpc-lattice:[a-z0-9-]+:\d{12}:resourceconfiguration\/rcfg-[0-9a-z]{17}$/;
const HOSTED_ZONE = "Z03265862FOUNWMZOKUF4";

export function createResourceEndpoint(ctx: RequestContext, vpcId: string, fingerprint: string, tokenKey: string | undefined): Endpoint {
  const { params, runtime, caller, now } = ctx;
  const { lattice, ram } = runtime.state;
  const arn = params.get("ResourceConfigurationArn");
  if (!arn) throw missingParameter("ec2", "ResourceConfigurationArn");
  if (!ARN.test(arn)) throw new AwsError("InvalidParameter", `The resource configuration ARN '${arn}' is malformed.`);
  const configuration = lattice.configurationByArn(arn);
  if (!configuration || configuration.region !== ctx.region || !isSharedWith(ram, arn, configuration.ownerId, caller.accountId)) {
    throw new AwsError(
      "InvalidParameter",
      `The resource configuration ${arn} does not exist in ${ctx.region} or is not shared with account ${caller.accountId}: its owner shares it through AWS RAM, and this account accepts the invitation.`,
    );
  }
  if (now - configuration.createdAt < runtime.delays.pendingMs) throw new AwsError("InvalidParameter", `The resource configuration ${arn} is not active yet.`);
  const gateway = lattice.gateways.get(configuration.gatewayId);
  if (gateway?.vpcId === vpcId)
    throw new AwsError("InvalidParameter", `The VPC ${vpcId} is the resource gateway's own: a Resource endpoint must be in another VPC.`);
  const subnetIds = params.list("SubnetId");
  const zones = new Set<string>();
  for (const subnetId of subnetIds) {
    const subnet = ownSubnet(ctx, subnetId);
    if (subnet.vpcId !== vpcId) throw new AwsError("InvalidParameter", `The subnet ID '${subnetId}' does not belong to VPC '${vpcId}'.`);
    if (zones.has(subnet.zoneId))
      throw new AwsError("DuplicateSubnetsInSameZone", `Found another VPC endpoint subnet in the availability zone of ${subnetId}.`);
    zones.add(subnet.zoneId);
  }
  if (gateway && ![...zones].some((zone) => gateway.zoneIds.includes(zone))) {
    throw new AwsError(
      "InvalidParameter",
      `The resource gateway of ${arn} shares no availability zone with the subnets ${subnetIds.join(", ")} (${[...zones].join(", ")}); it is in ${gateway.zoneIds.join(", ")}.`,
    );
  }
  const groupIds = params.list("SecurityGroupId");
  groupIds.forEach((id) => ownSecurityGroup(ctx, id));
  const defaultGroup = NETWORK.securityGroups.find((g) => g.vpcId === vpcId)?.groupId;
  const id = `vpce-${hexId(17)}`;
  const endpoint: Endpoint = {
    id,
    type: "Resource",
    resourceConfigurationArn: arn,
    resourceAssociationId: `vpce-rsc-asc-${hexId(17)}`,
    ownerId: caller.accountId,
    region: ctx.region,
    vpcId,
    serviceId: "",
    serviceName: "",
    serviceRegion: ctx.region,
    subnetIds,
    securityGroupIds: groupIds.length ? groupIds : defaultGroup ? [defaultGroup] : [],
    networkInterfaceIds: subnetIds.map(() => `eni-${hexId(17)}`),
    dnsSuffix: "",
    privateDnsEnabled: params.bool("PrivateDnsEnabled") ?? configuration.customDomainName !== undefined,
    ipAddressType: params.get("IpAddressType") ?? "ipv4",
    state: "pending",
    stateSince: now,
    failureReason: ctx.failEndpoints ? "The endpoint could not be created (injected fault)." : undefined,
    tags: params.tagSpecifications("vpc-endpoint"),
    createdAt: new Date(now).toISOString(),
    clientToken: params.get("ClientToken"),
    fingerprint,
    connectionId: "",
  };
  runtime.state.addEndpoint(endpoint);
  runtime.consistency.created(id, now);
  if (tokenKey) runtime.state.clientTokens.set(tokenKey, `${id}|${fingerprint}`);
  setState(runtime, endpoint, "pending", now);
  return endpoint;
}

/** Whether the endpoint still reaches its resource: the configuration exists and is still shared with the endpoint's account. */
export function accessibility(state: SandboxState, endpoint: Endpoint): { accessible: true } | { accessible: false; code: string; reason: string } {
  const arn = endpoint.resourceConfigurationArn ?? "";
  const configuration = state.lattice.configurationByArn(arn);
  if (!configuration) return { accessible: false, code: "ResourceConfigurationNotFound", reason: `The resource configuration ${arn} was deleted.` };
  if (!isSharedWith(state.ram, arn, configuration.ownerId, endpoint.ownerId)) {
    return {
      accessible: false,
      code: "ResourceConfigurationNotShared",
      reason: `The resource configuration ${arn} is no longer shared with account ${endpoint.ownerId}.`,
    };
  }
  return { accessible: true };
}

/** `vpce-….rcfg-….<7 hex>.vpc-lattice-rsc.<region>.on.aws`, as AWS names a resource association. */
export function associationDnsName(endpoint: Endpoint): string {
  const rcfg = endpoint.resourceConfigurationArn?.split("/").at(-1) ?? "";
  const token = createHash("sha256").update(`${endpoint.ownerId}/${rcfg}`).digest("hex").slice(0, 7);
  return `${endpoint.id}.${rcfg}.${token}.vpc-lattice-rsc.${endpoint.region}.on.aws`;
}

const ASSOCIATION_FILTERS = ["vpc-endpoint-id", "associated-resource-accessibility", "associated-resource-id", "resource-configuration-group-arn"];

const describeVpcEndpointAssociations: Handler = (ctx) => {
  const { state, consistency } = ctx.runtime;
  const ids = ctx.params.list("VpcEndpointId");
  ids.forEach((id) => checkId("vpce", id, "InvalidVpcEndpointId.Malformed"));
  const views = state
    .sortedEndpoints()
    .filter((e) => e.ownerId === ctx.caller.accountId && e.region === ctx.region && consistency.isVisible(ctx, e.id))
    .filter((e) => e.type === "Resource" && e.resourceAssociationId && e.state !== "deleted" && (!ids.length || ids.includes(e.id)))
    .map((e) => {
      const access = accessibility(state, e);
      const configuration = state.lattice.configurationByArn(e.resourceConfigurationArn ?? "");
      const privateName = e.privateDnsEnabled && configuration?.customDomainName;
      return {
        endpoint: e,
        xml: {
          id: e.resourceAssociationId,
          vpcEndpointId: e.id,
          associatedResourceAccessibility: access.accessible ? "Accessible" : "Inaccessible",
          failureCode: access.accessible ? undefined : access.code,
          failureReason: access.accessible ? undefined : access.reason,
          dnsEntry: { dnsName: associationDnsName(e), hostedZoneId: HOSTED_ZONE },
          privateDnsEntry: privateName ? { dnsName: privateName, hostedZoneId: HOSTED_ZONE } : undefined,
          associatedResourceArn: e.resourceConfigurationArn,
          tagSet: tagsXml(e.tags),
        },
      };
    });
  const match = compileFilters<(typeof views)[number]>(ctx.params.filters(), ASSOCIATION_FILTERS, (view, name) => {
    switch (name) {
      case "vpc-endpoint-id":
        return [view.endpoint.id];
      case "associated-resource-accessibility":
        return [view.xml.associatedResourceAccessibility];
      case "associated-resource-id":
        return [view.endpoint.resourceConfigurationArn ?? ""];
      case "resource-configuration-group-arn":
        return [];
      default:
        return readTags(view.endpoint.tags, name);
    }
  });
  const { page, nextToken } = paginate(
    views.filter(match),
    (v) => v.endpoint.id,
    ctx.params.int("MaxResults", { min: 5, max: 1000 }),
    ctx.params.get("NextToken"),
  );
  return { vpcEndpointAssociationSet: page.map((v) => v.xml), nextToken };
};

export const resourceEndpointHandlers: Record<string, Handler> = {
  DescribeVpcEndpointAssociations: describeVpcEndpointAssociations,
};
