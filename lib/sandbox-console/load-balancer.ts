import "server-only";
import { DescribeSecurityGroupsCommand, type IpPermission } from "@aws-sdk/client-ec2";
import {
  CreateListenerCommand,
  DeleteListenerCommand,
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ModifyLoadBalancerAttributesCommand,
  RegisterTargetsCommand,
  SetSecurityGroupsCommand,
  type TargetGroup,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { registeredTarget, type CustomerClients } from "./build";
import type { ListenerActionInput, LoadBalancerSettingInput, SandboxLoadBalancer, TargetActionInput } from "./schemas";

// What the console shows of a service's load balancers, and the changes that break or mend the path to the target. Each is
// one AWS call a customer could make in their own console; the sandbox's data plane and health checks follow from them.

const CROSS_ZONE = "load_balancing.cross_zone.enabled";

/**
 * The load balancers behind a service, each with its listeners, its target groups (with target health) and its security
 * groups. The account's whole list, filtered: naming a missing ARN fails the whole call, and a service may front a load
 * balancer the ELB API does not know (the sandbox's seeded ones).
 */
export async function describeLoadBalancers({ ec2, elb }: CustomerClients, arns: string[]): Promise<SandboxLoadBalancer[]> {
  if (arns.length === 0) return [];
  const [{ LoadBalancers = [] }, { TargetGroups = [] }] = await Promise.all([
    elb.send(new DescribeLoadBalancersCommand({})),
    elb.send(new DescribeTargetGroupsCommand({})),
  ]);
  return Promise.all(
    LoadBalancers.filter((lb) => arns.includes(lb.LoadBalancerArn ?? "")).map(async (lb) => {
      const arn = lb.LoadBalancerArn!;
      const groupIds = lb.SecurityGroups ?? [];
      const [{ Listeners = [] }, { Attributes = [] }, { SecurityGroups = [] }] = await Promise.all([
        elb.send(new DescribeListenersCommand({ LoadBalancerArn: arn })),
        elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn })),
        groupIds.length ? ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: groupIds })) : { SecurityGroups: [] },
      ]);
      // A listener's group, and a group made for this load balancer (same name) that a deleted listener left unused.
      const groups = TargetGroups.filter((g) => g.LoadBalancerArns?.includes(arn) || g.TargetGroupName === lb.LoadBalancerName);
      return {
        arn,
        name: lb.LoadBalancerName ?? "",
        zones: (lb.AvailabilityZones ?? []).map((zone) => zone.ZoneName ?? "").filter(Boolean),
        crossZone: Attributes.find((a) => a.Key === CROSS_ZONE)?.Value === "true",
        enforceInboundRules: groupIds.length ? lb.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic !== "off" : null,
        securityGroups: SecurityGroups.map((group) => ({ groupId: group.GroupId ?? "", inbound: (group.IpPermissions ?? []).flatMap(rulesOf) })),
        listeners: Listeners.map((listener) => ({
          arn: listener.ListenerArn ?? "",
          port: listener.Port ?? 0,
          protocol: listener.Protocol ?? "",
          targetGroupArn:
            listener.DefaultActions?.[0]?.TargetGroupArn ?? listener.DefaultActions?.[0]?.ForwardConfig?.TargetGroups?.[0]?.TargetGroupArn ?? null,
        })),
        targetGroups: await Promise.all(groups.map((group) => targetGroupView(elb, group))),
      };
    }),
  );
}

function rulesOf(permission: IpPermission) {
  const common = { protocol: permission.IpProtocol ?? "", fromPort: permission.FromPort ?? null, toPort: permission.ToPort ?? null };
  return [
    ...(permission.IpRanges ?? []).map((range) => ({ ...common, source: range.CidrIp ?? "" })),
    ...(permission.UserIdGroupPairs ?? []).map((pair) => ({ ...common, source: pair.GroupId ?? "" })),
    ...(permission.PrefixListIds ?? []).map((list) => ({ ...common, source: list.PrefixListId ?? "" })),
  ];
}

async function targetGroupView(elb: CustomerClients["elb"], group: TargetGroup) {
  const { TargetHealthDescriptions = [] } = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn }));
  return {
    arn: group.TargetGroupArn ?? "",
    name: group.TargetGroupName ?? "",
    port: group.Port ?? null,
    targets: TargetHealthDescriptions.map((description) => ({
      address: description.Target?.Id ?? "",
      port: description.Target?.Port ?? 0,
      zone: description.Target?.AvailabilityZone ?? null,
      state: description.TargetHealth?.State ?? "unknown",
      reason: description.TargetHealth?.Description ?? description.TargetHealth?.Reason ?? null,
    })),
  };
}

export async function changeTarget({ elb }: CustomerClients, input: TargetActionInput): Promise<void> {
  const Targets = [registeredTarget(input.target)];
  const Command = input.action === "register" ? RegisterTargetsCommand : DeregisterTargetsCommand;
  await elb.send(new Command({ TargetGroupArn: input.targetGroupArn, Targets }));
}

export async function changeListener({ elb }: CustomerClients, input: ListenerActionInput): Promise<void> {
  if (input.action === "delete") {
    await elb.send(new DeleteListenerCommand({ ListenerArn: input.listenerArn }));
    return;
  }
  await elb.send(
    new CreateListenerCommand({
      LoadBalancerArn: input.loadBalancerArn,
      Protocol: "TCP",
      Port: input.port,
      DefaultActions: [{ Type: "forward", TargetGroupArn: input.targetGroupArn }],
    }),
  );
}

export async function changeLoadBalancerSetting({ elb }: CustomerClients, input: LoadBalancerSettingInput): Promise<void> {
  if (input.setting === "crossZone") {
    await elb.send(
      new ModifyLoadBalancerAttributesCommand({
        LoadBalancerArn: input.loadBalancerArn,
        Attributes: [{ Key: CROSS_ZONE, Value: String(input.enabled) }],
      }),
    );
    return;
  }
  // SetSecurityGroups replaces the whole list: send the current one back with the new enforcement.
  const { LoadBalancers = [] } = await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [input.loadBalancerArn] }));
  await elb.send(
    new SetSecurityGroupsCommand({
      LoadBalancerArn: input.loadBalancerArn,
      SecurityGroups: LoadBalancers[0]?.SecurityGroups ?? [],
      EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: input.enabled ? "on" : "off",
    }),
  );
}
