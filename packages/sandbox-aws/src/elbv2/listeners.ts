import { AwsError } from "../errors";
import type { Handler, RequestContext } from "../runtime";
import {
  arnPrefix,
  attributesXml,
  findListener,
  invalidConfiguration,
  listenersOf,
  mergeAttributes,
  newId,
  ownListener,
  ownLoadBalancer,
  ownTargetGroup,
  page,
  validation,
} from "./common";
import type { ListenerRecord, LoadBalancerRecord } from "./store";
import { loadBalancersOf } from "./target-groups";

/** Listeners with a forward default action (what an NLB in front of an endpoint service needs). */

const LISTENER_PROTOCOLS: Record<LoadBalancerRecord["type"], string[]> = { network: ["TCP", "TLS", "UDP", "TCP_UDP"], application: ["HTTP", "HTTPS"] };

function listenerXml(l: ListenerRecord) {
  return {
    ListenerArn: l.arn,
    LoadBalancerArn: l.loadBalancerArn,
    Port: l.port,
    Protocol: l.protocol,
    DefaultActions: [
      {
        Type: "forward",
        TargetGroupArn: l.targetGroupArns.length === 1 ? l.targetGroupArns[0] : undefined,
        ForwardConfig: {
          TargetGroups: l.targetGroupArns.map((TargetGroupArn) => ({ TargetGroupArn, Weight: 1 })),
          TargetGroupStickinessConfig: { Enabled: false },
        },
      },
    ],
  };
}

/** The target groups of DefaultActions: forward only, by TargetGroupArn or ForwardConfig. */
function forwardTargets(ctx: RequestContext, lb: LoadBalancerRecord, protocol: string): string[] {
  const actions = ctx.params.structs("DefaultActions");
  if (actions.length !== 1) throw validation("Exactly one default action is supported: forward");
  const action = actions[0]!;
  if (action.get("Type") !== "forward")
    throw new AwsError("InvalidLoadBalancerAction", `The sandbox emulates forward actions only, not '${action.get("Type") ?? ""}'`);
  const arns = [
    ...new Set(
      [
        action.get("TargetGroupArn"),
        ...[...action.entries()].filter(([k]) => /^ForwardConfig\.TargetGroups\.member\.\d+\.TargetGroupArn$/.test(k)).map(([, v]) => v),
      ].filter((v): v is string => Boolean(v)),
    ),
  ];
  if (arns.length === 0) throw validation("A forward action needs a target group");
  for (const arn of arns) {
    const group = ownTargetGroup(ctx, arn);
    if (group.vpcId !== lb.vpcId) throw invalidConfiguration(`The target group '${arn}' is not in the load balancer's VPC`);
    const compatible =
      lb.type === "network"
        ? ["TCP", "TLS", "UDP", "TCP_UDP"].includes(group.protocol) && (protocol !== "TCP" || group.protocol === "TCP" || group.protocol === "TCP_UDP")
        : ["HTTP", "HTTPS"].includes(group.protocol);
    if (!compatible)
      throw new AwsError(
        "IncompatibleProtocols",
        `The protocol of the target group '${arn}' (${group.protocol}) and the listener (${protocol}) are incompatible`,
      );
    const others = loadBalancersOf(ctx, arn).filter((other) => other !== lb.arn);
    if (others.length)
      throw new AwsError("TargetGroupAssociationLimit", `The following target groups cannot be associated with more than one load balancer: ${arn}`);
  }
  return arns;
}

const createListener: Handler = (ctx) => {
  const lb = ownLoadBalancer(ctx, ctx.params.required("LoadBalancerArn"));
  const protocol = ctx.params.required("Protocol");
  if (!LISTENER_PROTOCOLS[lb.type].includes(protocol))
    throw new AwsError("UnsupportedProtocol", `Protocol '${protocol}' is not supported by ${lb.type} load balancers`);
  const port = ctx.params.int("Port", { min: 1, max: 65535 }) ?? Number(ctx.params.required("Port"));
  const targetGroupArns = forwardTargets(ctx, lb, protocol);
  const existing = listenersOf(ctx, lb.arn).find((l) => l.port === port);
  if (existing) {
    if (existing.protocol === protocol && existing.targetGroupArns.join() === targetGroupArns.join()) return { Listeners: [listenerXml(existing)] };
    throw new AwsError("DuplicateListener", `A listener already exists on this port for this load balancer '${lb.arn}'`);
  }
  const listener: ListenerRecord = {
    arn: `${arnPrefix(ctx)}:listener/${lb.type === "network" ? "net" : "app"}/${lb.name}/${lb.arn.split("/").at(-1)}/${newId()}`,
    loadBalancerArn: lb.arn,
    ownerId: lb.ownerId,
    region: lb.region,
    protocol,
    port,
    targetGroupArns,
    attributes: lb.type === "network" ? { "tcp.idle_timeout.seconds": "350" } : {},
    tags: ctx.params.tags("Tags"),
  };
  ctx.runtime.state.elbv2.listeners.set(listener.arn, listener);
  return { Listeners: [listenerXml(listener)] };
};

const describeListeners: Handler = (ctx) => {
  const loadBalancerArn = ctx.params.get("LoadBalancerArn");
  const arns = ctx.params.list("ListenerArns");
  if (!loadBalancerArn && arns.length === 0) throw validation("You must specify either listener ARNs or a load balancer ARN");
  if (loadBalancerArn) ownLoadBalancer(ctx, loadBalancerArn);
  arns.forEach((arn) => ownListener(ctx, arn));
  const selected = [...ctx.runtime.state.elbv2.listeners.values()]
    .filter(
      (l) =>
        l.ownerId === ctx.caller.accountId &&
        l.region === ctx.region &&
        (!loadBalancerArn || l.loadBalancerArn === loadBalancerArn) &&
        (arns.length === 0 || arns.includes(l.arn)),
    )
    .sort((a, b) => a.port - b.port);
  const { items, NextMarker } = page(ctx, selected);
  return { Listeners: items.map(listenerXml), NextMarker };
};

const modifyListener: Handler = (ctx) => {
  const listener = ownListener(ctx, ctx.params.required("ListenerArn"));
  const lb = ownLoadBalancer(ctx, listener.loadBalancerArn);
  const port = ctx.params.int("Port", { min: 1, max: 65535 });
  if (port !== undefined && port !== listener.port && listenersOf(ctx, lb.arn).some((l) => l.port === port)) {
    throw new AwsError("DuplicateListener", `A listener already exists on this port for this load balancer '${lb.arn}'`);
  }
  const protocol = ctx.params.get("Protocol") ?? listener.protocol;
  if (!LISTENER_PROTOCOLS[lb.type].includes(protocol))
    throw new AwsError("UnsupportedProtocol", `Protocol '${protocol}' is not supported by ${lb.type} load balancers`);
  if (ctx.params.structs("DefaultActions").length) listener.targetGroupArns = forwardTargets(ctx, lb, protocol);
  listener.port = port ?? listener.port;
  listener.protocol = protocol;
  return { Listeners: [listenerXml(listener)] };
};

const deleteListener: Handler = (ctx) => {
  const arn = ctx.params.required("ListenerArn");
  if (!findListener(ctx, arn)) throw new AwsError("ListenerNotFound", `Listener '${arn}' not found`);
  ctx.runtime.state.elbv2.listeners.delete(arn);
  return {};
};

const modifyListenerAttributes: Handler = (ctx) => {
  const listener = ownListener(ctx, ctx.params.required("ListenerArn"));
  listener.attributes = mergeAttributes(ctx, listener.attributes);
  return { Attributes: attributesXml(listener.attributes) };
};

const describeListenerAttributes: Handler = (ctx) => ({ Attributes: attributesXml(ownListener(ctx, ctx.params.required("ListenerArn")).attributes) });

export const listenerHandlers: Record<string, Handler> = {
  CreateListener: createListener,
  DescribeListeners: describeListeners,
  ModifyListener: modifyListener,
  DeleteListener: deleteListener,
  ModifyListenerAttributes: modifyListenerAttributes,
  DescribeListenerAttributes: describeListenerAttributes,
};
