import "server-only";
import { Resolver } from "node:dns/promises";
import { probePort } from "./connect";
import { zoneOfName } from "./names";
import type { ProbePort, ProbeTarget } from "./schemas";

/**
 * The probe: resolve every name of an endpoint, then connect to each name's first address on
 * every port of the link, through a process-wide socket budget (docs/CONNECTIVITY.md). It must
 * run in a network that reaches the endpoints (the vendor VPC); the sandbox's resolver stands in
 * for AWS's on loopback.
 */

export interface ProbeRequest {
  /** The link's dnsNames.regional. */
  regionalNames: string[];
  /** The link's dnsNames.zonal; each name's zone is read from the name itself. */
  zonalNames: string[];
  /** Every port of the link. */
  ports: number[];
  /** The ports to complete a TLS handshake on. */
  tlsPorts: number[];
  /** The name the certificate must hold; null: the first regional name. */
  tlsServerName: string | null;
}

export interface ProbeSettings {
  /** "host:port" of the DNS server to ask; null: the system's. */
  resolver: string | null;
  /** Each of the DNS query, the TCP connect and the TLS handshake gets this long. */
  timeoutMs: number;
  sockets: SocketBudget;
  /** How long a fresh connection must stay open to count as ok (default 100 ms; see connect.ts). */
  settleMs?: number;
  /** The clock certificates' dates are checked against. */
  now?: () => Date;
}

const DEFAULT_SETTLE_MS = 100;

/** One per process: at most `max` probe sockets open at once, the rest wait in line (first come, first served). */
export class SocketBudget {
  private open = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`a socket budget needs at least one socket, not ${max}`);
  }

  /** Sockets open now, and probes waiting for one (for metrics). */
  get inUse(): number {
    return this.open;
  }
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `work` holding one slot; `work` must resolve only once its socket is closed. */
  async use<T>(work: () => Promise<T>): Promise<T> {
    if (this.open < this.max) this.open += 1;
    // A released slot passes straight to the next in line, so `open` never dips and a newcomer cannot jump the queue.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.open -= 1;
    }
  }
}

/** The resolver itself did not answer (refused or silent) for any name: nothing can be said about the endpoint. */
export class ResolverUnreachableError extends Error {
  constructor(
    readonly resolver: string | null,
    detail: string,
  ) {
    super(`the DNS resolver ${resolver ?? "(the system's)"} does not answer: ${detail}`);
    this.name = "ResolverUnreachableError";
  }
}

const RESOLVER_SILENT = new Set(["ECONNREFUSED", "ETIMEOUT"]);

type Resolved = { addresses: string[]; dnsError: null } | { addresses: []; dnsError: string; silent: boolean };

export async function probeEndpoint(request: ProbeRequest, settings: ProbeSettings): Promise<ProbeTarget[]> {
  const names = [
    ...request.regionalNames.map((name) => ({ name, kind: "regional" as const, availabilityZone: null })),
    ...request.zonalNames.map((name) => ({ name, kind: "zonal" as const, availabilityZone: zoneOfName(name) })),
  ];
  if (names.length === 0) return [];
  const resolver = new Resolver({ timeout: settings.timeoutMs, tries: 2 });
  if (settings.resolver) resolver.setServers([settings.resolver]);
  const answered = await Promise.all(names.map(async (target) => ({ ...target, ...(await resolve(resolver, target.name)) })));
  const silent = answered.flatMap((answer) => (answer.dnsError !== null && answer.silent ? [answer.dnsError] : []));
  if (silent.length === answered.length) throw new ResolverUnreachableError(settings.resolver, [...new Set(silent)].join("; "));

  const ports = [...new Set(request.ports)];
  const tlsPorts = new Set(request.tlsPorts);
  const serverName = request.tlsServerName ?? request.regionalNames[0] ?? null;
  const now = settings.now ?? (() => new Date());
  return Promise.all(
    answered.map(async ({ name, kind, availabilityZone, addresses, dnsError }): Promise<ProbeTarget> => {
      const address = addresses[0];
      const results: ProbePort[] =
        dnsError !== null || address === undefined
          ? []
          : await Promise.all(
              ports.map((port) =>
                settings.sockets.use(() =>
                  probePort({
                    address,
                    port,
                    tlsServerName: tlsPorts.has(port) ? (serverName ?? name) : null,
                    timeoutMs: settings.timeoutMs,
                    settleMs: settings.settleMs ?? DEFAULT_SETTLE_MS,
                    now,
                  }),
                ),
              ),
            );
      return { name, kind, availabilityZone, addresses, ports: results, dnsError };
    }),
  );
}

async function resolve(resolver: Resolver, name: string): Promise<Resolved> {
  try {
    const addresses = await resolver.resolve4(name);
    if (addresses.length > 0) return { addresses, dnsError: null };
    return { addresses: [], dnsError: "no A record", silent: false };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const dnsError =
      code === "ENOTFOUND"
        ? "NXDOMAIN: the name does not exist"
        : code === "ENODATA"
          ? "no A record for the name"
          : `${code || "error"}: ${(error as Error).message}`;
    return { addresses: [], dnsError, silent: RESOLVER_SILENT.has(code) };
  }
}
