import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization, principalArnOf, withLinkEngine } from "../fixtures/app";
import { createKey } from "../fixtures/callers";
import { call, HANDLERS } from "../api/api-helpers";
import { expectDocumented } from "../api/openapi-check";

/** GET /api/v1/setup-kits/{format}: the file, its type and name, and 422s naming the bad value. */

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
