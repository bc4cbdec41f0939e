import dgram from "node:dgram";
import net from "node:net";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { diagnose } from "@/lib/links/probes/diagnosis";
import { probeEndpoint, ResolverUnreachableError, SocketBudget, type ProbeRequest } from "@/lib/links/probes/probe";
import { closedPort, selfSigned, startBlackhole, startDns, startTcp, startTls, type Closable } from "./probes-fixtures";

// Real sockets on loopback only: a DNS server of our own maps AWS-shaped names to 127.20.x.y
// addresses, where real servers accept, reset, refuse, never accept, or speak TLS.

const SERVICE = "vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";
const REGIONAL = `vpce-0abc-xyz.${SERVICE}`;
const zonal = (zone: string) => `vpce-0abc-xyz-${zone}.${SERVICE}`;
const CUSTOMER_NAME = "db.customer.example";

const open: Closable[] = [];
async function started<T extends Closable>(server: Promise<T>): Promise<T> {
  const value = await server;
  open.push(value);
  return value;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

const dns = await startDns({
  [REGIONAL]: ["127.20.1.1", "127.20.1.2"],
  [zonal("us-east-1a")]: ["127.20.1.1"],
  [zonal("us-east-1b")]: ["127.20.1.2"],
  [`vpce-0abc-xyz.vpce-svc-0fedcba9876543210.us-east-1.vpce.amazonaws.com`]: ["127.20.2.1"],
  [`vpce-0abc-xyz-us-east-1a.vpce-svc-0fedcba9876543210.us-east-1.vpce.amazonaws.com`]: ["127.20.2.1"],
  [`vpce-0abc-xyz-us-east-1b.vpce-svc-0fedcba9876543210.us-east-1.vpce.amazonaws.com`]: ["127.20.2.2"],
  [`vpce-0tls-xyz.${SERVICE}`]: ["127.20.3.1"],
  [`vpce-0budget-xyz.${SERVICE}`]: ["127.20.4.1"],
});
afterAll(() => dns.close());

const settings = (overrides: Partial<Parameters<typeof probeEndpoint>[1]> = {}) => ({
  resolver: dns.server,
  timeoutMs: 400,
  sockets: new SocketBudget(16),
  ...overrides,
});
const request = (overrides: Partial<ProbeRequest>): ProbeRequest => ({
  regionalNames: [],
  zonalNames: [],
  ports: [],
  tlsPorts: [],
  tlsServerName: null,
  ...overrides,
});

describe("probeEndpoint", () => {
  it("resolves the regional and each zonal name, reads the zone from the name, and tells ok, speaks-first, reset and refused apart", async () => {
    const ok = await started(startTcp("127.20.1.1", 0));
    const banner = await started(startTcp("127.20.1.1", 0, (socket) => socket.write("220 ready\r\n")));
    const reset = await started(startTcp("127.20.1.1", 0, (socket) => socket.resetAndDestroy()));
    const closing = await started(startTcp("127.20.1.1", 0, (socket) => socket.end()));
    const refused = await closedPort("127.20.1.1");
    const ports = [ok.port, banner.port, reset.port, closing.port, refused];
    // The second zone's address serves the same ports the same way.
    await started(startTcp("127.20.1.2", ok.port));
    await started(startTcp("127.20.1.2", banner.port, (socket) => socket.write("220 ready\r\n")));
    await started(startTcp("127.20.1.2", reset.port, (socket) => socket.resetAndDestroy()));
    await started(startTcp("127.20.1.2", closing.port, (socket) => socket.end()));

    const targets = await probeEndpoint(request({ regionalNames: [REGIONAL], zonalNames: [zonal("us-east-1a"), zonal("us-east-1b")], ports }), settings());

    expect(targets.map(({ name, kind, availabilityZone, addresses, dnsError }) => ({ name, kind, availabilityZone, addresses, dnsError }))).toEqual([
      { name: REGIONAL, kind: "regional", availabilityZone: null, addresses: ["127.20.1.1", "127.20.1.2"], dnsError: null },
      { name: zonal("us-east-1a"), kind: "zonal", availabilityZone: "us-east-1a", addresses: ["127.20.1.1"], dnsError: null },
      { name: zonal("us-east-1b"), kind: "zonal", availabilityZone: "us-east-1b", addresses: ["127.20.1.2"], dnsError: null },
    ]);
    for (const target of targets) {
      expect(target.ports.map((port) => [port.port, port.result])).toEqual([
        [ok.port, "ok"],
        [banner.port, "ok"],
        [reset.port, "reset"],
        [closing.port, "reset"],
        [refused, "refused"],
      ]);
      expect(target.ports[0]?.connectMs).toEqual(expect.any(Number));
      expect(target.ports[4]).toMatchObject({ connectMs: null, detail: expect.stringContaining("ECONNREFUSED") });
    }
    expect(diagnose(targets).map(({ code, zones, ports }) => ({ code, zones, ports }))).toEqual([
      { code: "connection_refused", zones: [], ports: [refused] },
      { code: "connection_reset", zones: [], ports: [reset.port, closing.port].sort((a, b) => a - b) },
    ]);
  });

  it("times out on a zone whose listener never accepts, and the diagnosis names that zone", async () => {
    const blackhole = await started(startBlackhole("127.20.2.2"));
    await started(startTcp("127.20.2.1", blackhole.port));
    const service = "vpce-svc-0fedcba9876543210.us-east-1.vpce.amazonaws.com";

    const targets = await probeEndpoint(
      request({
        regionalNames: [`vpce-0abc-xyz.${service}`],
        zonalNames: [`vpce-0abc-xyz-us-east-1a.${service}`, `vpce-0abc-xyz-us-east-1b.${service}`],
        ports: [blackhole.port],
      }),
      settings(),
    );

    expect(targets.map((target) => [target.availabilityZone, target.ports.map((port) => port.result)])).toEqual([
      [null, ["ok"]],
      ["us-east-1a", ["ok"]],
      ["us-east-1b", ["timeout"]],
    ]);
    expect(targets[2]?.ports[0]).toMatchObject({ connectMs: null, detail: "no answer within 400 ms" });
    expect(diagnose(targets)).toEqual([expect.objectContaining({ code: "zone_unreachable", zones: ["us-east-1b"], ports: [blackhole.port] })]);
  });

  it("checks TLS certificates itself: the right name, a wrong one, expired, not yet valid, a wildcard common name, a server that hangs up or does not speak TLS", async () => {
    const hour = 3_600_000;
    const now = Date.now();
    const valid = (names: string[], commonName = "server") => selfSigned(commonName, names, new Date(now - hour), new Date(now + hour));
    const servers = {
      right: await started(startTls("127.20.3.1", 0, valid([CUSTOMER_NAME]))),
      wrong: await started(startTls("127.20.3.1", 0, valid(["other.customer.example"]))),
      expired: await started(startTls("127.20.3.1", 0, selfSigned("server", [CUSTOMER_NAME], new Date(now - 48 * hour), new Date(now - 24 * hour)))),
      early: await started(startTls("127.20.3.1", 0, selfSigned("server", [CUSTOMER_NAME], new Date(now + 24 * hour), new Date(now + 48 * hour)))),
      wildcardCn: await started(startTls("127.20.3.1", 0, valid([], "*.customer.example"))),
      hangsUp: await started(startTcp("127.20.3.1", 0, (socket) => socket.once("data", () => socket.destroy()))),
      plain: await started(startTcp("127.20.3.1", 0, (socket) => socket.once("data", () => socket.end("HTTP/1.1 400 Bad Request\r\n\r\n")))),
    };
    const ports = Object.values(servers).map((server) => server.port);

    const [target] = await probeEndpoint(
      request({ regionalNames: [`vpce-0tls-xyz.${SERVICE}`], ports, tlsPorts: ports, tlsServerName: CUSTOMER_NAME }),
      settings(),
    );

    const seen = Object.fromEntries(Object.keys(servers).map((key, index) => [key, target?.ports[index]]));
    expect(seen.right).toMatchObject({ result: "ok", detail: null, tls: { names: [CUSTOMER_NAME], failure: null, notAfter: expect.any(String) } });
    expect(seen.wrong).toMatchObject({ result: "tls_error", tls: { names: ["other.customer.example"], failure: "name_mismatch" } });
    expect(seen.expired).toMatchObject({
      result: "tls_error",
      tls: { failure: "expired", notAfter: new Date(Math.floor((now - 24 * hour) / 1000) * 1000).toISOString() },
    });
    expect(seen.early).toMatchObject({ result: "tls_error", tls: { failure: "not_yet_valid" } });
    expect(seen.wildcardCn).toMatchObject({ result: "ok", tls: { names: ["*.customer.example"], failure: null } });
    expect(seen.hangsUp).toMatchObject({ result: "tls_error", connectMs: expect.any(Number), tls: { failure: "handshake_failed", names: [] } });
    expect(seen.plain).toMatchObject({ result: "tls_error", detail: expect.any(String), tls: { failure: "handshake_failed" } });
    expect(diagnose(target ? [target] : []).map((diagnosis) => diagnosis.code)).toEqual([
      "tls_name_mismatch",
      "tls_expired",
      "tls_not_yet_valid",
      "tls_handshake_failed",
    ]);
  });

  it("reports a name that does not exist as dns_error with no ports, and probes the names that do", async () => {
    const ok = await started(startTcp("127.20.1.1", 0));
    const missing = zonal("us-east-1c");

    const targets = await probeEndpoint(request({ zonalNames: [zonal("us-east-1a"), missing], ports: [ok.port] }), settings());

    expect(targets[0]?.ports.map((port) => port.result)).toEqual(["ok"]);
    expect(targets[1]).toEqual({
      name: missing,
      kind: "zonal",
      availabilityZone: "us-east-1c",
      addresses: [],
      ports: [],
      dnsError: expect.stringContaining("NXDOMAIN"),
    });
    expect(diagnose(targets)).toEqual([expect.objectContaining({ code: "dns_unresolvable", zones: ["us-east-1c"], ports: [] })]);
  });

  it("throws ResolverUnreachableError when the resolver answers no name, instead of calling the endpoint broken", async () => {
    const socket = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
    const silent = `127.0.0.1:${socket.address().port}`;
    await new Promise<void>((resolve) => socket.close(() => resolve()));

    const probing = probeEndpoint(request({ regionalNames: [REGIONAL], zonalNames: [zonal("us-east-1a")], ports: [443] }), settings({ resolver: silent }));

    await expect(probing).rejects.toBeInstanceOf(ResolverUnreachableError);
    await expect(probing).rejects.toThrow(silent);
  });

  it("never holds more sockets than its budget, counted by the servers", async () => {
    let now = 0;
    let peak = 0;
    const count = (socket: net.Socket) => {
      now += 1;
      peak = Math.max(peak, now);
      let counted = true;
      // A FIN arrives ('end') before the next connection's SYN is accepted; 'close' only comes later.
      const release = () => {
        if (counted) now -= 1;
        counted = false;
      };
      socket.once("end", release).once("close", release).resume();
    };
    const servers = await Promise.all(Array.from({ length: 12 }, () => started(startTcp("127.20.4.1", 0, count))));

    const [target] = await probeEndpoint(
      request({ regionalNames: [`vpce-0budget-xyz.${SERVICE}`], ports: servers.map((server) => server.port) }),
      settings({ sockets: new SocketBudget(2) }),
    );

    expect(target?.ports.map((port) => port.result)).toEqual(servers.map(() => "ok"));
    expect(peak).toBe(2);
  });
});
