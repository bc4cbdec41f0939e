import { describe, expect, it } from "vitest";
import { evaluateResourceChecks, type ResourceVerifyInput } from "@/lib/links/resource-checks";
import { RESOURCE_CHECK_NAMES } from "@/lib/links/schemas";

const ARN = "arn:aws:vpc-lattice:us-east-1:222222222222:resourceconfiguration/rcfg-0123456789abcdef0";

const proved: ResourceVerifyInput = {
  resourceConfigurationArn: ARN,
  region: "us-east-1",
  ports: [5432],
  vendorRegionOffered: true,
  vendorAccountId: "111111111111",
  proof: { roleName: "privatelink-proof-111111111111", externalId: "ext" },
  principalArn: "arn:aws:iam::111111111111:role/privatelink/org",
  ownerProof: "proved",
  isTakenElsewhere: false,
  share: { accepted: ["arn:aws:ram:us-east-1:222222222222:resource-share/1"], earlier: [] },
  configuration: { arn: ARN, type: "ARN", status: "ACTIVE", portRanges: ["5432"] },
};

const statusOf = (input: ResourceVerifyInput) => Object.fromEntries(evaluateResourceChecks(input).checks.map((c) => [c.name, c.status]));

describe("a resource link's checks", () => {
  it("passes a proved, free, shared, active configuration on the link's port, every check in order", () => {
    const verdict = evaluateResourceChecks(proved);
    expect(verdict.passed).toBe(true);
    expect(verdict.checks.map((c) => c.name)).toEqual([...RESOURCE_CHECK_NAMES]);
    expect(verdict.trust).toEqual({ serviceOwnerAccountId: "222222222222", allowlistScope: null, ownerProof: "proved" });
  });

  it.each(["undeclared", "unproved"] as const)("fails an %s owner and asks nothing of AWS after it", (ownerProof) => {
    const verdict = evaluateResourceChecks({ ...proved, ownerProof, share: null, configuration: null });
    expect(verdict.failure).toMatchObject({
      name: "owner_declared",
      detail: expect.stringContaining("resource configuration belongs to AWS account 222222222222"),
    });
    expect(statusOf({ ...proved, ownerProof, share: null, configuration: null })).toMatchObject({
      exclusive_service: "skipped",
      resource_share: "skipped",
      configuration_visible: "skipped",
    });
  });

  it("fails a configuration another organization holds", () => {
    expect(evaluateResourceChecks({ ...proved, isTakenElsewhere: true, share: null }).failure?.name).toBe("exclusive_service");
  });

  it("fails a configuration in another region, or a region we do not offer", () => {
    expect(evaluateResourceChecks({ ...proved, region: "eu-west-1" }).failure).toMatchObject({
      name: "region_offered",
      detail: expect.stringContaining("us-east-1"),
    });
    expect(evaluateResourceChecks({ ...proved, vendorRegionOffered: false }).failure?.name).toBe("region_offered");
  });

  it("says how to share a configuration we cannot read", () => {
    const failure = { kind: "permanent" as const, code: "ResourceNotFoundException", message: "not found" };
    expect(evaluateResourceChecks({ ...proved, configuration: { failure } }).failure).toMatchObject({
      name: "configuration_visible",
      detail: expect.stringContaining("Share it through AWS RAM with our AWS account 111111111111"),
      awsCode: "ResourceNotFoundException",
    });
  });

  it("fails a GROUP or inactive configuration, and one on none of the link's ports; warns on some", () => {
    expect(evaluateResourceChecks({ ...proved, configuration: { ...proved.configuration!, type: "GROUP" } as never }).failure?.name).toBe("configuration_type");
    expect(evaluateResourceChecks({ ...proved, configuration: { ...proved.configuration!, status: "CREATE_FAILED" } as never }).failure?.name).toBe(
      "configuration_type",
    );
    expect(evaluateResourceChecks({ ...proved, configuration: { ...proved.configuration!, portRanges: ["443"] } as never }).failure?.name).toBe("port_overlap");
    const some = evaluateResourceChecks({ ...proved, ports: [5432, 22], configuration: { ...proved.configuration!, portRanges: ["5000-6000"] } as never });
    expect(some.passed).toBe(true);
    expect(some.checks.find((c) => c.name === "port_overlap")).toMatchObject({ status: "warn", detail: expect.stringContaining("22 is not") });
  });
});
