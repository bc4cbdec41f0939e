import { describe, expect, it } from "vitest";
import { certificateNames, nameCovers, zoneOfName } from "@/lib/links/probes/names";

describe("zoneOfName", () => {
  it("reads the zone from AWS's zonal names, local zones included", () => {
    expect(zoneOfName("vpce-0abc123-xyz987-us-east-1a.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com")).toBe("us-east-1a");
    expect(zoneOfName("vpce-0abc-xyz-us-west-2-lax-1a.vpce-svc-0123456789abcdef0.us-west-2.vpce.amazonaws.com.")).toBe("us-west-2-lax-1a");
    expect(zoneOfName("VPCE-0ABC-XYZ-EU-WEST-1C.vpce-svc-0123456789abcdef0.eu-west-1.vpce.amazonaws.com")).toBe("eu-west-1c");
  });

  it("is null for a regional name or a name of another shape", () => {
    expect(zoneOfName("vpce-0abc-xyz.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com")).toBeNull();
    expect(zoneOfName("db.customer.example")).toBeNull();
    expect(zoneOfName("vpce-0abc-xyz-us-east-1.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com")).toBeNull();
  });
});

describe("nameCovers (RFC 6125)", () => {
  it("matches exact names case-insensitively, a trailing dot aside", () => {
    expect(nameCovers("DB.Customer.Example", "db.customer.example.")).toBe(true);
    expect(nameCovers("db.customer.example", "db2.customer.example")).toBe(false);
  });

  it("lets a whole left-most wildcard label stand for exactly one label", () => {
    expect(nameCovers("*.customer.example", "db.customer.example")).toBe(true);
    expect(nameCovers("*.customer.example", "a.db.customer.example")).toBe(false);
    expect(nameCovers("*.customer.example", "customer.example")).toBe(false);
    expect(
      nameCovers("*.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com", "vpce-0abc-xyz.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com"),
    ).toBe(true);
  });

  it("refuses partial, inner, and too broad wildcards", () => {
    expect(nameCovers("db*.customer.example", "db1.customer.example")).toBe(false);
    expect(nameCovers("db.*.example", "db.customer.example")).toBe(false);
    expect(nameCovers("*.example", "customer.example")).toBe(false);
    expect(nameCovers("*", "example")).toBe(false);
  });
});

describe("certificateNames", () => {
  it("takes the DNS subject alternative names, ignoring other kinds", () => {
    expect(certificateNames('DNS:db.customer.example, IP Address:10.0.0.1, DNS:"*.customer.example"', "CN=ignored")).toEqual([
      "db.customer.example",
      "*.customer.example",
    ]);
  });

  it("falls back to the common name only when there is no DNS name", () => {
    expect(certificateNames(undefined, "C=US\nO=Customer\nCN=db.customer.example")).toEqual(["db.customer.example"]);
    expect(certificateNames("IP Address:10.0.0.1", "CN=db.customer.example")).toEqual(["db.customer.example"]);
  });
});
