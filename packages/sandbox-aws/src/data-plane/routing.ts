import type { ListenerRecord, LoadBalancerRecord, TargetGroupRecord, TargetRecord } from "../elbv2/store";
import { NETWORK, subnetById, zonesFor } from "../seed";
import type { Endpoint, Instance, SandboxState } from "../state";
import { addressKey, inCidr, isLoopback, privateIpIn } from "./addresses";

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
export function targetZone(state: SandboxState, group: TargetGroupRecord, target: TargetRecord): string | undefined {
  if (target.availabilityZone === "all") return "all";
  if (target.availabilityZone) return zonesFor(group.ownerId, group.region).find((z) => z.zoneName === target.availabilityZone)?.zoneId;
  if (group.targetType === "instance") return subnetById(instanceOf(state, group, target.id)?.subnetId ?? "")?.zoneId;
  if (group.targetType === "ip" && isLoopback(target.id)) return "all";
  if (group.targetType !== "ip") return undefined;
  return NETWORK.subnets.find((s) => s.vpcId === group.vpcId && inCidr(target.id, s.cidrBlock))?.zoneId;
}

/** Where the sandbox connects for a target. */
export interface Destination {
  host: string;
  port: number;
}

function instanceOf(state: SandboxState, group: TargetGroupRecord, instanceId: string): Instance | undefined {
  const instance = state.instances.get(instanceId);
  return instance && instance.ownerId === group.ownerId && instance.region === group.region ? instance : undefined;
}

const onInstance = (instance: Instance, port: number): Destination => ({ host: instance.host, port: instance.ports[String(port)] ?? port });

/**
 * Where a connection to a target on `port` goes, or undefined for a target out of the sandbox's reach: a loopback IP as it
 * is; an instance (by id, or its private IP as an IP target) to its loopback server; an endpoint interface's private IP in
 * the group's VPC (a vendor NLB in front of its endpoint) to the address the data plane binds for it, once it has one.
 */
export function locate(state: SandboxState, group: TargetGroupRecord, target: TargetRecord, port: number): Destination | undefined {
  if (group.targetType === "instance") {
    const instance = instanceOf(state, group, target.id);
    return instance ? onInstance(instance, port) : undefined;
  }
  if (group.targetType !== "ip") return undefined;
  if (isLoopback(target.id)) return { host: target.id, port };
  const instance = [...state.instances.values()].find((i) => i.vpcId === group.vpcId && i.privateIp === target.id);
  if (instance) return onInstance(instance, port);
  for (const endpoint of state.sortedEndpoints()) {
    if (endpoint.vpcId !== group.vpcId || (endpoint.type ?? "Interface") !== "Interface") continue;
    const zone = endpointZones(endpoint).find((z) => z.privateIp === target.id);
    const host = zone && state.dataPlaneAddresses.get(addressKey(endpoint.id, zone.zoneId));
    if (host) return { host, port };
  }
  return undefined;
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
    const z = targetZone(state, group, t);
    return z === "all" || (z !== undefined && enabledZones.has(z));
  });
  const isCrossZone = crossZone(lb, group);
  const servesNode = (t: TargetRecord) => isCrossZone || targetZone(state, group, t) === "all" || targetZone(state, group, t) === zoneId;
  const healthy = (t: TargetRecord) => ["healthy", "unavailable"].includes(health(targetKey(group.arn, t)).state);
  const failOpen = !inEnabledZone.some(healthy);
  const candidates = inEnabledZone.filter((t) => servesNode(t) && (failOpen || healthy(t)));
  if (candidates.length === 0) return { mode: "drop", reason: "no healthy target for this zone (cross-zone load balancing is off)" };
  // The sandbox only ever connects to loopback; a target with nothing there standing for it is out of its reach.
  const reachable = candidates.flatMap((t) => {
    const destination = locate(state, group, t, t.port);
    return destination ? [{ target: t, destination }] : [];
  });
  const answering = reachable.filter(({ target: t }) => {
    const last = health(targetKey(group.arn, t)).last;
    return last === undefined || last === "ok";
  });
  const why = failOpen ? "every target is unhealthy: the load balancer fails open" : "healthy targets";
  if (answering.length === 0) {
    const refused = reachable.some(({ target: t }) => health(targetKey(group.arn, t)).last === "refused");
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
    targets: answering.map(({ target: t, destination }) => ({ ...destination, key: targetKey(group.arn, t) })),
    ...(proxy ? { proxy } : {}),
  };
}

/** The target groups a connection through this endpoint may reach: those the health checks watch. */
export function groupsBehind(state: SandboxState, endpoint: Endpoint): TargetGroupRecord[] {
  return loadBalancersOf(state, endpoint).flatMap((lb) =>
    listenersOf(state, lb.arn).flatMap((l) => l.targetGroupArns.flatMap((arn) => state.elbv2.targetGroups.get(arn) ?? [])),
  );
}
