import { AwsError, missingParameter } from "../errors";
import type { Handler, RequestContext } from "../runtime";
import { NETWORK } from "../seed";
import { hexId, type SecurityGroupRecord, type SecurityGroupRule } from "../state";
import { ownVpc } from "./network";
import { checkId, compileFilters, paginate, readTags, TAG_FILTERS, tagsXml } from "./query";

/**
 * Security groups and their rules. Seeded groups (each VPC's `default`) join the state with their
 * default rules the first time a caller looks at them; groups callers create start with AWS's
 * default egress rule (all traffic out).
 */

function rule(groupId: string, spec: Omit<SecurityGroupRule, "ruleId" | "groupId" | "tags">, tags: SecurityGroupRule["tags"] = []): SecurityGroupRule {
  return { ruleId: `sgr-${hexId(17)}`, groupId, ...spec, tags };
}

const ALL_OUT = { isEgress: true, ipProtocol: "-1", fromPort: -1, toPort: -1, cidrIpv4: "0.0.0.0/0" } as const;

export function findSecurityGroup(ctx: Pick<RequestContext, "runtime" | "caller" | "region">, groupId: string): SecurityGroupRecord | undefined {
  const { securityGroups } = ctx.runtime.state;
  let group = securityGroups.get(groupId);
  if (!group) {
    const seeded = NETWORK.securityGroups.find((g) => g.groupId === groupId);
    if (!seeded) return undefined;
    group = {
      ...seeded,
      description: "default VPC security group",
      tags: [],
      rules: [rule(groupId, ALL_OUT), rule(groupId, { isEgress: false, ipProtocol: "-1", fromPort: -1, toPort: -1, referencedGroupId: groupId })],
    };
    securityGroups.set(groupId, group);
  }
  return group.ownerId === ctx.caller.accountId && group.region === ctx.region ? group : undefined;
}

export function ownSecurityGroup(ctx: RequestContext, groupId: string): SecurityGroupRecord {
  checkId("sg", groupId, "InvalidGroupId.Malformed");
  const group = findSecurityGroup(ctx, groupId);
  if (!group || !ctx.runtime.consistency.isVisible(ctx, groupId)) throw new AwsError("InvalidGroup.NotFound", `The security group '${groupId}' does not exist`);
  return group;
}

/** The groups an EC2 describe shows the caller: those made too recently are missing, or lack their tags (consistency.ts). */
function visibleGroups(ctx: RequestContext): SecurityGroupRecord[] {
  const { consistency } = ctx.runtime;
  return ownGroups(ctx)
    .filter((g) => consistency.isVisible(ctx, g.groupId))
    .map((g) => consistency.view(ctx, g.groupId, g));
}

/** Every group of the caller in this region, seeded ones included, in id order. */
function ownGroups(ctx: RequestContext): SecurityGroupRecord[] {
  for (const seeded of NETWORK.securityGroups)
    if (seeded.ownerId === ctx.caller.accountId && seeded.region === ctx.region) findSecurityGroup(ctx, seeded.groupId);
  return [...ctx.runtime.state.securityGroups.values()]
    .filter((g) => g.ownerId === ctx.caller.accountId && g.region === ctx.region)
    .sort((a, b) => (a.groupId < b.groupId ? -1 : 1));
}

function protocolOf(value: string | undefined): string {
  const protocol = (value ?? "").toLowerCase();
  const names: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", all: "-1" };
  const normalized = names[protocol] ?? protocol;
  if (!["tcp", "udp", "icmp", "-1"].includes(normalized)) throw new AwsError("InvalidPermission.Malformed", `Unsupported IP protocol "${value ?? ""}"`);
  return normalized;
}

type RuleSpec = Omit<SecurityGroupRule, "ruleId" | "groupId" | "tags">;

/** `IpPermissions.N` (or the flat IpProtocol/FromPort/ToPort/CidrIp form), one spec per range or group. */
function ruleSpecs(ctx: RequestContext, isEgress: boolean): RuleSpec[] {
  const { params } = ctx;
  const permissions = params.structs("IpPermissions");
  if (permissions.length === 0 && params.get("IpProtocol")) {
    permissions.push(
      new Map([
        ["IpProtocol", params.get("IpProtocol")!],
        ["FromPort", params.get("FromPort") ?? "-1"],
        ["ToPort", params.get("ToPort") ?? "-1"],
        ["IpRanges.1.CidrIp", params.get("CidrIp") ?? ""],
      ]),
    );
  }
  return permissions.flatMap((fields) => {
    const ipProtocol = protocolOf(fields.get("IpProtocol"));
    const allPorts = ipProtocol === "-1";
    const fromPort = allPorts ? -1 : Number(fields.get("FromPort") ?? NaN);
    const toPort = allPorts ? -1 : Number(fields.get("ToPort") ?? NaN);
    if (!allPorts && (!Number.isInteger(fromPort) || !Number.isInteger(toPort) || fromPort > toPort || toPort > 65535 || fromPort < -1)) {
      throw new AwsError("InvalidParameterValue", `Invalid port range ${fields.get("FromPort")}-${fields.get("ToPort")}`);
    }
    const specs: RuleSpec[] = [];
    for (const [key, value] of fields) {
      const range = /^IpRanges\.(\d+)\.CidrIp$/.exec(key);
      if (range && value) {
        if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(value)) throw new AwsError("InvalidParameterValue", `CIDR block ${value} is malformed`);
        specs.push({ isEgress, ipProtocol, fromPort, toPort, cidrIpv4: value, description: fields.get(`IpRanges.${range[1]}.Description`) });
      }
      const pair = /^UserIdGroupPairs\.(\d+)\.GroupId$/.exec(key);
      if (pair)
        specs.push({
          isEgress,
          ipProtocol,
          fromPort,
          toPort,
          referencedGroupId: ownSecurityGroup(ctx, value).groupId,
          description: fields.get(`UserIdGroupPairs.${pair[1]}.Description`),
        });
    }
    return specs;
  });
}

const sameRule = (a: RuleSpec, b: RuleSpec) =>
  a.isEgress === b.isEgress &&
  a.ipProtocol === b.ipProtocol &&
  (a.ipProtocol === "-1" || (a.fromPort === b.fromPort && a.toPort === b.toPort)) &&
  a.cidrIpv4 === b.cidrIpv4 &&
  a.referencedGroupId === b.referencedGroupId;

function ruleXml(group: SecurityGroupRecord, r: SecurityGroupRule) {
  return {
    securityGroupRuleId: r.ruleId,
    groupId: group.groupId,
    groupOwnerId: group.ownerId,
    isEgress: r.isEgress,
    ipProtocol: r.ipProtocol,
    fromPort: r.fromPort,
    toPort: r.toPort,
    cidrIpv4: r.cidrIpv4,
    referencedGroupInfo: r.referencedGroupId ? { groupId: r.referencedGroupId, userId: group.ownerId } : undefined,
    description: r.description,
    tagSet: tagsXml(r.tags),
    securityGroupRuleArn: `arn:aws:ec2:${group.region}:${group.ownerId}:security-group-rule/${r.ruleId}`,
  };
}

function authorize(isEgress: boolean): Handler {
  return (ctx) => {
    const group = ownSecurityGroup(ctx, ctx.params.required("GroupId"));
    const specs = ruleSpecs(ctx, isEgress);
    if (specs.length === 0) throw missingParameter("ec2", "IpPermissions");
    for (const spec of specs) {
      if (group.rules.some((r) => sameRule(r, spec)) || specs.filter((s) => sameRule(s, spec)).length > 1) {
        throw new AwsError(
          "InvalidPermission.Duplicate",
          `the specified rule "peer: ${spec.cidrIpv4 ?? spec.referencedGroupId}, ${spec.ipProtocol.toUpperCase()}, from port: ${spec.fromPort}, to port: ${spec.toPort}, ALLOW" already exists`,
        );
      }
    }
    const tags = ctx.params.tagSpecifications("security-group-rule");
    const added = specs.map((spec) => rule(group.groupId, spec, tags));
    group.rules.push(...added);
    return { return: true, securityGroupRuleSet: added.map((r) => ruleXml(group, r)) };
  };
}

function revoke(isEgress: boolean): Handler {
  return (ctx) => {
    const group = ownSecurityGroup(ctx, ctx.params.required("GroupId"));
    const ids = ctx.params.list("SecurityGroupRuleId");
    const doomed = ids.length
      ? ids.map((id) => {
          const found = group.rules.find((r) => r.ruleId === id && r.isEgress === isEgress);
          if (!found) throw new AwsError("InvalidSecurityGroupRuleId.NotFound", `The security group rule ID '${id}' does not exist`);
          return found;
        })
      : ruleSpecs(ctx, isEgress).map((spec) => {
          const found = group.rules.find((r) => sameRule(r, spec));
          if (!found) throw new AwsError("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
          return found;
        });
    group.rules = group.rules.filter((r) => !doomed.includes(r));
    return { return: true };
  };
}

function permissionsXml(rules: SecurityGroupRule[]) {
  const groups = new Map<string, SecurityGroupRule[]>();
  for (const r of rules) groups.set(`${r.ipProtocol}/${r.fromPort}/${r.toPort}`, [...(groups.get(`${r.ipProtocol}/${r.fromPort}/${r.toPort}`) ?? []), r]);
  return [...groups.values()].map((same) => ({
    ipProtocol: same[0]!.ipProtocol,
    fromPort: same[0]!.ipProtocol === "-1" ? undefined : same[0]!.fromPort,
    toPort: same[0]!.ipProtocol === "-1" ? undefined : same[0]!.toPort,
    groups: same.filter((r) => r.referencedGroupId).map((r) => ({ groupId: r.referencedGroupId, description: r.description })),
    ipRanges: same.filter((r) => r.cidrIpv4).map((r) => ({ cidrIp: r.cidrIpv4, description: r.description })),
    ipv6Ranges: [],
    prefixListIds: [],
  }));
}

function groupXml(g: SecurityGroupRecord) {
  return {
    ownerId: g.ownerId,
    groupId: g.groupId,
    groupName: g.groupName,
    groupDescription: g.description,
    vpcId: g.vpcId,
    securityGroupArn: `arn:aws:ec2:${g.region}:${g.ownerId}:security-group/${g.groupId}`,
    ipPermissions: permissionsXml(g.rules.filter((r) => !r.isEgress)),
    ipPermissionsEgress: permissionsXml(g.rules.filter((r) => r.isEgress)),
    tagSet: tagsXml(g.tags),
  };
}

const createSecurityGroup: Handler = (ctx) => {
  const name = ctx.params.required("GroupName");
  const description = ctx.params.required("GroupDescription");
  const vpcId = ctx.params.get("VpcId");
  if (!vpcId) throw new AwsError("VPCIdNotSpecified", "No default VPC for this user");
  const vpc = ownVpc(ctx, vpcId);
  if (name.toLowerCase().startsWith("sg-")) throw new AwsError("InvalidParameterValue", "Group names may not be in the format sg-*.");
  if (ownGroups(ctx).some((g) => g.vpcId === vpc.vpcId && g.groupName === name)) {
    throw new AwsError("InvalidGroup.Duplicate", `The security group '${name}' already exists for VPC '${vpc.vpcId}'`);
  }
  const groupId = `sg-${hexId(17)}`;
  const group: SecurityGroupRecord = {
    groupId,
    groupName: name,
    description,
    vpcId: vpc.vpcId,
    ownerId: ctx.caller.accountId,
    region: ctx.region,
    tags: ctx.params.tagSpecifications("security-group"),
    rules: [],
  };
  group.rules.push(rule(groupId, ALL_OUT));
  ctx.runtime.state.securityGroups.set(groupId, group);
  ctx.runtime.consistency.created(groupId, ctx.now);
  return { return: true, groupId, securityGroupArn: groupXml(group).securityGroupArn, tagSet: tagsXml(group.tags) };
};

const deleteSecurityGroup: Handler = (ctx) => {
  const id = ctx.params.get("GroupId");
  const name = ctx.params.get("GroupName");
  if (!id && !name) throw missingParameter("ec2", "GroupId");
  const group = id ? ownSecurityGroup(ctx, id) : visibleGroups(ctx).find((g) => g.groupName === name);
  if (!group) throw new AwsError("InvalidGroup.NotFound", `The security group '${name}' does not exist`);
  if (NETWORK.securityGroups.some((g) => g.groupId === group.groupId)) {
    throw new AwsError("CannotDelete", `the specified group: "${group.groupId}" name: "${group.groupName}" cannot be deleted by a user`);
  }
  const { state } = ctx.runtime;
  const inUse =
    [...state.elbv2.loadBalancers.values()].some((lb) => lb.securityGroupIds.includes(group.groupId)) ||
    [...state.endpoints.values()].some((e) => e.state !== "deleted" && e.securityGroupIds.includes(group.groupId)) ||
    [...state.securityGroups.values()].some((g) => g.groupId !== group.groupId && g.rules.some((r) => r.referencedGroupId === group.groupId));
  if (inUse) throw new AwsError("DependencyViolation", `resource ${group.groupId} has a dependent object`);
  state.securityGroups.delete(group.groupId);
  return { return: true, groupId: group.groupId };
};

const describeSecurityGroups: Handler = (ctx) => {
  const ids = ctx.params.list("GroupId");
  ids.forEach((id) => ownSecurityGroup(ctx, id));
  const names = ctx.params.list("GroupName");
  const match = compileFilters<SecurityGroupRecord>(
    ctx.params.filters(),
    ["group-id", "group-name", "vpc-id", "owner-id", "description", ...TAG_FILTERS],
    (g, name) =>
      ({ "group-id": [g.groupId], "group-name": [g.groupName], "vpc-id": [g.vpcId], "owner-id": [g.ownerId], description: [g.description] })[name] ??
      readTags(g.tags, name),
  );
  const groups = visibleGroups(ctx).filter(
    (g) => (ids.length === 0 || ids.includes(g.groupId)) && (names.length === 0 || names.includes(g.groupName)) && match(g),
  );
  const { page, nextToken } = paginate(groups, (g) => g.groupId, ctx.params.int("MaxResults", { min: 5, max: 1000 }), ctx.params.get("NextToken"));
  return { securityGroupInfo: page.map(groupXml), nextToken };
};

const describeSecurityGroupRules: Handler = (ctx) => {
  const ids = ctx.params.list("SecurityGroupRuleId");
  const entries = visibleGroups(ctx).flatMap((group) => group.rules.map((r) => ({ group, rule: r })));
  for (const id of ids)
    if (!entries.some((e) => e.rule.ruleId === id))
      throw new AwsError("InvalidSecurityGroupRuleId.NotFound", `The security group rule ID '${id}' does not exist`);
  const match = compileFilters<(typeof entries)[number]>(
    ctx.params.filters(),
    ["group-id", "security-group-rule-id", ...TAG_FILTERS],
    (e, name) => ({ "group-id": [e.group.groupId], "security-group-rule-id": [e.rule.ruleId] })[name] ?? readTags(e.rule.tags, name),
  );
  const selected = entries
    .filter((e) => (ids.length === 0 || ids.includes(e.rule.ruleId)) && match(e))
    .sort((a, b) => (a.rule.ruleId < b.rule.ruleId ? -1 : 1));
  const { page, nextToken } = paginate(selected, (e) => e.rule.ruleId, ctx.params.int("MaxResults", { min: 5, max: 1000 }), ctx.params.get("NextToken"));
  return { securityGroupRuleSet: page.map((e) => ruleXml(e.group, e.rule)), nextToken };
};

export const securityGroupHandlers: Record<string, Handler> = {
  CreateSecurityGroup: createSecurityGroup,
  DeleteSecurityGroup: deleteSecurityGroup,
  DescribeSecurityGroups: describeSecurityGroups,
  DescribeSecurityGroupRules: describeSecurityGroupRules,
  AuthorizeSecurityGroupIngress: authorize(false),
  AuthorizeSecurityGroupEgress: authorize(true),
  RevokeSecurityGroupIngress: revoke(false),
  RevokeSecurityGroupEgress: revoke(true),
};
