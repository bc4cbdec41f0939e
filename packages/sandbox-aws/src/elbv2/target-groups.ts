import { AwsError } from "../errors";
import { NETWORK } from "../seed";
import type { Handler, RequestContext } from "../runtime";
import {
  arnPrefix,
  attributesXml,
  byName,
  checkName,
  findTargetGroup,
  invalidConfiguration,
  mergeAttributes,
  newId,
  ownLoadBalancer,
  ownTargetGroup,
  page,
  validation,
} from "./common";
import type { TargetGroupRecord } from "./store";

/** Target groups of every target type, their health check settings and attributes. */

const PROTOCOLS = ["TCP", "TLS", "UDP", "TCP_UDP", "HTTP", "HTTPS"];
const TARGET_TYPES = ["instance", "ip", "alb", "lambda"] as const;

function defaultAttributes(group: Pick<TargetGroupRecord, "protocol" | "targetType">): Record<string, string> {
  const isHttp = group.protocol === "HTTP" || group.protocol === "HTTPS";
  const common = {
    "deregistration_delay.timeout_seconds": "300",
    "stickiness.enabled": "false",
    "load_balancing.cross_zone.enabled": "use_load_balancer_configuration",
  };
  if (isHttp) return { ...common, "stickiness.type": "lb_cookie", "load_balancing.algorithm.type": "round_robin", "slow_start.duration_seconds": "0" };
  return {
    ...common,
    "stickiness.type": "source_ip",
    "deregistration_delay.connection_termination.enabled": "false",
    "target_health_state.unhealthy.connection_termination.enabled": "true",
    "target_health_state.unhealthy.draining_interval_seconds": "0",
    ...(group.targetType === "alb" ? {} : { "preserve_client_ip.enabled": String(group.targetType === "instance"), "proxy_protocol_v2.enabled": "false" }),
  };
}

/** The load balancers whose listeners forward to the group. */
export function loadBalancersOf(ctx: RequestContext, groupArn: string): string[] {
  return [...new Set([...ctx.runtime.state.elbv2.listeners.values()].filter((l) => l.targetGroupArns.includes(groupArn)).map((l) => l.loadBalancerArn))];
}

export function targetGroupXml(ctx: RequestContext, g: TargetGroupRecord) {
  const hc = g.healthCheck;
  return {
    TargetGroupArn: g.arn,
    TargetGroupName: g.name,
    Protocol: g.protocol,
    Port: g.port,
    VpcId: g.vpcId,
    HealthCheckProtocol: hc.protocol,
    HealthCheckPort: hc.port,
    HealthCheckEnabled: hc.enabled,
    HealthCheckIntervalSeconds: hc.intervalSeconds,
    HealthCheckTimeoutSeconds: hc.timeoutSeconds,
    HealthyThresholdCount: hc.healthyThreshold,
    UnhealthyThresholdCount: hc.unhealthyThreshold,
    HealthCheckPath: hc.path,
    Matcher: hc.matcher ? { HttpCode: hc.matcher } : undefined,
    LoadBalancerArns: loadBalancersOf(ctx, g.arn),
    TargetType: g.targetType,
    IpAddressType: g.ipAddressType,
  };
}

/** Health check settings from the request over `current` (creation defaults or the group's own). */
function healthCheck(ctx: RequestContext, protocol: string, current: TargetGroupRecord["healthCheck"]): TargetGroupRecord["healthCheck"] {
  const { params } = ctx;
  const hcProtocol = params.get("HealthCheckProtocol") ?? current.protocol;
  if (!["TCP", "HTTP", "HTTPS"].includes(hcProtocol)) throw validation(`Health check protocol '${hcProtocol}' is not supported`);
  if (hcProtocol === "TCP" && (protocol === "HTTP" || protocol === "HTTPS"))
    throw validation("The TCP protocol is not supported for health checks of HTTP or HTTPS target groups");
  const isHttpCheck = hcProtocol !== "TCP";
  const int = (name: string, min: number, max: number, fallback: number) => params.int(name, { min, max }) ?? fallback;
  return {
    enabled: params.bool("HealthCheckEnabled") ?? current.enabled,
    protocol: hcProtocol,
    port: params.get("HealthCheckPort") ?? current.port,
    path: isHttpCheck ? (params.get("HealthCheckPath") ?? current.path ?? "/") : undefined,
    intervalSeconds: int("HealthCheckIntervalSeconds", 5, 300, current.intervalSeconds),
    timeoutSeconds: int("HealthCheckTimeoutSeconds", 2, 120, current.timeoutSeconds),
    healthyThreshold: int("HealthyThresholdCount", 2, 10, current.healthyThreshold),
    unhealthyThreshold: int("UnhealthyThresholdCount", 2, 10, current.unhealthyThreshold),
    matcher: isHttpCheck ? (params.get("Matcher.HttpCode") ?? current.matcher ?? "200-399") : undefined,
  };
}

const createTargetGroup: Handler = (ctx) => {
  const { params, runtime } = ctx;
  const name = params.required("Name");
  checkName("target group", name);
  const targetType = (params.get("TargetType") ?? "instance") as TargetGroupRecord["targetType"];
  if (!TARGET_TYPES.includes(targetType)) throw validation(`'${targetType}' is not a valid target type`);
  const isLambda = targetType === "lambda";
  const protocol = isLambda ? "" : params.required("Protocol");
  if (!isLambda && !PROTOCOLS.includes(protocol)) throw validation(`'${protocol}' is not a valid protocol`);
  if (targetType === "alb" && protocol !== "TCP") throw invalidConfiguration("A target group of target type alb must use the TCP protocol");
  const port = isLambda ? undefined : (params.int("Port", { min: 1, max: 65535 }) ?? Number(params.required("Port")));
  const vpcId = isLambda ? undefined : params.required("VpcId");
  if (vpcId && !NETWORK.vpcs.some((v) => v.vpcId === vpcId && v.ownerId === ctx.caller.accountId && v.region === ctx.region))
    throw validation(`The VPC ID '${vpcId}' is not found`);
  const fingerprint = params.fingerprint(["Action", "Version", "Tags"]);
  const existing = [...runtime.state.elbv2.targetGroups.values()].find((g) => g.name === name && g.ownerId === ctx.caller.accountId && g.region === ctx.region);
  if (existing) {
    if (existing.fingerprint !== fingerprint)
      throw new AwsError("DuplicateTargetGroupName", `A target group with the same name '${name}' exists, but with different settings`);
    return { TargetGroups: [targetGroupXml(ctx, existing)] };
  }
  const isHttp = protocol === "HTTP" || protocol === "HTTPS";
  const defaults = {
    enabled: true,
    protocol: isHttp ? protocol : targetType === "alb" ? "HTTP" : "TCP",
    port: "traffic-port",
    intervalSeconds: 30,
    timeoutSeconds: isHttp ? 5 : 10,
    healthyThreshold: 5,
    unhealthyThreshold: 2,
  };
  const group: TargetGroupRecord = {
    arn: `${arnPrefix(ctx)}:targetgroup/${name}/${newId()}`,
    name,
    ownerId: ctx.caller.accountId,
    region: ctx.region,
    protocol,
    port,
    vpcId,
    targetType,
    ipAddressType: params.get("IpAddressType") ?? "ipv4",
    healthCheck: healthCheck(ctx, protocol, defaults),
    attributes: defaultAttributes({ protocol, targetType }),
    targets: [],
    tags: params.tags("Tags"),
    fingerprint,
  };
  runtime.state.elbv2.targetGroups.set(group.arn, group);
  return { TargetGroups: [targetGroupXml(ctx, group)] };
};

const describeTargetGroups: Handler = (ctx) => {
  const arns = ctx.params.list("TargetGroupArns");
  const names = ctx.params.list("Names");
  const loadBalancerArn = ctx.params.get("LoadBalancerArn");
  if (loadBalancerArn) ownLoadBalancer(ctx, loadBalancerArn);
  const mine = [...ctx.runtime.state.elbv2.targetGroups.values()].filter((g) => g.ownerId === ctx.caller.accountId && g.region === ctx.region).sort(byName);
  for (const arn of arns) ownTargetGroup(ctx, arn);
  for (const name of names) if (!mine.some((g) => g.name === name)) throw new AwsError("TargetGroupNotFound", `One or more target groups not found`);
  const selected = mine.filter(
    (g) =>
      (arns.length === 0 || arns.includes(g.arn)) &&
      (names.length === 0 || names.includes(g.name)) &&
      (!loadBalancerArn || loadBalancersOf(ctx, g.arn).includes(loadBalancerArn)),
  );
  const { items, NextMarker } = page(ctx, selected);
  return { TargetGroups: items.map((g) => targetGroupXml(ctx, g)), NextMarker };
};

const deleteTargetGroup: Handler = (ctx) => {
  const arn = ctx.params.required("TargetGroupArn");
  if (!findTargetGroup(ctx, arn)) return {};
  if (loadBalancersOf(ctx, arn).length) throw new AwsError("ResourceInUse", `Target group '${arn}' is currently in use by a listener or a rule`);
  ctx.runtime.state.elbv2.targetGroups.delete(arn);
  return {};
};

const modifyTargetGroup: Handler = (ctx) => {
  const group = ownTargetGroup(ctx, ctx.params.required("TargetGroupArn"));
  group.healthCheck = healthCheck(ctx, group.protocol, group.healthCheck);
  return { TargetGroups: [targetGroupXml(ctx, group)] };
};

const modifyTargetGroupAttributes: Handler = (ctx) => {
  const group = ownTargetGroup(ctx, ctx.params.required("TargetGroupArn"));
  group.attributes = mergeAttributes(ctx, group.attributes);
  return { Attributes: attributesXml(group.attributes) };
};

const describeTargetGroupAttributes: Handler = (ctx) => ({ Attributes: attributesXml(ownTargetGroup(ctx, ctx.params.required("TargetGroupArn")).attributes) });

export const targetGroupHandlers: Record<string, Handler> = {
  CreateTargetGroup: createTargetGroup,
  DescribeTargetGroups: describeTargetGroups,
  DeleteTargetGroup: deleteTargetGroup,
  ModifyTargetGroup: modifyTargetGroup,
  ModifyTargetGroupAttributes: modifyTargetGroupAttributes,
  DescribeTargetGroupAttributes: describeTargetGroupAttributes,
};
