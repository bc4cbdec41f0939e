import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { cliScript } from "@/lib/setup-kits/cli";
import { cloudFormationTemplate } from "@/lib/setup-kits/cloudformation";
import { kitFacts, type RegionRow } from "@/lib/setup-kits/facts";
import { setupKitQuerySchema } from "@/lib/setup-kits/query";
import { terraformModule } from "@/lib/setup-kits/terraform";

const subnets = (...ids: string[]) => ids.map((id, i) => ({ subnetId: `subnet-${i}`, availabilityZone: `x${i}`, availabilityZoneId: id }));
const REGIONS: RegionRow[] = [
  { region: "eu-west-1", subnets: subnets("euw1-az1", "euw1-az2"), cidrs: ["10.12.0.0/16"], ports: [443], crossRegionTo: ["us-east-1"], excludedAzIds: [] },
  {
    region: "us-east-1",
    subnets: subnets("use1-az1", "use1-az2", "use1-az3"),
    cidrs: ["10.10.0.0/16"],
    ports: [443, 5432],
    crossRegionTo: [],
    excludedAzIds: ["use1-az3"],
  },
  {
    region: "us-west-2",
    subnets: subnets("usw2-az1"),
    cidrs: ["10.11.0.0/16"],
    ports: [22],
    crossRegionTo: ["us-east-1", "ap-southeast-2"],
    excludedAzIds: [],
  },
];
const PRINCIPAL = "arn:aws:iam::111111111111:role/privatelink/acme";
const query = (raw: Record<string, string>) => setupKitQuerySchema.parse({ target: "ip", ...raw });

function invalidParam(fn: () => unknown): { name: string; reason: string } | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.invalidParams?.[0];
    throw error;
  }
  return undefined;
}

describe("a kit's facts", () => {
  it("our region: its AZ IDs less the excluded ones, and every other region that reaches it", () => {
    const facts = kitFacts(REGIONS, query({ region: "us-east-1" }), PRINCIPAL);
    expect(facts).toMatchObject({ availabilityZoneIds: ["use1-az1", "use1-az2"], supportedRegions: ["eu-west-1", "us-west-2"], ports: [22, 443, 5432] });
    expect(facts.cidrs).toEqual(["10.10.0.0/16", "10.12.0.0/16", "10.11.0.0/16"]);
  });

  it("an excluded AZ ID is never suggested, in any format", () => {
    const facts = kitFacts(REGIONS, query({ region: "us-east-1" }), PRINCIPAL);
    for (const render of [cloudFormationTemplate, terraformModule, cliScript]) expect(render(facts)).not.toContain("use1-az3");
  });

  it("a region we reach only cross-region: no AZ IDs, the reaching regions' ports and CIDRs", () => {
    expect(kitFacts(REGIONS, query({ region: "ap-southeast-2" }), PRINCIPAL)).toMatchObject({
      availabilityZoneIds: [],
      supportedRegions: ["us-west-2"],
      ports: [22],
      cidrs: ["10.11.0.0/16"],
    });
  });

  it("the customer picks among the region's ports", () => {
    expect(kitFacts(REGIONS, query({ region: "us-east-1", ports: "5432" }), PRINCIPAL).ports).toEqual([5432]);
    expect(invalidParam(() => kitFacts(REGIONS, query({ region: "eu-west-1", ports: "443,3306" }), PRINCIPAL))).toEqual({
      name: "ports",
      reason: "Choose among 443",
    });
  });

  it("a region we do not reach is refused, naming the ones we do", () => {
    expect(invalidParam(() => kitFacts(REGIONS, query({ region: "sa-east-1" }), PRINCIPAL))).toEqual({
      name: "region",
      reason: "Choose one of ap-southeast-2, eu-west-1, us-east-1, us-west-2",
    });
  });

  it.each([
    [{ region: "us-east-1", target: "lambda" }, "target"],
    [{ region: "nowhere", target: "ip" }, "region"],
    [{ region: "us-east-1", target: "ip", ports: "443;22" }, "ports"],
    [{ region: "us-east-1", target: "ip", ports: "0" }, "ports"],
    [{ region: "us-east-1", target: "ip", ports: "443,443" }, "ports"],
    [{ region: "us-east-1", target: "ip", s3GatewayEndpoint: "yes" }, "s3GatewayEndpoint"],
  ])("the query %o is refused naming %s", (raw, name) => {
    const result = setupKitQuerySchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([name]);
  });
});
