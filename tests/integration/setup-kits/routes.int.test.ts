import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization, principalArnOf, withLinkEngine } from "../fixtures/app";
import { createKey } from "../fixtures/callers";
import { call, HANDLERS } from "../api/api-helpers";
import { expectDocumented } from "../api/openapi-check";

/** GET /api/v1/setup-kits/{format}: the file, its type and name, and 422s naming the bad value; for a service and for a resource. */

const { engine } = withLinkEngine();
let key = "";
let principalArn = "";

beforeAll(async () => {
  const { org } = await createOrganization();
  key = (await createKey({ organizationId: org.id, scopes: ["read"] })).key;
  principalArn = await principalArnOf(engine(), org.id);
  // us-east-1's vendor subnets are in use1-az1..az3 (docs/SANDBOX.md); az3 is one we tell customers to avoid.
  await engine().db.vendorRegion.update({ where: { region: "us-east-1" }, data: { excludedAzIds: ["use1-az3"], ports: [443, 5432] } });
});

async function kit(format: string, query: string) {
  const response = await call(HANDLERS.getSetupKit!, { method: "GET", path: `/api/v1/setup-kits/${format}?${query}`, params: { format }, caller: { key } });
  return { response, body: (await expectDocumented("getSetupKit", response)) as string | { invalidParams?: { name: string; reason: string }[] } };
}

describe("GET /api/v1/setup-kits/{format}", () => {
  it.each([
    ["cloudformation", "application/yaml; charset=utf-8", "privatelink-us-east-1-rds.yaml"],
    ["terraform", "text/plain; charset=utf-8", "privatelink-us-east-1-rds.tf"],
    ["cli", "text/x-shellscript; charset=utf-8", "privatelink-us-east-1-rds.sh"],
  ])("%s: the kit as a file, with our principal, the chosen ports and no excluded zone", async (format, contentType, fileName) => {
    const { response, body } = await kit(format, "region=us-east-1&target=rds&ports=5432&s3GatewayEndpoint=true");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(contentType);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${fileName}"`);
    expect(body).toContain(principalArn);
    expect(body).toContain("5432");
    expect(body).not.toContain("443");
    expect(body).toContain("use1-az1");
    expect(body).not.toContain("use1-az3");
    expect(body).toMatch(/s3/);
  });

  it("a service region we only reach cross-region: the reaching region supported, any zone", async () => {
    const { response, body } = await kit("cli", "region=us-west-2&target=ip");
    expect(response.status).toBe(200);
    expect(body).toContain("SUPPORTED_REGIONS=(us-east-1)");
    expect(body).not.toContain("VENDOR_AZ_IDS");
  });

  it("defaults to every port of the region and no S3 endpoint", async () => {
    const { body } = await kit("cli", "region=us-east-1&target=ip");
    expect(body).toContain("PORTS=(443 5432)");
    expect(body).not.toContain("com.amazonaws.$REGION.s3");
  });

  it.each([
    ["ftp", "region=us-east-1&target=ip", "format"],
    ["cli", "region=us-east-1&target=lambda", "target"],
    ["cli", "target=ip", "region"],
    ["cli", "region=ap-south-1&target=ip", "region"],
    ["cli", "region=us-east-1&target=ip&ports=22", "ports"],
    ["cli", "region=us-east-1&target=ip&ports=443,x", "ports"],
    ["cli", "region=us-east-1&target=ip&s3GatewayEndpoint=maybe", "s3GatewayEndpoint"],
  ])("/%s?%s is a 422 naming %s", async (format, query, name) => {
    const { response, body } = await kit(format, query);
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect((body as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name)).toEqual([name]);
  });
});

describe("GET /api/v1/setup-kits/{format}?kind=resource", () => {
  it.each([
    ["cloudformation", "application/yaml; charset=utf-8", "privatelink-us-east-1-resource-domain.yaml"],
    ["terraform", "text/plain; charset=utf-8", "privatelink-us-east-1-resource-domain.tf"],
    ["cli", "text/x-shellscript; charset=utf-8", "privatelink-us-east-1-resource-domain.sh"],
  ])("%s: the resource kit as a file, shared with our account, on the chosen ports, in no excluded zone", async (format, contentType, fileName) => {
    const { response, body } = await kit(format, "kind=resource&region=us-east-1&target=domain&ports=5432");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(contentType);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${fileName}"`);
    expect(body).toContain(principalArn.split(":")[4]);
    expect(body).not.toContain(principalArn);
    expect(body).toContain("5432");
    expect(body).not.toContain("443");
    expect(body).toContain("use1-az1");
    expect(body).not.toContain("use1-az3");
    expect(body).not.toMatch(/elbv2|ElasticLoadBalancingV2|aws_lb/);
  });

  it("rds-arn: a configuration of type ARN, with no ports", async () => {
    const { response, body } = await kit("cli", "kind=resource&region=us-east-1&target=rds-arn");
    expect(response.status).toBe(200);
    expect(body).toContain("--type ARN");
    expect(body).not.toContain("PORTS=");
  });

  it.each([
    ["cli", "kind=lattice&region=us-east-1&target=ip", "kind"],
    ["cli", "kind=resource&region=us-east-1&target=rds", "target"],
    ["cli", "kind=service&region=us-east-1&target=domain", "target"],
    ["cli", "region=us-east-1&target=rds-arn", "target"],
    ["cli", "kind=resource&region=us-east-1&target=ip&s3GatewayEndpoint=true", "s3GatewayEndpoint"],
    ["cli", "kind=resource&region=us-east-1&target=rds-arn&ports=5432", "ports"],
    ["cli", "kind=resource&region=us-east-1&target=ip&ports=22", "ports"],
    ["terraform", "kind=resource&region=us-west-2&target=ip", "region"],
  ])("/%s?%s is a 422 naming %s", async (format, query, name) => {
    const { response, body } = await kit(format, query);
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect((body as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name)).toEqual([name]);
  });

  it("says why the S3 option does not apply to a resource", async () => {
    const { body } = await kit("cli", "kind=resource&region=us-east-1&target=domain&s3GatewayEndpoint=true");
    expect((body as { invalidParams: { reason: string }[] }).invalidParams[0]!.reason).toBe(
      "The S3 gateway endpoint comes with kind=service kits only: leave it out for kind=resource",
    );
  });
});
