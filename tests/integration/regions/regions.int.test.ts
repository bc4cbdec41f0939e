import { spawn } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ec2Client } from "@/lib/aws/config";
import { discoverVendorNetwork, type VendorNetwork } from "@/lib/aws/network";
import { VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganization, withLinkEngine } from "../fixtures/app";
import { createAdminKey } from "../fixtures/callers";
import { appDatabaseUrl } from "../fixtures/database";
import { call, HANDLERS } from "../api/api-helpers";
import { expectDocumented } from "../api/openapi-check";

/** Regions as data: saved through the API (and the CLI), held to the sandbox AWS, audited; a refusal changes nothing. */
const { engine, sandbox } = withLinkEngine();
let admin = "";
let west: VendorNetwork;
let east: VendorNetwork;

beforeAll(async () => {
  admin = await createAdminKey();
  west = await discoverVendorNetwork(ec2Client(engine().aws, "us-west-2"));
  east = await discoverVendorNetwork(ec2Client(engine().aws, "us-east-1"));
});

async function save(region: string, body: unknown) {
  const response = await call(HANDLERS.saveRegion!, {
    method: "PATCH",
    path: `/api/v1/admin/regions/${region}`,
    params: { region },
    body,
    caller: { key: admin },
  });
  return { status: response.status, body: (await expectDocumented("saveRegion", response)) as Record<string, unknown> };
}

const stored = (region: string) => engine().db.vendorRegion.findUnique({ where: { region } });

describe("regions through /api/v1/admin/regions", () => {
  it("sets up a new region from named ids: AZ IDs as AWS answers them, CIDRs defaulting to the VPC's block, audited", async () => {
    const subnetIds = west.subnets.slice(0, 2).map((s) => s.subnetId);
    const saved = await save("us-west-2", {
      vpcId: west.vpcId,
      subnetIds,
      securityGroupIds: west.securityGroupIds,
      ports: [443],
      excludedAzIds: [west.subnets[1]!.availabilityZoneId],
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      region: "us-west-2",
      isOffered: true,
      subnets: west.subnets.slice(0, 2),
      cidrs: [west.cidrBlock],
      offeredAzIds: [west.subnets[0]!.availabilityZoneId],
    });
    const audit = await engine().db.auditLog.findFirstOrThrow({ where: { action: "region.create", targetId: "us-west-2" } });
    expect(audit).toMatchObject({ actorType: "api_key", organizationId: null, metadata: { before: null, after: { vpcId: west.vpcId, subnetIds } } });

    const listed = await call(HANDLERS.adminListRegions!, { method: "GET", path: "/api/v1/admin/regions", caller: { key: admin } });
    const regions = (await expectDocumented("adminListRegions", listed)) as { data: { region: string }[] };
    expect(regions.data.map((r) => r.region)).toEqual(["eu-west-1", "us-east-1", "us-west-2"]);
  });

  it("refuses a subnet of another region, naming it, and changes nothing", async () => {
    const before = await stored("us-east-1");
    const wrong = west.subnets[0]!.subnetId;
    const refused = await save("us-east-1", { subnetIds: [east.subnets[0]!.subnetId, wrong] });
    expect(refused.status).toBe(422);
    expect(refused.body.invalidParams).toEqual([{ name: "subnetIds", reason: `AWS knows no subnet ${wrong} in us-east-1 in the vendor account.` }]);
    expect(await stored("us-east-1")).toEqual(before);
  });

  it("refuses exclusions of zones it does not have, and excluding every zone", async () => {
    const oneZone = await save("us-east-1", { excludedAzIds: ["use1-az9"] });
    expect(oneZone.status).toBe(422);
    expect(oneZone.body.invalidParams).toEqual([{ name: "excludedAzIds", reason: expect.stringContaining("use1-az9: not the zone of any of these subnets") }]);
    const all = await save("us-east-1", { excludedAzIds: east.subnets.map((s) => s.availabilityZoneId) });
    expect(all.status).toBe(422);
    expect(all.body.invalidParams).toEqual([{ name: "excludedAzIds", reason: expect.stringContaining("Every zone is excluded") }]);
  });

  it("offers any port 1 to 65535, naming each bad one, and changes nothing on a refusal", async () => {
    const saved = await save("us-east-1", { ports: [22, 443, 5432, 65535] });
    expect(saved.status).toBe(200);
    expect(saved.body.ports).toEqual([22, 443, 5432, 65535]);
    const before = await stored("us-east-1");
    const bad = await save("us-east-1", { ports: [22, 0, 65536, 2.5, "ssh"] });
    expect(bad.status).toBe(422);
    expect(bad.body.invalidParams).toEqual([
      { name: "ports.1", reason: "0 is not a port: ports are 1 to 65535" },
      { name: "ports.2", reason: "65536 is not a port: ports are 1 to 65535" },
      { name: "ports.3", reason: "2.5 is not a port: ports are whole numbers 1 to 65535" },
      { name: "ports.4", reason: "ssh is not a port: ports are numbers 1 to 65535" },
    ]);
    expect((await save("us-east-1", { ports: [22, 22] })).body.invalidParams).toEqual([{ name: "ports", reason: "Name each port once" }]);
    expect(await stored("us-east-1")).toEqual(before);
  });

  it("asks a new region for what it lacks, field by field", async () => {
    const refused = await save("ap-south-1", { ports: [443] });
    expect(refused.status).toBe(422);
    expect((refused.body.invalidParams as { name: string }[]).map((p) => p.name)).toEqual(["vpcId", "subnetIds", "securityGroupIds"]);
    expect(await stored("ap-south-1")).toBeNull();
  });

  it("keeps a region with live links, and removes one without", async () => {
    const { org } = await createOrganization();
    await engine().db.link.create({
      data: {
        organizationId: org.id,
        name: "db",
        serviceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0aaaaaaaaaaaaaaaa",
        serviceRegion: "eu-west-1",
        region: "eu-west-1",
        ports: [5432],
        state: "available",
      },
    });
    const remove = (region: string) =>
      call(HANDLERS.removeRegion!, { method: "DELETE", path: `/api/v1/admin/regions/${region}`, params: { region }, caller: { key: admin } });
    const kept = await remove("eu-west-1");
    expect(kept.status).toBe(409);
    expect(await stored("eu-west-1")).not.toBeNull();
    expect((await remove("us-west-2")).status).toBe(200);
    expect(await stored("us-west-2")).toBeNull();
    expect((await remove("us-west-2")).status).toBe(404);
  });
});

describe("npm run regions", () => {
  const cli = (args: string[]) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve("scripts/regions.ts"), ...args], {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATABASE_URL: appDatabaseUrl(),
          AWS_ENDPOINT_URL: sandbox().url,
          AWS_ACCESS_KEY_ID: VENDOR.accessKeyId,
          AWS_SECRET_ACCESS_KEY: VENDOR.secretAccessKey,
          AWS_REGION: "us-east-1",
          LOG_LEVEL: "silent",
        } as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv,
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
      child.once("exit", (code) => resolve({ code, output }));
    });

  it("sets a region up with checked ids, refuses a wrong one by name, lists the coverage", async () => {
    const flags = [
      "--vpc",
      west.vpcId,
      "--subnet",
      west.subnets.map((s) => s.subnetId).join(","),
      "--security-group",
      west.securityGroupIds[0]!,
      "--port",
      "5432",
    ];
    const set = await cli(["set", "us-west-2", ...flags, "--exclude-az", west.subnets[2]!.availabilityZoneId]);
    expect(set.code, set.output).toBe(0);
    expect(set.output).toContain("region us-west-2 saved");
    expect(set.output).toMatch(new RegExp(`AZ-ID coverage +${west.subnets[0]!.availabilityZoneId}`));

    const wrong = await cli(["set", "us-west-2", "--subnet", east.subnets[0]!.subnetId]);
    expect(wrong.code).toBe(1);
    expect(wrong.output).toContain(`subnetIds: AWS knows no subnet ${east.subnets[0]!.subnetId} in us-west-2 in the vendor account.`);

    const list = await cli(["list", "--json"]);
    expect(list.code, list.output).toBe(0);
    const regions = JSON.parse(list.output.slice(list.output.indexOf("["))) as { region: string; ports: number[] }[];
    expect(regions.find((r) => r.region === "us-west-2")?.ports).toEqual([5432]);
    const audit = await engine().db.auditLog.findFirstOrThrow({ where: { action: "region.create", targetId: "us-west-2", actorType: "system" } });
    expect(audit.requestId).toMatch(/^cli-regions-/);
  }, 60_000);
});
