import type { ListenerRecord, LoadBalancerRecord, TargetGroupRecord, TargetRecord } from "../elbv2/store";
import { NETWORK, subnetById, zonesFor } from "../seed";
import type { Endpoint, SandboxState } from "../state";
import { inCidr, isLoopback, privateIpIn } from "./addresses";

/**
 * What a connection to an endpoint's address in one zone, on one port, meets on its way through
 * the customer's NLB, as AWS would route it (README "Data plane"). Pure: the state and the health
 * checks' findings in, a plan out.
 */

export type Probe = "ok" | "refused" | "timeout";

/** What the health checks know of a target: its state and how its last check ended. */
export interface TargetStatus {
  state: "initial" | "healthy" | "unhealthy" | "unavailable";
  last?: Probe;
}

export interface ForwardTarget {
  host: string;
  port: number;
  key: string;
}

export type Plan =
  | { mode: "drop" | "refuse"; reason: string }
  | { mode: "forward"; reason: string; targets: ForwardTarget[]; proxy?: { sourceIp: string; destinationIp: string; endpointId: string } };

export const targetKey = (groupArn: string, target: Pick<TargetRecord, "id" | "port">) => `${groupArn}|${target.id}|${target.port}`;

/** The zone ids of an endpoint, in the order of its subnets, with its interface's private IP in each. */
export function endpointZones(endpoint: Endpoint): { zoneId: string; zoneName: string; privateIp: string }[] {
  return endpoint.subnetIds.flatMap((subnetId, i) => {
    const subnet = subnetById(subnetId);
    return subnet
      ? [{ zoneId: subnet.zoneId, zoneName: subnet.zoneName, privateIp: privateIpIn(subnet.cidrBlock, endpoint.networkInterfaceIds[i] ?? subnetId) }]
      : [];
  });
}

function zoneOfSubnet(subnetId: string): string | undefined {
  return subnetById(subnetId)?.zoneId;
}

/** The NLBs behind the endpoint's service that the sandbox knows (seeded ones have no listeners). */
export function loadBalancersOf(state: SandboxState, endpoint: Endpoint): LoadBalancerRecord[] {
  const service = state.services.get(endpoint.serviceId);
  return (service?.loadBalancerArns ?? []).flatMap((arn) => state.elbv2.loadBalancers.get(arn) ?? []);
}

export function listenersOf(state: SandboxState, loadBalancerArn: string): ListenerRecord[] {
  return [...state.elbv2.listeners.values()].filter((l) => l.loadBalancerArn === loadBalancerArn);
}

/** A target's zone id; `all` for targets registered with AvailabilityZone=all, and for loopback targets registered without a zone. */
export function targetZone(group: TargetGroupRecord, target: TargetRecord): string | undefined {
  if (target.availabilityZone === "all") return "all";
  if (target.availabilityZone) return zonesFor(group.ownerId, group.region).find((z) => z.zoneName === target.availabilityZone)?.zoneId;
  if (group.targetType === "ip" && isLoopback(target.id)) return "all";
  if (group.targetType !== "ip") return undefined;
  return NETWORK.subnets.find((s) => s.vpcId === group.vpcId && inCidr(target.id, s.cidrBlock))?.zoneId;
}

function crossZone(lb: LoadBalancerRecord, group: TargetGroupRecord): boolean {
  const own = group.attributes["load_balancing.cross_zone.enabled"];
  if (own === "true" || own === "false") return own === "true";
  return lb.attributes["load_balancing.cross_zone.enabled"] === "true";
}

/** NLB security groups with enforcement on: an inbound CIDR rule for TCP on the port must cover the source. */
function admits(state: SandboxState, lb: LoadBalancerRecord, sourceIp: string, port: number): boolean {
  if (lb.securityGroupIds.length === 0 || lb.enforcePrivateLinkInbound !== "on") return true;
  return lb.securityGroupIds.some((groupId) =>
    (state.securityGroups.get(groupId)?.rules ?? []).some(
      (r) =>
        !r.isEgress &&
        (r.ipProtocol === "-1" || r.ipProtocol === "tcp") &&
        (r.fromPort === -1 || (r.fromPort <= port && port <= r.toPort)) &&
        r.cidrIpv4 !== undefined &&
        inCidr(sourceIp, r.cidrIpv4),
    ),
  );
}

export function plan(state: SandboxState, endpoint: Endpoint, zoneId: string, port: number, health: (key: string) => TargetStatus): Plan {
  if (endpoint.state !== "available") return { mode: "drop", reason: `endpoint is ${endpoint.state}` };
  const zone = endpointZones(endpoint).find((z) => z.zoneId === zoneId);
  if (!zone) return { mode: "drop", reason: "endpoint has no interface in this zone" };
  const lb = loadBalancersOf(state, endpoint).find((candidate) => candidate.subnetIds.some((s) => zoneOfSubnet(s) === zoneId));
  if (!lb) return { mode: "drop", reason: "no load balancer of the service serves this zone" };
  const listener = listenersOf(state, lb.arn).find((l) => l.port === port);
  if (!listener) return { mode: "drop", reason: `no listener on port ${port}` };
  if (!admits(state, lb, zone.privateIp, port))
    return { mode: "drop", reason: `the load balancer's security groups do not allow TCP ${port} from ${zone.privateIp}` };
  const group = listener.targetGroupArns.flatMap((arn) => state.elbv2.targetGroups.get(arn) ?? [])[0];
  if (!group || group.targets.length === 0) return { mode: "drop", reason: "the target group has no targets" };
  const enabledZones = new Set(lb.subnetIds.flatMap((s) => zoneOfSubnet(s) ?? []));
  const inEnabledZone = group.targets.filter((t) => {
    const z = targetZone(group, t);
    return z === "all" || (z !== undefined && enabledZones.has(z));
  });
  const isCrossZone = crossZone(lb, group);
  const servesNode = (t: TargetRecord) => isCrossZone || targetZone(group, t) === "all" || targetZone(group, t) === zoneId;
  const healthy = (t: TargetRecord) => ["healthy", "unavailable"].includes(health(targetKey(group.arn, t)).state);
  const failOpen = !inEnabledZone.some(healthy);
  const candidates = inEnabledZone.filter((t) => servesNode(t) && (failOpen || healthy(t)));
  if (candidates.length === 0) return { mode: "drop", reason: "no healthy target for this zone (cross-zone load balancing is off)" };
  // The sandbox only ever connects to loopback targets; any other address is out of its reach.
  const reachable = candidates.filter((t) => group.targetType === "ip" && isLoopback(t.id));
  const answering = reachable.filter((t) => {
    const last = health(targetKey(group.arn, t)).last;
    return last === undefined || last === "ok";
  });
  const why = failOpen ? "every target is unhealthy: the load balancer fails open" : "healthy targets";
  if (answering.length === 0) {
    const refused = reachable.some((t) => health(targetKey(group.arn, t)).last === "refused");
    return refused ? { mode: "refuse", reason: `${why}; the target's port is closed` } : { mode: "drop", reason: `${why}; no target answers` };
  }
  const lbSubnet = lb.subnetIds.map((s) => subnetById(s)).find((s) => s?.zoneId === zoneId);
  const proxy =
    group.attributes["proxy_protocol_v2.enabled"] === "true" && lbSubnet
      ? { sourceIp: zone.privateIp, destinationIp: privateIpIn(lbSubnet.cidrBlock, `${lb.arn}/${lbSubnet.subnetId}`), endpointId: endpoint.id }
      : undefined;
  return {
    mode: "forward",
    reason: why,
    targets: answering.map((t) => ({ host: t.id, port: t.port, key: targetKey(group.arn, t) })),
    ...(proxy ? { proxy } : {}),
  };
}

/** The target groups a connection through this endpoint may reach: those the health checks watch. */
export function groupsBehind(state: SandboxState, endpoint: Endpoint): TargetGroupRecord[] {
  return loadBalancersOf(state, endpoint).flatMap((lb) =>
    listenersOf(state, lb.arn).flatMap((l) => l.targetGroupArns.flatMap((arn) => state.elbv2.targetGroups.get(arn) ?? [])),
  );
}
