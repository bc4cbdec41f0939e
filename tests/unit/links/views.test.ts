import { describe, expect, it } from "vitest";
import { linkViewRowOfJson, linkViewSchema, toLinkView, type LinkViewRow } from "@/lib/links/views";

/** toLinkView is not parsed in production: these hold it to linkViewSchema, the documented shape. */

const row: LinkViewRow = {
  id: "6f1c0c4e-0000-4000-8000-000000000001",
  organizationId: "6f1c0c4e-0000-4000-8000-000000000002",
  name: "orders-db",
  serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
  serviceRegion: "us-east-1",
  region: "us-east-1",
  ports: [5432, 6432],
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
};

describe("toLinkView", () => {
  it("builds exactly linkViewSchema's shape, for a reader and a writer", () => {
    for (const scopes of [["read"], ["read", "write"]] as const) {
      const view = toLinkView(row, { role: "owner", scopes });
      expect(linkViewSchema.strict().parse(view)).toEqual(view);
    }
    expect(toLinkView(row, { role: "owner", scopes: ["read"] }).allowedActions).toEqual([]);
    expect(toLinkView(row, { role: "owner", scopes: ["read", "write"] }).allowedActions).toContain("delete");
  });

  it("reads checks and DNS names of an older shape as empty, still in the schema's shape", () => {
    const view = toLinkView({ ...row, checks: { old: true }, dnsNames: null, lastError: null }, { role: "owner", scopes: ["read"] });
    expect(view).toMatchObject({ checks: [], dnsNames: [], lastError: null });
    expect(linkViewSchema.strict().parse(view)).toEqual(view);
  });

  it("gives the same view from a row as a JSON read brings it (PostgreSQL's timestamp text)", () => {
    const json = {
      ...JSON.parse(JSON.stringify(row)),
      createdAt: "2026-11-27T11:00:00.12+01:00",
      updatedAt: "2026-11-27T10:05:00+00:00",
      stateChangedAt: "2026-11-27T10:04:59.999+00:00",
    };
    expect(toLinkView(linkViewRowOfJson(json), { role: "owner", scopes: ["read"] })).toEqual(toLinkView(row, { role: "owner", scopes: ["read"] }));
  });
});
