import { inCidr, ipv4ToNumber } from "../data-plane/addresses";
import { findSecurityGroup } from "../ec2/security-groups";
import { AwsError } from "../errors";
import { isSharedWith } from "../ram/store";
import { NETWORK } from "../seed";
import { hexId, type Endpoint } from "../state";
import { page, withFields, type Invalid, type JsonContext, type JsonHandler, type JsonRoute } from "../wire/json";
import type { ResourceConfigurationRecord, ResourceDefinition, ResourceGatewayRecord } from "./store";

/**
 * The provider's side of resource endpoints in vpc-lattice: a resource gateway in the customer's
 * VPC, a resource configuration naming what it reaches (a domain name, an IP address or an RDS
 * database by ARN, with its ports), and the associations consumers' Resource endpoints make with
 * it, which the provider lists and may delete (its kill switch). Configurations of type SINGLE and
 * ARN; GROUP and CHILD are refused with a message saying so.
 */

export const invalid: Invalid = (message, field) =>
  withFields(new AwsError("ValidationException", message), {
    reason: "fieldValidationFailed",
    fieldList: field ? [{ name: field, message }] : [],
  });

function notFound(type: string, id: string): AwsError {
  return withFields(new AwsError("ResourceNotFoundException", `The ${type} '${id}' was not found.`, 404), { resourceId: id, resourceType: type });
}

function conflict(type: string, id: string, message: string): AwsError {
  return withFields(new AwsError("ConflictException", message, 409), { resourceId: id, resourceType: type });
}

const NAME = /^(?!rgw-|rcfg-)[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;
const PORT_RANGE = /^(\d{1,5})(?:-(\d{1,5}))?$/;
const RDS_ARN = /^arn:aws:rds:([a-z0-9-]+):(\d{12}):(db|cluster):[a-zA-Z][a-zA-Z0-9-]{0,62}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const gatewayArn = (ctx: JsonContext, id: string) => `arn:aws:vpc-lattice:${ctx.region}:${ctx.caller.accountId}:resourcegateway/${id}`;
const configurationArn = (ctx: JsonContext, id: string) => `arn:aws:vpc-lattice:${ctx.region}:${ctx.caller.accountId}:resourceconfiguration/${id}`;
const iso = (ms: number) => new Date(ms).toISOString();

function checkName(name: string): string {
  if (!NAME.test(name)) {
    throw invalid(
      "name must be 3 to 40 lower-case letters, digits and hyphens, start and end with a letter or digit, and not start with rgw- or rcfg-.",
      "name",
    );
  }
  return name;
}

/** A record of the caller's by id or ARN, or ResourceNotFoundException. */
function ownRecord<T extends { id: string; arn: string; ownerId: string; region: string }>(
  ctx: JsonContext,
  records: Map<string, T>,
  identifier: string,
  type: string,
): T {
  const id = identifier.split("/").at(-1) ?? "";
  const record = records.get(id);
  const matches = record && (identifier === record.id || identifier === record.arn);
  if (!record || !matches || record.ownerId !== ctx.caller.accountId || record.region !== ctx.region) throw notFound(type, identifier);
  return record;
}

/** CREATE_IN_PROGRESS until the sandbox's pending delay has passed, as load balancers provision. */
function statusOf(ctx: JsonContext, createdAt: number): "ACTIVE" | "CREATE_IN_PROGRESS" {
  return ctx.now - createdAt >= ctx.runtime.delays.pendingMs ? "ACTIVE" : "CREATE_IN_PROGRESS";
}

/** The same client token with the same input answers the first call's resource; with another input, ConflictException. */
function remembered<T>(ctx: JsonContext, kind: string, records: Map<string, T>, fingerprint: string): { key?: string; record?: T } {
  const token = ctx.input.string("clientToken");
  if (!token) return {};
  const key = `${ctx.caller.accountId}/${ctx.region}/${kind}/${token}`;
  const [id, previous] = (ctx.runtime.state.clientTokens.get(key) ?? "").split("|");
  if (id && previous !== fingerprint) throw conflict(kind, id, "The client token was used with different parameters.");
  return { key, record: id ? records.get(id) : undefined };
}

function tagsOf(ctx: JsonContext): Record<string, string> {
  const tags = ctx.input.object("tags") ?? {};
  for (const [key, value] of Object.entries(tags)) {
    if (typeof value !== "string" || key.length === 0 || key.length > 128 || value.length > 256) throw invalid(`Tag '${key}' is not valid.`, "tags");
  }
  return tags as Record<string, string>;
}

function gatewayView(ctx: JsonContext, gateway: ResourceGatewayRecord) {
  return {
    id: gateway.id,
    arn: gateway.arn,
    name: gateway.name,
    status: statusOf(ctx, gateway.createdAt),
    vpcId: gateway.vpcId,
    vpcIdentifier: gateway.vpcId,
    subnetIds: gateway.subnetIds,
    securityGroupIds: gateway.securityGroupIds,
    ipAddressType: gateway.ipAddressType,
    ipv4AddressesPerEni: gateway.ipv4AddressesPerEni,
    resourceConfigDnsResolution: gateway.resourceConfigDnsResolution,
    createdAt: iso(gateway.createdAt),
    lastUpdatedAt: iso(gateway.createdAt),
  };
}

const createResourceGateway: JsonHandler = (ctx) => {
  const { input, runtime, caller } = ctx;
  const fingerprint = input.fingerprint();
  const known = remembered(ctx, "resourcegateway", runtime.state.lattice.gateways, fingerprint);
  if (known.record) return gatewayView(ctx, known.record);
  const name = checkName(input.required("name"));
  const vpcId = input.required("vpcIdentifier");
  const vpc = NETWORK.vpcs.find((v) => v.vpcId === vpcId && v.ownerId === caller.accountId && v.region === ctx.region);
  if (!vpc) throw notFound("VPC", vpcId);
  const subnetIds = input.strings("subnetIds");
  if (subnetIds.length === 0) throw invalid("subnetIds must name at least one subnet of the VPC.", "subnetIds");
  const zoneIds = subnetIds.map((id) => {
    const subnet = NETWORK.subnets.find((s) => s.subnetId === id && s.ownerId === caller.accountId && s.region === ctx.region);
    if (!subnet) throw notFound("subnet", id);
    if (subnet.vpcId !== vpcId) throw invalid(`Subnet ${id} is not in VPC ${vpcId}.`, "subnetIds");
    return subnet.zoneId;
  });
  if (new Set(zoneIds).size !== zoneIds.length) throw invalid("subnetIds must be in different Availability Zones.", "subnetIds");
  const groupIds = input.strings("securityGroupIds");
  for (const id of groupIds) {
    const group = findSecurityGroup(ctx, id);
    if (!group) throw notFound("security group", id);
    if (group.vpcId !== vpcId) throw invalid(`Security group ${id} is not in VPC ${vpcId}.`, "securityGroupIds");
  }
  const ipAddressType = input.string("ipAddressType") ?? "IPV4";
  if (!["IPV4", "IPV6", "DUALSTACK"].includes(ipAddressType)) throw invalid("ipAddressType must be IPV4, IPV6 or DUALSTACK.", "ipAddressType");
  const resolution = input.string("resourceConfigDnsResolution") ?? "PUBLIC";
  if (resolution !== "IN_VPC" && resolution !== "PUBLIC") throw invalid("resourceConfigDnsResolution must be IN_VPC or PUBLIC.", "resourceConfigDnsResolution");
  const taken = [...runtime.state.lattice.gateways.values()].find((g) => g.name === name && g.ownerId === caller.accountId && g.region === ctx.region);
  if (taken) throw conflict("resourcegateway", taken.id, `A resource gateway named ${name} already exists (${taken.id}).`);
  const id = `rgw-${hexId(17)}`;
  const gateway: ResourceGatewayRecord = {
    id,
    arn: gatewayArn(ctx, id),
    name,
    ownerId: caller.accountId,
    region: ctx.region,
    vpcId,
    subnetIds,
    zoneIds,
    securityGroupIds: groupIds.length ? groupIds : NETWORK.securityGroups.filter((g) => g.vpcId === vpcId && g.groupName === "default").map((g) => g.groupId),
    ipAddressType,
    ipv4AddressesPerEni: input.int("ipv4AddressesPerEni", { min: 1, max: 62 }) ?? 16,
    resourceConfigDnsResolution: resolution,
    tags: tagsOf(ctx),
    createdAt: ctx.now,
    fingerprint,
  };
  runtime.state.lattice.gateways.set(id, gateway);
  if (known.key) runtime.state.clientTokens.set(known.key, `${id}|${fingerprint}`);
  return gatewayView(ctx, gateway);
};

const getResourceGateway: JsonHandler = (ctx) =>
  gatewayView(ctx, ownRecord(ctx, ctx.runtime.state.lattice.gateways, ctx.input.required("resourceGatewayIdentifier"), "resourcegateway"));

const listResourceGateways: JsonHandler = (ctx) => {
  const mine = [...ctx.runtime.state.lattice.gateways.values()].filter((g) => g.ownerId === ctx.caller.accountId && g.region === ctx.region);
  const { items, nextToken } = page(mine, (g) => g.id, ctx.input.int("maxResults", { min: 1, max: 100 }), ctx.input.string("nextToken"), invalid);
  return { items: items.map((g) => gatewayView(ctx, g)), nextToken };
};

const deleteResourceGateway: JsonHandler = (ctx) => {
  const { lattice } = ctx.runtime.state;
  const gateway = ownRecord(ctx, lattice.gateways, ctx.input.required("resourceGatewayIdentifier"), "resourcegateway");
  const using = [...lattice.configurations.values()].find((c) => c.gatewayId === gateway.id);
  if (using) throw conflict("resourcegateway", gateway.id, `Resource gateway ${gateway.id} is used by resource configuration ${using.id}: delete it first.`);
  lattice.gateways.delete(gateway.id);
  return { id: gateway.id, arn: gateway.arn, name: gateway.name, status: "DELETE_IN_PROGRESS" };
};

function portRanges(ctx: JsonContext): string[] {
  const ranges = ctx.input.strings("portRanges");
  for (const range of ranges) {
    const match = PORT_RANGE.exec(range);
    const from = Number(match?.[1]);
    const to = Number(match?.[2] ?? match?.[1]);
    if (!match || from < 1 || to > 65535 || from > to)
      throw invalid(`portRanges: '${range}' is not a port (1-65535) or a range such as 5432 or 8000-8100.`, "portRanges");
  }
  return ranges;
}

function definitionOf(ctx: JsonContext, type: "SINGLE" | "ARN", gateway: ResourceGatewayRecord): ResourceDefinition {
  const definition = ctx.input.object("resourceConfigurationDefinition");
  const kinds = Object.keys(definition ?? {}).filter((k) => definition?.[k] !== undefined && definition[k] !== null);
  if (kinds.length !== 1)
    throw invalid("resourceConfigurationDefinition must hold exactly one of dnsResource, ipResource and arnResource.", "resourceConfigurationDefinition");
  const member = definition?.[kinds[0]!] as Record<string, unknown>;
  const field = (name: string) => (typeof member?.[name] === "string" ? (member[name] as string) : "");
  switch (kinds[0]) {
    case "dnsResource": {
      if (type !== "SINGLE") throw invalid("A dnsResource needs type SINGLE.", "type");
      const domainName = field("domainName");
      if (!DOMAIN.test(domainName)) throw invalid(`dnsResource.domainName '${domainName}' is not a domain name.`, "resourceConfigurationDefinition");
      return { dnsResource: { domainName: domainName.toLowerCase(), ipAddressType: field("ipAddressType") || "IPV4" } };
    }
    case "ipResource": {
      if (type !== "SINGLE") throw invalid("An ipResource needs type SINGLE.", "type");
      const ipAddress = field("ipAddress");
      if (ipv4ToNumber(ipAddress) === undefined)
        throw invalid(`ipResource.ipAddress '${ipAddress}' is not an IPv4 address.`, "resourceConfigurationDefinition");
      const vpc = NETWORK.vpcs.find((v) => v.vpcId === gateway.vpcId);
      if (vpc && !inCidr(ipAddress, vpc.cidrBlock)) {
        throw invalid(`ipResource.ipAddress ${ipAddress} is not in the resource gateway's VPC (${vpc.cidrBlock}).`, "resourceConfigurationDefinition");
      }
      return { ipResource: { ipAddress } };
    }
    case "arnResource": {
      if (type !== "ARN") throw invalid("An arnResource needs type ARN.", "type");
      const arn = field("arn");
      const match = RDS_ARN.exec(arn);
      if (!match) throw invalid(`arnResource.arn '${arn}' is not the ARN of an RDS database or cluster.`, "resourceConfigurationDefinition");
      if (match[1] !== ctx.region || match[2] !== ctx.caller.accountId) {
        throw invalid(`arnResource.arn must name a database of this account in ${ctx.region}.`, "resourceConfigurationDefinition");
      }
      return { arnResource: { arn } };
    }
    default:
      throw invalid(`resourceConfigurationDefinition.${kinds[0]} is not a resource definition.`, "resourceConfigurationDefinition");
  }
}

function configurationView(ctx: JsonContext, configuration: ResourceConfigurationRecord) {
  return {
    id: configuration.id,
    arn: configuration.arn,
    name: configuration.name,
    resourceGatewayId: configuration.gatewayId,
    type: configuration.type,
    portRanges: configuration.portRanges,
    protocol: configuration.protocol,
    status: statusOf(ctx, configuration.createdAt),
    resourceConfigurationDefinition: configuration.definition,
    allowAssociationToShareableServiceNetwork: configuration.allowAssociationToShareableServiceNetwork,
    customDomainName: configuration.customDomainName,
    amazonManaged: false,
    createdAt: iso(configuration.createdAt),
    lastUpdatedAt: iso(configuration.createdAt),
  };
}

const createResourceConfiguration: JsonHandler = (ctx) => {
  const { input, runtime, caller } = ctx;
  const { lattice } = runtime.state;
  const fingerprint = input.fingerprint();
  const known = remembered(ctx, "resourceconfiguration", lattice.configurations, fingerprint);
  if (known.record) return configurationView(ctx, known.record);
  const name = checkName(input.required("name"));
  const type = input.required("type");
  if (type === "GROUP" || type === "CHILD") throw invalid(`The sandbox answers resource configurations of type SINGLE and ARN, not ${type}.`, "type");
  if (type !== "SINGLE" && type !== "ARN") throw invalid("type must be SINGLE, GROUP, CHILD or ARN.", "type");
  const gateway = ownRecord(ctx, lattice.gateways, input.required("resourceGatewayIdentifier"), "resourcegateway");
  const protocol = input.string("protocol") ?? "TCP";
  if (protocol !== "TCP") throw invalid("protocol must be TCP.", "protocol");
  const ranges = portRanges(ctx);
  if (type === "SINGLE" && ranges.length === 0) throw invalid("portRanges must name at least one port for a SINGLE resource configuration.", "portRanges");
  const definition = definitionOf(ctx, type, gateway);
  const customDomainName = input.string("customDomainName")?.toLowerCase();
  if (customDomainName !== undefined && !DOMAIN.test(customDomainName))
    throw invalid(`customDomainName '${customDomainName}' is not a domain name.`, "customDomainName");
  const taken = [...lattice.configurations.values()].find((c) => c.name === name && c.ownerId === caller.accountId && c.region === ctx.region);
  if (taken) throw conflict("resourceconfiguration", taken.id, `A resource configuration named ${name} already exists (${taken.id}).`);
  const id = `rcfg-${hexId(17)}`;
  const configuration: ResourceConfigurationRecord = {
    id,
    arn: configurationArn(ctx, id),
    name,
    ownerId: caller.accountId,
    region: ctx.region,
    type,
    gatewayId: gateway.id,
    // An ARN resource (an RDS database) is reached on its own port.
    portRanges: ranges.length ? ranges : ["1-65535"],
    protocol: "TCP",
    definition,
    allowAssociationToShareableServiceNetwork: input.bool("allowAssociationToShareableServiceNetwork") ?? true,
    customDomainName,
    tags: tagsOf(ctx),
    createdAt: ctx.now,
    fingerprint,
  };
  lattice.configurations.set(id, configuration);
  if (known.key) runtime.state.clientTokens.set(known.key, `${id}|${fingerprint}`);
  return configurationView(ctx, configuration);
};

/** A configuration the caller owns, or one shared with it (consumers read what is shared with them, as through RAM). */
function readableConfiguration(ctx: JsonContext, identifier: string): ResourceConfigurationRecord {
  const { lattice, ram } = ctx.runtime.state;
  const record = identifier.startsWith("arn:") ? lattice.configurationByArn(identifier) : lattice.configurations.get(identifier);
  const readable = record && record.region === ctx.region && isSharedWith(ram, record.arn, record.ownerId, ctx.caller.accountId);
  if (!readable) throw notFound("resourceconfiguration", identifier);
  return record;
}

const getResourceConfiguration: JsonHandler = (ctx) =>
  configurationView(ctx, readableConfiguration(ctx, ctx.input.required("resourceConfigurationIdentifier")));

const listResourceConfigurations: JsonHandler = (ctx) => {
  const gatewayIdentifier = ctx.input.string("resourceGatewayIdentifier");
  const gatewayId = gatewayIdentifier ? ownRecord(ctx, ctx.runtime.state.lattice.gateways, gatewayIdentifier, "resourcegateway").id : undefined;
  const mine = [...ctx.runtime.state.lattice.configurations.values()].filter(
    (c) => c.ownerId === ctx.caller.accountId && c.region === ctx.region && (!gatewayId || c.gatewayId === gatewayId),
  );
  const { items, nextToken } = page(mine, (c) => c.id, ctx.input.int("maxResults", { min: 1, max: 100 }), ctx.input.string("nextToken"), invalid);
  return { items: items.map((c) => configurationView(ctx, c)), nextToken };
};

/** Deleting a configuration cuts the consumers' endpoints off it: their associations turn inaccessible. */
const deleteResourceConfiguration: JsonHandler = (ctx) => {
  const configuration = ownRecord(
    ctx,
    ctx.runtime.state.lattice.configurations,
    ctx.input.required("resourceConfigurationIdentifier"),
    "resourceconfiguration",
  );
  ctx.runtime.state.lattice.configurations.delete(configuration.id);
  return undefined;
};

/** The consumers' Resource endpoints associated with a configuration, as its owner sees them. */
function associationsOf(ctx: JsonContext, configuration: ResourceConfigurationRecord): Endpoint[] {
  return ctx.runtime.state
    .sortedEndpoints()
    .filter((e) => e.resourceConfigurationArn === configuration.arn && e.resourceAssociationId && e.state !== "deleted" && e.state !== "deleting");
}

function associationView(configuration: ResourceConfigurationRecord, endpoint: Endpoint) {
  return {
    id: endpoint.resourceAssociationId,
    arn: `arn:aws:vpc-lattice:${configuration.region}:${configuration.ownerId}:resourceendpointassociation/${endpoint.resourceAssociationId}`,
    resourceConfigurationId: configuration.id,
    resourceConfigurationArn: configuration.arn,
    resourceConfigurationName: configuration.name,
    vpcEndpointId: endpoint.id,
    vpcEndpointOwner: endpoint.ownerId,
    createdBy: endpoint.ownerId,
    createdAt: endpoint.createdAt,
  };
}

const listResourceEndpointAssociations: JsonHandler = (ctx) => {
  const { input } = ctx;
  const configuration = ownRecord(ctx, ctx.runtime.state.lattice.configurations, input.required("resourceConfigurationIdentifier"), "resourceconfiguration");
  const endpointId = input.string("vpcEndpointId");
  const owner = input.string("vpcEndpointOwner");
  const associationId = input.string("resourceEndpointAssociationIdentifier")?.split("/").at(-1);
  const matching = associationsOf(ctx, configuration).filter(
    (e) => (!endpointId || e.id === endpointId) && (!owner || e.ownerId === owner) && (!associationId || e.resourceAssociationId === associationId),
  );
  const { items, nextToken } = page(matching, (e) => e.id, input.int("maxResults", { min: 1, max: 100 }), input.string("nextToken"), invalid);
  return { items: items.map((e) => associationView(configuration, e)), nextToken };
};

/** The provider's kill switch: the consumer's endpoint loses its association with the configuration. */
const deleteResourceEndpointAssociation: JsonHandler = (ctx) => {
  const identifier = ctx.input.required("resourceEndpointAssociationIdentifier");
  const id = identifier.split("/").at(-1) ?? "";
  const { lattice } = ctx.runtime.state;
  const endpoint = [...ctx.runtime.state.endpoints.values()].find((e) => e.resourceAssociationId === id);
  const configuration = endpoint?.resourceConfigurationArn ? lattice.configurationByArn(endpoint.resourceConfigurationArn) : undefined;
  if (!endpoint || !configuration || configuration.ownerId !== ctx.caller.accountId || configuration.region !== ctx.region) {
    throw notFound("resourceendpointassociation", identifier);
  }
  const view = associationView(configuration, endpoint);
  endpoint.resourceAssociationId = undefined;
  return {
    id: view.id,
    arn: view.arn,
    resourceConfigurationId: configuration.id,
    resourceConfigurationArn: configuration.arn,
    vpcEndpointId: endpoint.id,
    vpcEndpointOwner: endpoint.ownerId,
  };
};

/** The taggable record an ARN names, the caller's own. */
function taggable(ctx: JsonContext): { tags: Record<string, string> } {
  const arn = ctx.input.required("resourceArn");
  const { lattice } = ctx.runtime.state;
  const records = arn.includes(":resourcegateway/") ? lattice.gateways : arn.includes(":resourceconfiguration/") ? lattice.configurations : undefined;
  if (!records) throw notFound("resource", arn);
  return ownRecord(ctx, records as Map<string, ResourceGatewayRecord | ResourceConfigurationRecord>, arn, "resource");
}

const listTagsForResource: JsonHandler = (ctx) => ({ tags: taggable(ctx).tags });

const tagResource: JsonHandler = (ctx) => {
  const record = taggable(ctx);
  record.tags = { ...record.tags, ...tagsOf(ctx) };
  return {};
};

const untagResource: JsonHandler = (ctx) => {
  const record = taggable(ctx);
  const keys = new Set(ctx.input.strings("tagKeys"));
  record.tags = Object.fromEntries(Object.entries(record.tags).filter(([key]) => !keys.has(key)));
  return {};
};

export const latticeRoutes: JsonRoute[] = [
  { method: "POST", path: "/resourcegateways", action: "CreateResourceGateway", status: 201, handler: createResourceGateway },
  { method: "GET", path: "/resourcegateways", action: "ListResourceGateways", handler: listResourceGateways },
  { method: "GET", path: "/resourcegateways/{resourceGatewayIdentifier}", action: "GetResourceGateway", handler: getResourceGateway },
  { method: "DELETE", path: "/resourcegateways/{resourceGatewayIdentifier}", action: "DeleteResourceGateway", handler: deleteResourceGateway },
  { method: "POST", path: "/resourceconfigurations", action: "CreateResourceConfiguration", status: 201, handler: createResourceConfiguration },
  { method: "GET", path: "/resourceconfigurations", action: "ListResourceConfigurations", handler: listResourceConfigurations },
  { method: "GET", path: "/resourceconfigurations/{resourceConfigurationIdentifier}", action: "GetResourceConfiguration", handler: getResourceConfiguration },
  {
    method: "DELETE",
    path: "/resourceconfigurations/{resourceConfigurationIdentifier}",
    action: "DeleteResourceConfiguration",
    status: 204,
    handler: deleteResourceConfiguration,
  },
  { method: "GET", path: "/resourceendpointassociations", action: "ListResourceEndpointAssociations", handler: listResourceEndpointAssociations },
  {
    method: "DELETE",
    path: "/resourceendpointassociations/{resourceEndpointAssociationIdentifier}",
    action: "DeleteResourceEndpointAssociation",
    handler: deleteResourceEndpointAssociation,
  },
  { method: "GET", path: "/tags/{resourceArn}", action: "ListTagsForResource", handler: listTagsForResource },
  { method: "POST", path: "/tags/{resourceArn}", action: "TagResource", handler: tagResource },
  { method: "DELETE", path: "/tags/{resourceArn}", action: "UntagResource", handler: untagResource },
];
