import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resourceCliScript } from "@/lib/setup-kits/resource-cli";
import { RESOURCE_KIT_INPUT as base, RESOURCE_KIT_VARIANTS as VARIANTS } from "@/tests/fixtures/kit-inputs";

const INPUTS = { "rds-arn": "RDS_ARN", domain: "DOMAIN_NAME", ip: "IP_ADDRESS" } as const;

let dir = "";

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "resource-cli-"));
  writeFileSync(path.join(dir, "aws"), `#!/bin/sh\necho called >> "${dir}/calls"\nexit 1\n`);
  chmodSync(path.join(dir, "aws"), 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The script run with bash and an `aws` that only records that it was called: what it refuses before any AWS call. */
function runUntilAws(input: typeof base, env: Record<string, string>): { code: number | null; stderr: string; calledAws: boolean } {
  rmSync(path.join(dir, "calls"), { force: true });
  const result = spawnSync("bash", ["-c", resourceCliScript(input)], { env: { ...process.env, PATH: `${dir}:/usr/bin:/bin`, ...env }, encoding: "utf8" });
  return { code: result.status, stderr: result.stderr, calledAws: existsSync(path.join(dir, "calls")) };
}

describe("the AWS CLI kit of a resource", () => {
  it.each(VARIANTS)("$name: bash that stops on the first error, inputs named at the top, the two ARNs last", ({ input }) => {
    const lines = resourceCliScript(input).trimEnd().split("\n");
    expect(lines[0]).toBe("#!/usr/bin/env bash");
    const strict = lines.indexOf("set -euo pipefail");
    expect(strict).toBeGreaterThan(0);
    const header = lines.slice(0, strict).join("\n");
    for (const name of ["NAME", "VPC_ID", "SUBNET_IDS", INPUTS[input.target]]) {
      expect(header).toMatch(new RegExp(`^#\\s+${name}\\s`, "m"));
      expect(lines).toContain(lines.find((line) => line.startsWith(`: "\${${name}:?`)));
    }
    // Every other line of output goes to stderr: stdout is the share's ARN, then the configuration's.
    expect(lines.slice(-2)).toEqual(['echo "$share_arn"', 'echo "$configuration_arn"']);
    expect(lines.filter((line) => /^\s*(echo|printf)\b/.test(line))).toEqual(['echo "$share_arn"', 'echo "$configuration_arn"']);
    expect(lines.filter((line) => !line.trimStart().startsWith("#") && /\baws .*<[a-z]/i.test(line))).toEqual([]);
    expect(lines.some((line) => line.includes("--port-ranges"))).toBe(input.target !== "rds-arn");
    expect(lines).toContain(`VENDOR_AZ_IDS=(${input.availabilityZoneIds.join(" ")})`);
    expect(lines).toContain(`MIN_ZONES=${Math.min(2, input.availabilityZoneIds.length)}`);
  });

  it("fills in our account, ports, AZ IDs and the zones the gateway needs", () => {
    const script = resourceCliScript(base);
    expect(script).toContain('VENDOR_ACCOUNT_ID="111111111111"');
    expect(script).toContain("PORTS=(443 5432)");
    expect(script).toContain("VENDOR_AZ_IDS=(use1-az1 use1-az2 use1-az3)");
    expect(script).toContain("MIN_ZONES=2");
    expect(script).toContain('--principals "$VENDOR_ACCOUNT_ID"');
    expect(script).toContain("--allow-external-principals");
  });

  it.each([
    ["domain", "--type SINGLE", '{\\"dnsResource\\":{\\"domainName\\":\\"$DOMAIN_NAME\\",\\"ipAddressType\\":\\"IPV4\\"}}'],
    ["ip", "--type SINGLE", '{\\"ipResource\\":{\\"ipAddress\\":\\"$IP_ADDRESS\\"}}'],
    ["rds-arn", "--type ARN", '{\\"arnResource\\":{\\"arn\\":\\"$RDS_ARN\\"}}'],
  ] as const)("%s: a configuration of %s defined by the input", (target, type, definition) => {
    const script = resourceCliScript({ ...base, target, ports: target === "rds-arn" ? [] : base.ports });
    expect(script).toContain(type);
    expect(script).toContain(`--resource-configuration-definition "${definition}"`);
    expect(script.includes("PORTS=")).toBe(target !== "rds-arn");
    expect(script.includes("--resource-config-dns-resolution")).toBe(target === "domain");
  });

  it("tags what it creates with NAME and looks for it first, so a second run creates only what is missing", () => {
    const lines = resourceCliScript(base).split("\n");
    const creates = lines.filter((line) => /aws \S+ (create-|associate-)/.test(line) && !line.trimStart().startsWith("#"));
    expect(creates.map((line) => line.match(/aws \S+ (\S+)/)![1])).toEqual([
      "create-security-group",
      "create-resource-gateway",
      "create-resource-configuration",
      "create-resource-share",
      "associate-resource-share",
      "associate-resource-share",
    ]);
    const script = lines.join("\n");
    expect(script).toContain('KIT_TAG="privatelink-portal:kit"');
    expect(script.match(/--tags "\$lattice_tags"/g)).toHaveLength(2);
    expect(script).toContain('--tags "$ram_tags"');
    expect(script).toContain('"ResourceType=security-group,Tags=[{Key=$KIT_TAG,Value=$NAME}]"');
    for (const lookup of ["list-resource-gateways", "list-resource-configurations", "Name=group-name,Values=$NAME-resource-gateway", "get-resource-shares"]) {
      expect(script.indexOf(lookup)).toBeLessThan(script.indexOf("create-security-group"));
    }
  });

  it.each([
    [{ NAME: "Orders" }, "error: NAME must be 3 to 40 lower-case letters, digits or single hyphens"],
    [{ NAME: "orders--db" }, "error: NAME must be 3 to 40 lower-case letters"],
    [{ NAME: "rgw-orders" }, "error: NAME must not start with rgw- or rcfg-"],
    [{ DOMAIN_NAME: "not a name" }, "error: DOMAIN_NAME must be the domain name of your resource"],
    [{ DNS_RESOLUTION: "PRIVATE" }, "error: DNS_RESOLUTION must be PUBLIC or IN_VPC"],
    [{ NAME: "" }, "NAME: Set NAME to a name for this resource"],
  ])("%o stops it before any AWS call", (env, message) => {
    const result = runUntilAws(base, { NAME: "orders-db", VPC_ID: "vpc-0", SUBNET_IDS: "subnet-0", DOMAIN_NAME: "orders.example.com", ...env });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(message);
    expect(result.calledAws).toBe(false);
  });

  it("an RDS ARN of another region stops it before any AWS call", () => {
    const input = { ...base, target: "rds-arn" as const, ports: [] };
    const env = { NAME: "orders-db", VPC_ID: "vpc-0", SUBNET_IDS: "subnet-0" };
    expect(runUntilAws(input, { ...env, RDS_ARN: "arn:aws:rds:eu-west-1:222222222222:db:orders" }).stderr).toContain("error: RDS_ARN must be the ARN");
    expect(runUntilAws(input, { ...env, RDS_ARN: "arn:aws:rds:us-east-1:222222222222:db:orders" }).calledAws).toBe(true);
  });
});
