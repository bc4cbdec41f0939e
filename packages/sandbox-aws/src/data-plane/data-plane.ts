import { EventEmitter } from "node:events";
import type { TargetGroupRecord, TargetRecord } from "../elbv2/store";
import { advanceLifecycle } from "../ec2/lifecycle";
import { holderOf } from "../ec2/private-dns";
import { associationDnsName } from "../ec2/resource-endpoints";
import type { Runtime } from "../runtime";
import type { Endpoint } from "../state";
import { addressKey, allocateAddress } from "./addresses";
import { DropSockets, socketKey, type SocketAddress } from "./drops";
import { Forwarders } from "./forwarders";
import { HealthChecker, type HealthView } from "./health";
import { resourcePlan, resourcePorts } from "./resource-routing";
import { startResolver, VPCE_ZONE, type NameAnswer, type Resolver } from "./resolver";
import { endpointZones, groupsBehind, listenersOf, loadBalancersOf, locate, plan, targetKey, type Plan } from "./routing";

/**
 * The sandbox's data plane (README "Data plane"): a resolver for endpoints' names, and behind each
 * endpoint's addresses what AWS would do with a connection. Nothing is bound until the resolver
 * has answered for an endpoint (its addresses, kept in the state, mark it active); from then on
 * every change of state or health recomputes what each address and port does.
 */

export interface DataPlaneOptions {
  /** On unless false; off means no resolver and no sockets. */
  enabled?: boolean;
  /** The resolver's UDP port; 0 or unset picks a free one. */
  dnsPort?: number;
  /** Ports served on every active address besides the listeners' (what a probe may try). */
  ports?: number[];
  /** Multiplies health check intervals and timeouts (tests use e.g. 0.02). */
  healthCheckScale?: number;
}

export const DEFAULT_DATA_PLANE_PORTS = [22, 443, 3306, 5432, 6379, 8443, 9092];

/** What an address and port does now, as `GET /_sandbox/data-plane` shows it. */
export interface SocketRow {
  address: string;
  port: number;
  endpointId: string;
  zoneId: string;
  mode: Plan["mode"];
  reason: string;
  bound: boolean;
}

/** Interface and Resource endpoints (Resource ones while associated); Gateway endpoints have no addresses. */
const RESOLVING = (endpoint: Endpoint) =>
  endpoint.type !== "Gateway" &&
  (endpoint.type !== "Resource" || endpoint.resourceAssociationId !== undefined) &&
  endpoint.state !== "deleted" &&
  endpoint.state !== "failed";
const RESOURCE_NAME = /^(vpce-[0-9a-f]{17})\.rcfg-[0-9a-z]{17}\.[0-9a-f]{7}\.vpc-lattice-rsc\.[a-z0-9-]+\.on\.aws$/;
const NAME = /^(vpce-[0-9a-f]{17})-([a-z0-9]+?)(?:-([a-z]{2}(?:-[a-z]+)+-\d[a-z]))?$/;
const MAX_TIMER_MS = 2 ** 31 - 1;

export class DataPlane extends EventEmitter<{ health: [key: string, from: string, to: string]; reconciled: [] }> {
  private readonly health: HealthChecker;
  private readonly forwarders: Forwarders;
  private readonly drops: DropSockets;
  private readonly unbindable = new Set<string>();
  private readonly describedGroups = new Set<string>();
  private readonly unhealthySince = new Set<string>();
  private rows: SocketRow[] = [];
  private dirty = false;
  private running: Promise<void> | undefined;
  private lifecycleTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private resolver: Resolver | undefined;

  constructor(
    private readonly runtime: Runtime,
    private readonly options: { host: string; ports: number[]; healthCheckScale: number },
    private readonly persist: () => void,
  ) {
    super();
    const warned = new Set<string>();
    const bindFailure = (address: SocketAddress, code: string) => {
      const key = socketKey(address);
      // Without privileges a port stays closed for good; an address in use may come free, so it is tried again.
      if (code === "EACCES") this.unbindable.add(key);
      if (warned.has(key)) return;
      warned.add(key);
      const privileged = address.port < 1024 && code === "EACCES" ? " (ports below 1024 need root)" : "";
      console.warn(`sandbox-aws: data plane: cannot bind ${key}: ${code}${privileged}; connections to it are refused`);
    };
    this.health = new HealthChecker(options.healthCheckScale);
    this.forwarders = new Forwarders(bindFailure);
    this.drops = new DropSockets(bindFailure);
    this.health.on("change", () => this.stateChanged());
    this.health.on("transition", (key, from, to) => {
      if (to === "unhealthy") this.unhealthySince.add(key);
      this.emit("health", key, from, to);
    });
  }

  async start(dnsPort: number): Promise<{ host: string; port: number }> {
    this.resolver = await startResolver(this.options.host, dnsPort, (name) => this.lookup(name));
    this.runtime.targetHealth = { view: (group, target) => this.view(group, target) };
    // Endpoints active before a restart (their addresses are in the state file) are served from the start.
    this.stateChanged();
    await this.settled();
    return { host: this.resolver.host, port: this.resolver.port };
  }

  /**
   * A name's answer. Answering for an endpoint the first time activates it (allocates its
   * addresses); the answer waits until its sockets are in place, so a client never dials an address
   * before it behaves.
   */
  async lookup(name: string): Promise<NameAnswer> {
    const { state } = this.runtime;
    advanceLifecycle(this.runtime, this.runtime.now());
    const resource = RESOURCE_NAME.exec(name);
    if (resource) {
      // A Resource endpoint's association name (DescribeVpcEndpointAssociations' DnsEntry).
      const endpoint = state.endpoints.get(resource[1]!);
      const isIts = endpoint?.type === "Resource" && RESOLVING(endpoint) && associationDnsName(endpoint) === name;
      return isIts ? this.answer(endpoint, endpointZones(endpoint)) : { kind: "nxdomain" };
    }
    if (name !== VPCE_ZONE && !name.endsWith(`.${VPCE_ZONE}`)) {
      // A service's private DNS name, as the private hosted zone AWS adds to the endpoint's VPC would answer it. One
      // resolver stands for every VPC: where several VPCs enabled the name, the endpoint made first answers.
      const holder = holderOf(state, name, RESOLVING);
      return holder ? this.answer(holder, endpointZones(holder)) : { kind: "refused" };
    }
    const labels = name.split(".");
    const match = labels.length === 6 ? NAME.exec(labels[0]!) : null;
    if (!match) return { kind: "nxdomain" };
    const endpoint = state.endpoints.get(match[1]!);
    if (!endpoint || !RESOLVING(endpoint) || endpoint.dnsSuffix !== match[2] || endpoint.serviceId !== labels[1] || endpoint.region !== labels[2])
      return { kind: "nxdomain" };
    const zones = endpointZones(endpoint);
    return this.answer(endpoint, match[3] ? zones.filter((z) => z.zoneName === match[3]) : zones);
  }

  private async answer(endpoint: Endpoint, asked: { zoneId: string }[]): Promise<NameAnswer> {
    const { state } = this.runtime;
    const zones = endpointZones(endpoint);
    if (asked.length === 0) return { kind: "nxdomain" };
    const before = state.dataPlaneAddresses.size;
    const addresses = asked.map((zone) => allocateAddress(state.dataPlaneAddresses, endpoint.id, zone.zoneId));
    zones.forEach((zone) => allocateAddress(state.dataPlaneAddresses, endpoint.id, zone.zoneId));
    if (state.dataPlaneAddresses.size !== before) {
      this.persist();
      this.stateChanged();
      await this.settled();
    }
    return { kind: "addresses", addresses };
  }

  /** DescribeTargetHealth's answer; asking about a group in use starts its checks. */
  private view(group: TargetGroupRecord, target: TargetRecord): HealthView {
    const key = targetKey(group.arn, target);
    if (!this.health.isWatched(key) && !this.describedGroups.has(group.arn)) {
      this.describedGroups.add(group.arn);
      this.stateChanged();
    }
    return this.health.view(key);
  }

  /** Recompute soon (coalesced); `settled()` waits for it. */
  stateChanged(): void {
    this.dirty = true;
    this.running ??= this.loop();
  }

  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    while (this.dirty && !this.closed) {
      this.dirty = false;
      try {
        await this.reconcile();
      } catch (error) {
        console.error("sandbox-aws: data plane", error);
      }
    }
    this.running = undefined;
    this.emit("reconciled");
  }

  private async reconcile(): Promise<void> {
    const { runtime } = this;
    const { state } = runtime;
    advanceLifecycle(runtime, runtime.now());
    const active = new Map<string, Endpoint>();
    for (const key of [...state.dataPlaneAddresses.keys()]) {
      const endpoint = state.endpoints.get(key.split("/")[0]!);
      if (endpoint && RESOLVING(endpoint)) active.set(endpoint.id, endpoint);
      else state.dataPlaneAddresses.delete(key);
    }
    const groups = new Map<string, TargetGroupRecord>();
    for (const endpoint of active.values()) for (const group of groupsBehind(state, endpoint)) groups.set(group.arn, group);
    const inUse = new Set([...state.elbv2.listeners.values()].flatMap((l) => l.targetGroupArns));
    for (const arn of this.describedGroups) {
      const group = state.elbv2.targetGroups.get(arn);
      if (group && inUse.has(arn)) groups.set(arn, group);
      else this.describedGroups.delete(arn);
    }
    this.health.watch([...groups.values()], (group, target, port) => locate(state, group, target, port));

    const forward = new Map<string, { address: SocketAddress; plan: Extract<Plan, { mode: "forward" }> }>();
    const drop: SocketAddress[] = [];
    const rows: Omit<SocketRow, "bound">[] = [];
    for (const endpoint of active.values()) {
      const isResource = endpoint.type === "Resource";
      const listenerPorts = loadBalancersOf(state, endpoint).flatMap((lb) => listenersOf(state, lb.arn).map((l) => l.port));
      const ports = isResource
        ? resourcePorts(state, endpoint, this.options.ports)
        : [...new Set([...listenerPorts, ...this.options.ports])].sort((a, b) => a - b);
      for (const zone of endpointZones(endpoint)) {
        const host = state.dataPlaneAddresses.get(addressKey(endpoint.id, zone.zoneId));
        if (!host) continue;
        for (const port of ports) {
          const decided = isResource
            ? resourcePlan(state, endpoint, zone.zoneId, port)
            : plan(state, endpoint, zone.zoneId, port, (key) => this.health.status(key));
          const address = { host, port };
          rows.push({ address: host, port, endpointId: endpoint.id, zoneId: zone.zoneId, mode: decided.mode, reason: decided.reason });
          if (this.unbindable.has(socketKey(address))) continue;
          if (decided.mode === "forward") forward.set(socketKey(address), { address, plan: decided });
          else if (decided.mode === "drop") drop.push(address);
        }
      }
    }
    // An address changing mode is released by its old holder before the new one binds it.
    await this.forwarders.prune(forward);
    await this.drops.set(drop);
    await this.forwarders.set(forward);
    const forwarded = new Set([...forward.values()].flatMap(({ plan: p }) => p.targets.map((t) => t.key)));
    for (const key of this.unhealthySince) if (!forwarded.has(key)) this.forwarders.resetTarget(key);
    this.unhealthySince.clear();
    const bound = new Set([...(await this.forwarders.bound()), ...this.drops.held()]);
    this.rows = rows.map((row) => ({ ...row, bound: bound.has(`${row.address}:${row.port}`) }));
    this.scheduleLifecycle();
  }

  /** Endpoint states change lazily (ec2/lifecycle.ts): wake up when the next one is due. */
  private scheduleLifecycle(): void {
    clearTimeout(this.lifecycleTimer);
    const due = this.runtime.state.nextDueAt;
    if (!Number.isFinite(due) || this.closed) return;
    this.lifecycleTimer = setTimeout(
      () => {
        this.persist();
        this.stateChanged();
      },
      Math.min(MAX_TIMER_MS, Math.max(0, due - this.runtime.now())),
    );
    this.lifecycleTimer.unref();
  }

  describe(): { dns: { host: string; port: number } | null; sockets: SocketRow[] } {
    return { dns: this.resolver ? { host: this.resolver.host, port: this.resolver.port } : null, sockets: this.rows };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.lifecycleTimer);
    await this.settled();
    this.runtime.targetHealth = null;
    this.health.close();
    this.forwarders.close();
    await this.drops.close();
    await this.resolver?.close();
  }
}
