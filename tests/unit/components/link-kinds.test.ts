import { describe, expect, it } from "vitest";
import { configurationHintOf, readConfigurationArn, readServiceName } from "@/components/links/link-target-fields";
import { regionHintOf, registerInputOf } from "@/components/links/register-link-form";
import { kitQueryOf } from "@/components/links/setup-kit";
import type { AwsAccount } from "@/lib/api-client/client";
import { createLinkInputSchema } from "@/lib/links/schemas";

const ARN = "arn:aws:vpc-lattice:us-east-1:222222222222:resourceconfiguration/rcfg-0123456789abcdef0";
const SHARE = "arn:aws:ram:us-east-1:222222222222:resource-share/7f0b6c1e-3a52-4c1d-9f55-0a1b2c3d4e5f";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe("the register form's values", () => {
  const common: [string, string][] = [
    ["name", "orders-db"],
    ["region", "us-east-1"],
    ["ports", "5432"],
  ];

  it("make a resource link's input with the configuration ARN, and leave an empty share ARN out", () => {
    const input = registerInputOf(form([["kind", "resource"], ...common, ["resourceConfigurationArn", ARN], ["resourceShareArn", " "]]));
    expect(createLinkInputSchema.parse(input)).toEqual({
      kind: "resource",
      name: "orders-db",
      region: "us-east-1",
      ports: [5432],
      resourceConfigurationArn: ARN,
    });
    const shared = registerInputOf(form([["kind", "resource"], ...common, ["resourceConfigurationArn", ARN], ["resourceShareArn", SHARE]]));
    expect(createLinkInputSchema.parse(shared)).toMatchObject({ resourceShareArn: SHARE });
  });

  it("refuse a malformed ARN by its field, with the API's own message", () => {
    const result = createLinkInputSchema.safeParse(registerInputOf(form([["kind", "resource"], ...common, ["resourceConfigurationArn", "rcfg-1"]])));
    expect(result.error?.issues[0]).toMatchObject({
      path: ["resourceConfigurationArn"],
      message: expect.stringMatching(/^Expected a resource configuration ARN/),
    });
  });

  it("make a service link's input, private DNS off unless ticked", () => {
    const name = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
    expect(createLinkInputSchema.parse(registerInputOf(form([["kind", "service"], ...common, ["serviceName", name]])))).toEqual({
      kind: "service",
      name: "orders-db",
      region: "us-east-1",
      ports: [5432],
      serviceName: name,
      privateDns: false,
    });
  });
});

describe("the register form's fields as they are typed", () => {
  it("read a configuration ARN's region and owner, and judge a short one only once the field is left", () => {
    expect(readConfigurationArn(` ${ARN} `, false)).toEqual({ error: undefined, region: "us-east-1", accountId: "222222222222" });
    expect(readConfigurationArn("arn:aws:vpc-lattice:us-east-1", false)).toEqual({});
    expect(readConfigurationArn("arn:aws:vpc-lattice:us-east-1", true).error).toMatch(/^Expected a resource configuration ARN/);
    expect(readServiceName("com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0", false).region).toBe("eu-west-1");
  });

  it("say whether the configuration's owner account is proved, declared only, or unknown", () => {
    const reading = { region: "us-east-1", accountId: "222222222222" };
    const account = (proof: AwsAccount["proof"]) => [{ accountId: "222222222222", proof }] as AwsAccount[];
    expect(configurationHintOf({}, undefined)).toMatch(/^From the VPC console/);
    expect(configurationHintOf(reading, undefined)).toBe("✓ A resource configuration in us-east-1, owned by account 222222222222.");
    expect(configurationHintOf(reading, account("proved"))).toBe(
      "✓ A resource configuration in us-east-1, owned by account 222222222222, which your organization proved.",
    );
    expect(configurationHintOf(reading, account("unproved"))).toMatch(/: declared but not proved yet\. Prove it on the Setup page/);
    expect(configurationHintOf(reading, [])).toMatch(/which your organization has not declared: add and prove it/);
  });

  it("hold a resource link to its configuration's region, where a service may be cross-region", () => {
    const facts = { region: "us-east-1", allowsCrossRegion: true, isOffered: (r: string) => r !== "ap-south-1" };
    expect(regionHintOf({ ...facts, kind: "resource", targetRegion: "us-west-2" })).toBe(
      "Your configuration is in us-west-2: a resource link reaches its own region only, so choose us-west-2.",
    );
    expect(regionHintOf({ ...facts, kind: "resource", targetRegion: "ap-south-1" })).toMatch(/^We do not offer ap-south-1/);
    expect(regionHintOf({ ...facts, kind: "resource", targetRegion: "us-east-1" })).toBe("Same region as your configuration.");
    expect(regionHintOf({ ...facts, kind: "service", targetRegion: "us-west-2" })).toMatch(
      /^Cross-region: we connect from us-east-1 to your service in us-west-2/,
    );
    expect(regionHintOf({ ...facts, allowsCrossRegion: false, kind: "service", targetRegion: "us-west-2" })).toMatch(
      /^Your plan does not include cross-region/,
    );
  });
});

describe("the Setup page's kit query", () => {
  const choices = { region: "us-east-1", target: "ip" as const, resourceTarget: "rds-arn" as const, ports: [443, 5432], s3: false };

  it("asks a resource kit without ports for an RDS ARN, and without the S3 endpoint", () => {
    expect(kitQueryOf({ ...choices, kind: "resource" })).toEqual({ kind: "resource", region: "us-east-1", target: "rds-arn" });
    expect(kitQueryOf({ ...choices, kind: "resource", resourceTarget: "domain" })).toEqual({
      kind: "resource",
      region: "us-east-1",
      target: "domain",
      ports: "443,5432",
    });
  });

  it("asks a service kit as it always did", () => {
    expect(kitQueryOf({ ...choices, kind: "service", s3: true })).toEqual({ region: "us-east-1", target: "ip", ports: "443,5432", s3GatewayEndpoint: "true" });
  });
});
