import { describe, expect, it } from "vitest";
import { connectivityStatusOf, diagnose } from "@/lib/links/probes/diagnosis";
import type { ProbePort, ProbeResult, ProbeTarget, TlsFailure } from "@/lib/links/probes/schemas";

const SERVICE = "vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";
const ADDRESS: Record<string, string> = { "us-east-1a": "10.0.1.10", "us-east-1b": "10.0.2.10", "us-east-1c": "10.0.3.10" };

type Results = Record<number, ProbeResult | TlsFailure>;

function port(number: number, outcome: ProbeResult | TlsFailure): ProbePort {
  const tlsFailure = ["name_mismatch", "expired", "not_yet_valid", "handshake_failed"].find((failure) => failure === outcome) as TlsFailure | undefined;
  if (tlsFailure) return { port: number, result: "tls_error", connectMs: 1, detail: tlsFailure, tls: { names: [], notAfter: null, failure: tlsFailure } };
  const result = outcome as ProbeResult;
  return { port: number, result, connectMs: result === "ok" ? 1 : null, detail: null, tls: null };
}

function zonal(zone: string, results: Results): ProbeTarget {
  const ports = Object.entries(results).map(([number, outcome]) => port(Number(number), outcome));
  return { name: `vpce-0abc-xyz-${zone}.${SERVICE}`, kind: "zonal", availabilityZone: zone, addresses: [ADDRESS[zone] ?? ""], ports, dnsError: null };
}

/** The regional name connects to its first address, which is the first zone's. */
function regional(results: Results, firstZone = "us-east-1a"): ProbeTarget {
  return { ...zonal(firstZone, results), name: `vpce-0abc-xyz.${SERVICE}`, kind: "regional", availabilityZone: null, addresses: Object.values(ADDRESS) };
}

function unresolved(zone: string | null): ProbeTarget {
  const name = zone ? `vpce-0abc-xyz-${zone}.${SERVICE}` : `vpce-0abc-xyz.${SERVICE}`;
  return { name, kind: zone ? "zonal" : "regional", availabilityZone: zone, addresses: [], ports: [], dnsError: "NXDOMAIN: the name does not exist" };
}

const found = (targets: ProbeTarget[]) => diagnose(targets).map(({ code, zones, ports }) => ({ code, zones, ports }));

describe("diagnose", () => {
  it("finds nothing when every name answers on every port", () => {
    const targets = [regional({ 5432: "ok" }), zonal("us-east-1a", { 5432: "ok" }), zonal("us-east-1b", { 5432: "ok" })];
    expect(diagnose(targets)).toEqual([]);
    expect(connectivityStatusOf(targets)).toBe("ok");
  });

  it("reads every name timing out on every port as nothing on the customer's side accepting us, about all zones and ports", () => {
    const all = { 443: "timeout", 5432: "timeout" } as const;
    const [diagnosis, ...rest] = diagnose([regional(all), zonal("us-east-1a", all), zonal("us-east-1b", all)]);
    expect(rest).toEqual([]);
    expect(diagnosis).toMatchObject({ code: "no_connection_accepted", zones: [], ports: [443, 5432] });
    expect(diagnosis?.cause).toContain("security group");
    expect(diagnosis?.check).toContain("Enforce inbound rules on PrivateLink traffic");
  });

  it("names the one zone that times out on every port while the others answer (cross-zone off, no healthy target there)", () => {
    const targets = [
      regional({ 443: "ok", 5432: "ok" }),
      zonal("us-east-1a", { 443: "ok", 5432: "ok" }),
      zonal("us-east-1b", { 443: "timeout", 5432: "timeout" }),
      zonal("us-east-1c", { 443: "ok", 5432: "ok" }),
    ];
    expect(found(targets)).toEqual([{ code: "zone_unreachable", zones: ["us-east-1b"], ports: [443, 5432] }]);
    expect(diagnose(targets)[0]?.cause).toContain("cross-zone load balancing is off");
  });

  it("counts the regional name with the zone of its first address, so a dark first zone is still that zone", () => {
    const dark = { 5432: "timeout" } as const;
    const targets = [regional(dark, "us-east-1a"), zonal("us-east-1a", dark), zonal("us-east-1b", { 5432: "ok" })];
    expect(found(targets)).toEqual([{ code: "zone_unreachable", zones: ["us-east-1a"], ports: [5432] }]);
  });

  it("reads one port timing out on every zone as that port's listener or rule", () => {
    const results = { 443: "ok", 9092: "timeout" } as const;
    const targets = [regional(results), zonal("us-east-1a", results), zonal("us-east-1b", results)];
    expect(found(targets)).toEqual([{ code: "port_unreachable", zones: [], ports: [9092] }]);
    expect(diagnose(targets)[0]?.cause).toContain("no listener on this port");
  });

  it("keeps a zone and a port apart when both fail: the zone on every port, the port on the other zones", () => {
    const targets = [
      zonal("us-east-1a", { 443: "ok", 9092: "timeout" }),
      zonal("us-east-1b", { 443: "timeout", 9092: "timeout" }),
      zonal("us-east-1c", { 443: "ok", 9092: "timeout" }),
    ];
    expect(found(targets)).toEqual([
      { code: "zone_unreachable", zones: ["us-east-1b"], ports: [443, 9092] },
      { code: "port_unreachable", zones: [], ports: [9092] },
    ]);
  });

  it("names the zones and ports of timeouts in no pattern", () => {
    const targets = [zonal("us-east-1a", { 443: "ok", 9092: "timeout" }), zonal("us-east-1b", { 443: "ok", 9092: "ok" })];
    expect(found(targets)).toEqual([{ code: "timeout", zones: ["us-east-1a"], ports: [9092] }]);
  });

  it("reads refused as targets whose port is closed behind a load balancer failing open", () => {
    const results = { 443: "ok", 5432: "refused" } as const;
    const targets = [zonal("us-east-1a", results), zonal("us-east-1b", results)];
    expect(found(targets)).toEqual([{ code: "connection_refused", zones: [], ports: [5432] }]);
    expect(diagnose(targets)[0]?.cause).toContain("fails open");
  });

  it("reads reset as an unhealthy target or proxy protocol v2 it does not parse, named by zone when only some zones see it", () => {
    const targets = [zonal("us-east-1a", { 5432: "reset" }), zonal("us-east-1b", { 5432: "ok" })];
    expect(found(targets)).toEqual([{ code: "connection_reset", zones: ["us-east-1a"], ports: [5432] }]);
    expect(diagnose(targets)[0]?.cause).toContain("proxy protocol v2");
  });

  it("reads a name that does not resolve as a deleted or rejected endpoint, about the zones whose names fail", () => {
    expect(found([unresolved(null), unresolved("us-east-1a"), unresolved("us-east-1b")])).toEqual([{ code: "dns_unresolvable", zones: [], ports: [] }]);
    expect(found([regional({ 443: "ok" }), zonal("us-east-1a", { 443: "ok" }), unresolved("us-east-1b")])).toEqual([
      { code: "dns_unresolvable", zones: ["us-east-1b"], ports: [] },
    ]);
  });

  it("gives each TLS failure its own finding: name mismatch, expired, not yet valid, handshake failed", () => {
    const targets = [zonal("us-east-1a", { 443: "name_mismatch", 8443: "expired", 9443: "not_yet_valid", 10443: "handshake_failed" })];
    expect(found(targets)).toEqual([
      { code: "tls_name_mismatch", zones: [], ports: [443] },
      { code: "tls_expired", zones: [], ports: [8443] },
      { code: "tls_not_yet_valid", zones: [], ports: [9443] },
      { code: "tls_handshake_failed", zones: [], ports: [10443] },
    ]);
    expect(diagnose(targets)[0]?.check).toContain("private DNS name");
  });

  it("ranks mixed findings: what stops connections first (DNS, a dark zone, a port, refused, reset), then TLS", () => {
    const targets = [
      zonal("us-east-1a", { 443: "name_mismatch", 5432: "refused", 6379: "reset", 9092: "timeout" }),
      zonal("us-east-1b", { 443: "timeout", 5432: "timeout", 6379: "timeout", 9092: "timeout" }),
      zonal("us-east-1c", { 443: "name_mismatch", 5432: "ok", 6379: "ok", 9092: "timeout" }),
      unresolved("us-east-1d"),
    ];
    expect(found(targets).map(({ code }) => code)).toEqual([
      "dns_unresolvable",
      "zone_unreachable",
      "port_unreachable",
      "connection_refused",
      "connection_reset",
      "tls_name_mismatch",
    ]);
    expect(found(targets)[1]?.zones).toEqual(["us-east-1b"]);
    expect(found(targets)[3]?.zones).toEqual(["us-east-1a"]);
  });
});

describe("connectivityStatusOf", () => {
  it("is degraded on any failed port or unresolved name, and when there was nothing to probe", () => {
    expect(connectivityStatusOf([zonal("us-east-1a", { 443: "ok" }), zonal("us-east-1b", { 443: "reset" })])).toBe("degraded");
    expect(connectivityStatusOf([zonal("us-east-1a", { 443: "ok" }), unresolved("us-east-1b")])).toBe("degraded");
    expect(connectivityStatusOf([zonal("us-east-1a", { 443: "expired" })])).toBe("degraded");
    expect(connectivityStatusOf([])).toBe("degraded");
  });
});
