import type { Caller } from "../runtime";
import type { Role, SandboxState } from "../state";
import type { Params, Tag } from "../wire/params";
import type { ContextValue } from "./conditions";
import type { AuthorizationRequest } from "./evaluate";

/**
 * What one EC2 call asks IAM, following the Service Authorization Reference for Amazon EC2: each
 * resource the call touches is authorized separately (the endpoint being created as
 * `vpc-endpoint/*`, plus the VPC, subnets, security groups and endpoint service it names), each
 * with `aws:ResourceTag/*` of that resource and the request's `aws:RequestTag/*` and
 * `aws:TagKeys`. Tags given at creation are authorized a second time as `ec2:CreateTags` with
 * `ec2:CreateAction` naming the creating call, as AWS documents for tag-on-create. Actions without
 * resource-level permissions (describes and the rest) are asked on `*`.
 */

type Resource = { arn: string; tags: Tag[] };

const TAGGABLE_ON_CREATE: Record<string, { type: string; resource: string }> = {
  CreateVpcEndpoint: { type: "vpc-endpoint", resource: "vpc-endpoint" },
  CreateVpcEndpointServiceConfiguration: { type: "vpc-endpoint-service", resource: "vpc-endpoint-service" },
};

const SERVICE_ACTIONS = new Set([
  "ModifyVpcEndpointServiceConfiguration",
  "ModifyVpcEndpointServicePermissions",
  "DescribeVpcEndpointServicePermissions",
  "AcceptVpcEndpointConnections",
  "RejectVpcEndpointConnections",
]);

const ID_TYPES: [RegExp, string][] = [
  [/^vpce-svc-/, "vpc-endpoint-service"],
  [/^vpce-/, "vpc-endpoint"],
  [/^vpc-/, "vpc"],
  [/^subnet-/, "subnet"],
  [/^sg-/, "security-group"],
];

function arn(region: string, account: string, type: string, id: string): string {
  return `arn:aws:ec2:${region}:${account}:${type}/${id}`;
}

/** Tags never come from a malformed request: the handler answers those with EC2's own error. */
function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

function tagContext(prefix: "aws:requesttag/" | "aws:resourcetag/", tags: Tag[]): [string, ContextValue][] {
  return tags.map((tag) => [`${prefix}${tag.key.toLowerCase()}`, tag.value]);
}

/** Keys every request carries: who asks, where, and the principal's tags (the role's tags). */
function baseContext(caller: Caller, role: Role, region: string): [string, ContextValue][] {
  return [
    ["aws:principalaccount", caller.accountId],
    ["aws:principalarn", role.arn],
    ["aws:principaltype", "AssumedRole"],
    ["aws:requestedregion", region],
    ["ec2:region", region],
    ...role.tags.map((tag): [string, ContextValue] => [`aws:principaltag/${tag.key.toLowerCase()}`, tag.value]),
  ];
}

/** A malformed id names no resource: the handler answers it with EC2's `.Malformed` error. */
const WELL_FORMED = /^[a-z]+(-[a-z]+)*-([0-9a-f]{8}|[0-9a-f]{17})$/;

function resourceById(state: SandboxState, caller: Caller, region: string, id: string): Resource | undefined {
  if (!WELL_FORMED.test(id)) return undefined;
  const type = ID_TYPES.find(([pattern]) => pattern.test(id))?.[1] ?? "unknown";
  if (type === "vpc-endpoint") {
    const endpoint = state.endpoints.get(id);
    return { arn: arn(region, endpoint?.ownerId ?? caller.accountId, type, id), tags: endpoint?.ownerId === caller.accountId ? endpoint.tags : [] };
  }
  if (type === "vpc-endpoint-service") {
    const service = state.services.get(id);
    return {
      arn: arn(service?.region ?? region, service?.ownerId ?? caller.accountId, type, id),
      tags: service?.ownerId === caller.accountId ? service.tags : [],
    };
  }
  // The seed network carries no tags.
  return { arn: arn(region, caller.accountId, type, id), tags: [] };
}

function serviceByName(state: SandboxState, name: string | undefined): Resource | undefined {
  const service = name ? [...state.services.values()].find((s) => s.serviceName === name) : undefined;
  return service ? { arn: arn(service.region, service.ownerId, "vpc-endpoint-service", service.serviceId), tags: [] } : undefined;
}

export function ec2AuthorizationRequests(input: {
  state: SandboxState;
  caller: Caller;
  role: Role;
  action: string;
  params: Params;
  region: string;
}): AuthorizationRequest[] {
  const { state, caller, role, action, params, region } = input;
  const base = baseContext(caller, role, region);
  const ask = (act: string, resource: Resource | "*", extra: [string, ContextValue][] = []): AuthorizationRequest => ({
    action: `ec2:${act}`,
    resource: resource === "*" ? "*" : resource.arn,
    context: new Map([...base, ...(resource === "*" ? [] : tagContext("aws:resourcetag/", resource.tags)), ...extra]),
  });
  const requested = (tags: Tag[]): [string, ContextValue][] => [...tagContext("aws:requesttag/", tags), ["aws:tagkeys", tags.map((t) => t.key)]];
  const byId = (id: string | undefined) => (id ? resourceById(state, caller, region, id) : undefined);
  const askEach = (act: string, ids: (string | undefined)[], extra: [string, ContextValue][] = []) =>
    ids.flatMap((id) => {
      const resource = byId(id);
      return resource ? [ask(act, resource, extra)] : [];
    });

  const creation = TAGGABLE_ON_CREATE[action];
  if (creation) {
    const tags = safely(() => params.tagSpecifications(creation.type), []);
    const created: Resource = { arn: arn(region, caller.accountId, creation.resource, "*"), tags: [] };
    const named =
      action === "CreateVpcEndpoint"
        ? [params.get("VpcId"), ...params.list("SubnetId"), ...params.list("SecurityGroupId")].flatMap((id) => byId(id) ?? [])
        : [];
    const service = action === "CreateVpcEndpoint" ? serviceByName(state, params.get("ServiceName")) : undefined;
    const serviceKeys: [string, ContextValue][] = params.get("ServiceName") ? [["ec2:vpceservicename", params.get("ServiceName")!]] : [];
    return [
      ...[created, ...named, ...(service ? [service] : [])].map((resource) => ask(action, resource, [...requested(tags), ...serviceKeys])),
      ...(tags.length ? [ask("CreateTags", created, [...requested(tags), ["ec2:createaction", action]])] : []),
    ];
  }
  if (action === "CreateTags") {
    const tags = safely(() => params.tags("Tag"), []);
    return askEach(action, params.list("ResourceId"), requested(tags));
  }
  if (action === "DeleteVpcEndpoints") return askEach(action, params.list("VpcEndpointId"));
  if (action === "ModifyVpcEndpoint")
    return askEach(action, [params.get("VpcEndpointId"), ...params.list("AddSubnetId"), ...params.list("AddSecurityGroupId")]);
  if (action === "DeleteVpcEndpointServiceConfigurations") return askEach(action, params.list("ServiceId"));
  if (SERVICE_ACTIONS.has(action)) return askEach(action, [params.get("ServiceId")]);
  return [ask(action, "*")];
}
