import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { resourceKitFacts, type RegionRow } from "@/lib/setup-kits/facts";
import { setupKitQuerySchema } from "@/lib/setup-kits/query";
import { accountOfPrincipal } from "@/lib/setup-kits/resource-kit";

const subnets = (...ids: string[]) => ids.map((id, i) => ({ subnetId: `subnet-${i}`, availabilityZone: `x${i}`, availabilityZoneId: id }));
const REGIONS: RegionRow[] = [
  {
    region: "us-east-1",
    subnets: subnets("use1-az1", "use1-az2", "use1-az3"),
    cidrs: ["10.10.0.0/16"],
    ports: [443, 5432],
    crossRegionTo: ["ap-southeast-2"],
    excludedAzIds: ["use1-az3"],
  },
  { region: "eu-west-1", subnets: subnets("euw1-az1"), cidrs: ["10.12.0.0/16"], ports: [5432], crossRegionTo: [], excludedAzIds: ["euw1-az1"] },
];
const PRINCIPAL = "arn:aws:iam::111111111111:role/privatelink/acme";
const query = (raw: Record<string, string>) => setupKitQuerySchema.parse({ kind: "resource", region: "us-east-1", target: "domain", ...raw });

function invalidParam(fn: () => unknown): { name: string; reason: string } | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.invalidParams?.[0];
    throw error;
  }
  return undefined;
}

describe("a resource kit's query", () => {
  it("kind is service unless asked, so every earlier query means what it meant", () => {
    expect(setupKitQuerySchema.parse({ region: "us-east-1", target: "ip" })).toEqual({
      kind: "service",
      region: "us-east-1",
      target: "ip",
      s3GatewayEndpoint: false,
    });
    expect(setupKitQuerySchema.parse({ kind: "resource", region: "us-east-1", target: "rds-arn" })).toMatchObject({ kind: "resource", target: "rds-arn" });
    expect(setupKitQuerySchema.parse({ kind: "resource", region: "us-east-1", target: "ip", s3GatewayEndpoint: "false" }).s3GatewayEndpoint).toBe(false);
  });

  it.each([
    [{ kind: "lattice", target: "ip" }, "kind"],
    [{ kind: "resource", target: "rds" }, "target"],
    [{ kind: "resource", target: "alb" }, "target"],
    [{ target: "domain" }, "target"],
    [{ kind: "service", target: "rds-arn" }, "target"],
    [{ kind: "resource", target: "domain", s3GatewayEndpoint: "true" }, "s3GatewayEndpoint"],
    [{ kind: "resource", target: "rds-arn", ports: "5432" }, "ports"],
  ])("the query %o is refused naming %s", (raw, name) => {
    const result = setupKitQuerySchema.safeParse({ region: "us-east-1", ...raw });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([[name]]);
  });

  it("says why a target or the S3 option does not fit the kind", () => {
    const messages = (raw: Record<string, string>) => setupKitQuerySchema.safeParse({ region: "us-east-1", ...raw }).error?.issues.map((i) => i.message);
    expect(messages({ kind: "resource", target: "rds" })).toEqual(["A resource kit's target is one of rds-arn, domain, ip; rds needs kind=service"]);
    expect(messages({ kind: "resource", target: "ip", s3GatewayEndpoint: "true" })).toEqual([
      "The S3 gateway endpoint comes with kind=service kits only: leave it out for kind=resource",
    ]);
  });
});

describe("a resource kit's facts", () => {
  it("our account (the principal's), our AZ IDs less the excluded ones, the region's ports", () => {
    expect(resourceKitFacts(REGIONS, query({}), PRINCIPAL)).toEqual({
      vendorAccountId: "111111111111",
      region: "us-east-1",
      target: "domain",
      ports: [443, 5432],
      availabilityZoneIds: ["use1-az1", "use1-az2"],
    });
  });

  it("the customer picks among the region's ports; an RDS database by ARN takes none", () => {
    expect(resourceKitFacts(REGIONS, query({ target: "ip", ports: "5432" }), PRINCIPAL).ports).toEqual([5432]);
    expect(resourceKitFacts(REGIONS, query({ target: "rds-arn" }), PRINCIPAL).ports).toEqual([]);
    expect(invalidParam(() => resourceKitFacts(REGIONS, query({ ports: "22" }), PRINCIPAL))).toEqual({ name: "ports", reason: "Choose among 443, 5432" });
  });

  it("only our own regions: a resource endpoint is in its configuration's region, so a region we reach only cross-region is refused", () => {
    expect(invalidParam(() => resourceKitFacts(REGIONS, query({ region: "ap-southeast-2" }), PRINCIPAL))).toEqual({
      name: "region",
      reason: "Choose one of eu-west-1, us-east-1",
    });
    expect(invalidParam(() => resourceKitFacts(REGIONS, query({ region: "eu-west-1" }), PRINCIPAL))).toEqual({
      name: "region",
      reason: "Choose another region",
    });
  });

  it("the account is the one in the principal's ARN", () => {
    expect(accountOfPrincipal("arn:aws-us-gov:iam::123456789012:role/x")).toBe("123456789012");
    expect(() => accountOfPrincipal("")).toThrow(/names no account/);
  });
});
