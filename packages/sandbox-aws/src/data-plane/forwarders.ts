import { connect, createServer, type Server, type Socket } from "node:net";
import { socketKey, type SocketAddress } from "./drops";
import { proxyProtocolV2 } from "./proxy-protocol";
import type { ForwardTarget, Plan } from "./routing";

/**
 * Addresses that forward: a server on the endpoint's address and port that pipes each connection
 * to a target the plan names (the proxy protocol header first when it is on). A target that fails
 * to connect, or fails while connected, resets the client, as an NLB's RST would.
 */

type ForwardPlan = Extract<Plan, { mode: "forward" }>;

interface Flow {
  client: Socket;
  upstream: Socket;
  targetKey: string;
}

interface Forwarder {
  server: Server;
  plan: ForwardPlan;
  listening: Promise<boolean>;
}

export class Forwarders {
  private readonly forwarders = new Map<string, Forwarder>();
  private readonly flows = new Set<Flow>();

  constructor(private readonly onBindFailure: (address: SocketAddress, code: string) => void) {}

  /** Stops listening on every address but these (flows already open go on); resolves once the sockets are closed. */
  async prune(wanted: Map<string, unknown>): Promise<void> {
    let closed = false;
    for (const [key, forwarder] of this.forwarders) {
      if (wanted.has(key)) continue;
      forwarder.server.close();
      this.forwarders.delete(key);
      closed = true;
    }
    // A listening handle closes on the loop's next turn; the address is free for a drop worker after it.
    if (closed) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Forwards exactly these addresses from now on; resolves once new servers listen (or failed to). */
  async set(wanted: Map<string, { address: SocketAddress; plan: ForwardPlan }>): Promise<void> {
    await this.prune(wanted);
    const starting: Promise<boolean>[] = [];
    for (const [key, { address, plan }] of wanted) {
      const existing = this.forwarders.get(key);
      if (existing) {
        existing.plan = plan;
        continue;
      }
      const forwarder = this.listen(address, plan);
      this.forwarders.set(key, forwarder);
      starting.push(forwarder.listening);
    }
    await Promise.all(starting);
  }

  /** What listens now, by `host:port`. */
  async bound(): Promise<Set<string>> {
    const entries = await Promise.all([...this.forwarders].map(async ([key, f]) => ((await f.listening) ? [key] : [])));
    return new Set(entries.flat());
  }

  /** An unhealthy target's flows end with a reset (target_health_state.unhealthy.connection_termination). */
  resetTarget(targetKey: string): void {
    for (const flow of this.flows) if (flow.targetKey === targetKey) flow.client.resetAndDestroy();
  }

  private listen(address: SocketAddress, plan: ForwardPlan): Forwarder {
    const server = createServer((client) => this.accept(address, forwarder, client));
    const forwarder: Forwarder = {
      server,
      plan,
      listening: new Promise<boolean>((resolve) => {
        server.once("error", (error: NodeJS.ErrnoException) => {
          this.onBindFailure(address, error.code ?? String(error));
          if (this.forwarders.get(socketKey(address)) === forwarder) this.forwarders.delete(socketKey(address));
          resolve(false);
        });
        server.listen({ host: address.host, port: address.port }, () => resolve(true));
      }),
    };
    return forwarder;
  }

  private accept(address: SocketAddress, forwarder: Forwarder, client: Socket): void {
    const { plan } = forwarder;
    const target: ForwardTarget = plan.targets[Math.floor(Math.random() * plan.targets.length)]!;
    const upstream = connect({ host: target.host, port: target.port });
    const flow: Flow = { client, upstream, targetKey: target.key };
    this.flows.add(flow);
    if (plan.proxy) {
      upstream.write(proxyProtocolV2({ ...plan.proxy, sourcePort: client.remotePort ?? 0, destinationPort: address.port }));
    }
    client.pipe(upstream);
    upstream.pipe(client);
    upstream.on("error", () => {
      if (!client.destroyed) client.resetAndDestroy();
    });
    client.on("error", () => upstream.destroy());
    client.on("close", () => {
      upstream.destroy();
      this.flows.delete(flow);
    });
  }

  close(): void {
    for (const { server } of this.forwarders.values()) server.close();
    this.forwarders.clear();
    for (const flow of this.flows) {
      flow.client.destroy();
      flow.upstream.destroy();
    }
    this.flows.clear();
  }
}
