import { describe, expect, it } from "vitest";
import { linkViewRowOfJson, linkViewSchema, toLinkView, type LinkViewRow } from "@/lib/links/views";

/** toLinkView is not parsed in production: these hold it to linkViewSchema, the documented shape. */

const row: LinkViewRow = {
  id: "6f1c0c4e-0000-4000-8000-000000000001",
  organizationId: "6f1c0c4e-0000-4000-8000-000000000002",
  name: "orders-db",
  kind: "service",
  resourceShareArn: null,
  serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
  serviceRegion: "us-east-1",
  region: "us-east-1",
  ports: [5432, 6432],
  tlsPorts: [6432],
  state: "available",
  checks: [{ name: "service_visible", status: "pass", detail: "visible" }],
  serviceOwnerAccountId: "222222222222",
  allowlistScope: "organization",
  ownerProof: null,
  endpointId: "vpce-0123456789abcdef0",
  dnsNames: { regional: ["vpce-1.vpce-svc.us-east-1.vpce.amazonaws.com"], zonal: ["vpce-1-use1-az1.vpce-svc.us-east-1.vpce.amazonaws.com"] },
  lastErrorCode: "InvalidServiceName",
  lastError: "The service is gone.",
  createdAt: new Date("2026-11-27T10:00:00.120Z"),
  updatedAt: new Date("2026-11-27T10:05:00.000Z"),
  stateChangedAt: new Date("2026-11-27T10:04:59.999Z"),
  degraded: true,
  probeStatus: "degraded",
  probedAt: new Date("2026-11-27T10:06:00.000Z"),
  probeTargets: [
    {
      name: "vpce-1-use1-az1.vpce-svc.us-east-1.vpce.amazonaws.com",
      kind: "zonal",
      availabilityZone: "us-east-1a",
      addresses: ["10.0.1.5"],
      ports: [
        { port: 5432, result: "timeout", connectMs: null, detail: "no answer in 3000 ms", tls: null },
        { port: 6432, result: "ok", connectMs: 2.5, detail: null, tls: null },
      ],
      dnsError: null,
    },
  ],
  probeDiagnosis: [
    { code: "zone_timeout", cause: "The load balancer does not answer in us-east-1a.", check: "Its targets there.", zones: ["us-east-1a"], ports: [5432] },
  ],
  nextProbeAt: new Date("2026-11-27T10:11:00.000Z"),
  releaseAt: null,
  endpointReleasedAt: null,
  endpointAddresses: [
    { azId: "use1-az1", subnetId: "subnet-1", networkInterfaceId: "eni-1", privateIpAddress: "10.0.1.5" },
    { azId: "use1-az2", subnetId: "subnet-2", networkInterfaceId: "eni-2", privateIpAddress: "10.0.2.7" },
  ],
  privateDns: true,
  privateDnsName: "db.customer.example",
  privateDnsEnabled: true,
};

const on = { role: "owner", scopes: ["read", "write"], engine: { overrides: { probes: { enabled: true } } } } as const;
const off = { role: "owner", scopes: ["read", "write"], engine: { overrides: { probes: { enabled: false } } } } as const;

describe("toLinkView", () => {
  it("builds exactly linkViewSchema's shape, for a reader and a writer", () => {
    for (const scopes of [["read"], ["read", "write"]] as const) {
      const view = toLinkView(row, { role: "owner", scopes });
      expect(linkViewSchema.strict().parse(view)).toEqual(view);
    }
    expect(toLinkView(row, { role: "owner", scopes: ["read"] }).allowedActions).toEqual([]);
    expect(toLinkView(row, { role: "owner", scopes: ["read", "write"] }).allowedActions).toContain("delete");
  });

  it("hands the private DNS name back first once it is on, and not before", () => {
    const view = toLinkView(row, { role: "owner", scopes: ["read"] });
    expect(view.dnsNames[0]).toBe("db.customer.example");
    expect(view).toMatchObject({ privateDns: true, privateDnsName: "db.customer.example" });
    expect(view.endpointAddresses.map((address) => address.privateIpAddress)).toEqual(["10.0.1.5", "10.0.2.7"]);
    const pending = toLinkView({ ...row, privateDnsEnabled: false }, { role: "owner", scopes: ["read"] });
    expect(pending).toMatchObject({ privateDns: true, privateDnsName: null });
    expect(pending.dnsNames).not.toContain("db.customer.example");
  });

  it("reads checks, DNS names and addresses of an older shape as empty, still in the schema's shape", () => {
    const view = toLinkView(
      { ...row, checks: { old: true }, dnsNames: null, lastError: null, endpointAddresses: {}, privateDnsEnabled: false },
      { role: "owner", scopes: ["read"] },
    );
    expect(view).toMatchObject({ checks: [], dnsNames: [], lastError: null, endpointAddresses: [] });
    expect(linkViewSchema.strict().parse(view)).toEqual(view);
  });

  it("gives the same view from a row as a JSON read brings it (PostgreSQL's timestamp text)", () => {
    const json = {
      ...JSON.parse(JSON.stringify(row)),
      createdAt: "2026-11-27T11:00:00.12+01:00",
      updatedAt: "2026-11-27T10:05:00+00:00",
      stateChangedAt: "2026-11-27T10:04:59.999+00:00",
      probedAt: "2026-11-27T11:06:00+01:00",
    };
    expect(toLinkView(linkViewRowOfJson(json), { role: "owner", scopes: ["read"] })).toEqual(toLinkView(row, { role: "owner", scopes: ["read"] }));
    const released = {
      ...row,
      state: "rejected" as const,
      releaseAt: new Date("2026-12-04T10:00:00.000Z"),
      endpointReleasedAt: new Date("2026-12-05T10:00:00.000Z"),
    };
    Object.assign(json, { state: "rejected", releaseAt: "2026-12-04T11:00:00+01:00", endpointReleasedAt: "2026-12-05T10:00:00+00:00" });
    expect(toLinkView(linkViewRowOfJson(json), { role: "owner", scopes: ["read"] })).toEqual(toLinkView(released, { role: "owner", scopes: ["read"] }));
  });

  it("says when our endpoint will be, or was, released, and offers Release now to an admin only while it is held", () => {
    const admin = { role: "admin", scopes: ["read", "write"] } as const;
    const due = toLinkView({ ...row, state: "rejected", releaseAt: new Date("2026-12-04T10:00:00.000Z") }, admin);
    expect(due).toMatchObject({ releaseAt: "2026-12-04T10:00:00.000Z", endpointReleasedAt: null });
    expect(due.allowedActions).toContain("release");
    expect(linkViewSchema.strict().parse(due)).toEqual(due);
    expect(toLinkView({ ...row, state: "rejected", releaseAt: new Date() }, on).allowedActions).not.toContain("release");
    const released = toLinkView({ ...row, state: "rejected", endpointReleasedAt: new Date("2026-12-05T10:00:00.000Z") }, admin);
    expect(released).toMatchObject({ releaseAt: null, endpointReleasedAt: "2026-12-05T10:00:00.000Z" });
    expect(released.allowedActions).not.toContain("release");
    expect(released.allowedActions).toContain("delete");
  });

  it("shows the last probe of an available link, and offers Test now", () => {
    const view = toLinkView(row, on);
    expect(view).toMatchObject({
      degraded: true,
      connectivity: { status: "degraded", checkedAt: "2026-11-27T10:06:00.000Z", nextCheckAt: "2026-11-27T10:11:00.000Z" },
    });
    expect(view.connectivity.targets[0]?.ports.map((port) => port.result)).toEqual(["timeout", "ok"]);
    expect(view.connectivity.diagnosis.map((finding) => finding.code)).toEqual(["zone_timeout"]);
    expect(view.allowedActions).toContain("probe");
    expect(linkViewSchema.strict().parse(view)).toEqual(view);
  });

  it("reads pending before the first probe, and off when probes are off or the link is not available", () => {
    expect(toLinkView({ ...row, probeStatus: null, probedAt: null, degraded: false }, on).connectivity).toEqual({
      status: "pending",
      checkedAt: null,
      nextCheckAt: "2026-11-27T10:11:00.000Z",
      targets: [],
      diagnosis: [],
    });
    for (const view of [toLinkView(row, off), toLinkView({ ...row, state: "disconnected" }, on), toLinkView({ ...row, endpointId: null }, on)]) {
      expect(view).toMatchObject({ degraded: false, connectivity: { status: "off", checkedAt: null, targets: [] } });
      expect(view.allowedActions).not.toContain("probe");
    }
  });
});
