import { AwsError } from "../errors";
import type { Handler, RequestContext } from "../runtime";
import { inCidr, ipv4ToNumber, isLoopback } from "../data-plane/addresses";
import { NETWORK } from "../seed";
import { findLoadBalancer, ownTargetGroup, validation } from "./common";
import type { TargetGroupRecord, TargetRecord } from "./store";
import { loadBalancersOf } from "./target-groups";

/**
 * Registered targets. A target of a group no listener uses is `unused`, as AWS reports it. Of a
 * group in use: with the data plane on, what its health checks found (data-plane/health.ts); with
 * it off, no traffic flows and the target is reported healthy.
 */

/** Checks a target the way AWS does for the group's target type. */
function checkTarget(ctx: RequestContext, group: TargetGroupRecord, target: TargetRecord): void {
  switch (group.targetType) {
    case "instance":
      if (!/^i-([0-9a-f]{8}|[0-9a-f]{17})$/.test(target.id))
        throw new AwsError("InvalidTarget", `The following targets are not valid instances: '${target.id}'`);
      return;
    case "ip": {
      if (ipv4ToNumber(target.id) === undefined) throw new AwsError("InvalidTarget", `The IP address '${target.id}' is not a valid IPv4 address`);
      const vpc = NETWORK.vpcs.find((v) => v.vpcId === group.vpcId);
      // Loopback addresses stand for hosts in the VPC: the data plane's only reachable targets.
      if (target.availabilityZone !== "all" && !isLoopback(target.id) && vpc && !inCidr(target.id, vpc.cidrBlock)) {
        throw new AwsError(
          "InvalidTarget",
          `The following targets are not in the target group VPC '${group.vpcId}': '${target.id}' (outside the VPC, register with AvailabilityZone=all)`,
        );
      }
      return;
    }
    case "alb": {
      const alb = findLoadBalancer(ctx, target.id);
      if (!alb || alb.type !== "application")
        throw new AwsError("InvalidTarget", `The target '${target.id}' is not an Application Load Balancer of this account`);
      if (alb.vpcId !== group.vpcId) throw new AwsError("InvalidTarget", "The Application Load Balancer must be in the target group's VPC");
      if (target.port !== group.port) throw new AwsError("InvalidTarget", "The port of an Application Load Balancer target must be the target group's port");
      if (group.targets.some((t) => t.id !== target.id)) throw new AwsError("TooManyTargets", "A target group of type alb takes one Application Load Balancer");
      return;
    }
    default:
      return;
  }
}

function targetsOf(ctx: RequestContext, group: TargetGroupRecord): TargetRecord[] {
  const targets = ctx.params.structs("Targets").map((fields) => {
    const id = fields.get("Id");
    if (!id) throw validation("1 validation error detected: Value null at 'targets.member.id' failed to satisfy constraint: Member must not be null");
    const port = fields.has("Port") ? Number(fields.get("Port")) : group.port;
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) throw validation(`Port '${fields.get("Port")}' is not valid`);
    return { id, port: port ?? 0, availabilityZone: fields.get("AvailabilityZone") };
  });
  if (targets.length === 0) throw validation("1 validation error detected: Value null at 'targets' failed to satisfy constraint: Member must not be null");
  return targets;
}

const registerTargets: Handler = (ctx) => {
  const group = ownTargetGroup(ctx, ctx.params.required("TargetGroupArn"));
  const targets = targetsOf(ctx, group);
  targets.forEach((target) => checkTarget(ctx, group, target));
  for (const target of targets) if (!group.targets.some((t) => t.id === target.id && t.port === target.port)) group.targets.push(target);
  return {};
};

const deregisterTargets: Handler = (ctx) => {
  const group = ownTargetGroup(ctx, ctx.params.required("TargetGroupArn"));
  const targets = targetsOf(ctx, group);
  for (const target of targets) {
    if (!group.targets.some((t) => t.id === target.id && t.port === target.port))
      throw new AwsError("InvalidTarget", `The target '${target.id}' on port ${target.port} is not registered`);
  }
  group.targets = group.targets.filter((t) => !targets.some((gone) => gone.id === t.id && gone.port === t.port));
  return {};
};

const describeTargetHealth: Handler = (ctx) => {
  const group = ownTargetGroup(ctx, ctx.params.required("TargetGroupArn"));
  const asked = ctx.params.structs("Targets").map((f) => ({ id: f.get("Id") ?? "", port: f.has("Port") ? Number(f.get("Port")) : undefined }));
  const inUse = loadBalancersOf(ctx, group.arn).length > 0;
  const health = (t: TargetRecord, registered: boolean) =>
    !registered
      ? { State: "unavailable", Reason: "Target.NotRegistered", Description: "Target is not registered to the target group" }
      : inUse
        ? (ctx.runtime.targetHealth?.view(group, t) ?? { State: "healthy" })
        : { State: "unused", Reason: "Target.NotInUse", Description: "Target group is not configured to receive traffic from the load balancer" };
  const rows = asked.length
    ? asked.map((a) => {
        const found = group.targets.find((t) => t.id === a.id && (a.port === undefined || t.port === a.port));
        return { target: found ?? { id: a.id, port: a.port ?? group.port ?? 0 }, registered: Boolean(found) };
      })
    : group.targets.map((t) => ({ target: t, registered: true }));
  return {
    TargetHealthDescriptions: rows.map(({ target, registered }) => ({
      Target: { Id: target.id, Port: target.port, AvailabilityZone: target.availabilityZone },
      HealthCheckPort: group.healthCheck.port === "traffic-port" ? String(target.port) : group.healthCheck.port,
      TargetHealth: health(target, registered),
    })),
  };
};

export const targetHandlers: Record<string, Handler> = {
  RegisterTargets: registerTargets,
  DeregisterTargets: deregisterTargets,
  DescribeTargetHealth: describeTargetHealth,
};
