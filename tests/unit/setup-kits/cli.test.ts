import { describe, expect, it } from "vitest";
import { cliScript } from "@/lib/setup-kits/cli";
import { base, VARIANTS } from "./fixtures";

describe("the AWS CLI kit", () => {
  it.each(VARIANTS)("$name: bash that stops on the first error, inputs named at the top, the service name last", ({ input }) => {
    const lines = cliScript(input).trimEnd().split("\n");
    expect(lines[0]).toBe("#!/usr/bin/env bash");
    const strict = lines.indexOf("set -euo pipefail");
    expect(strict).toBeGreaterThan(0);
    const header = lines.slice(0, strict).join("\n");
    for (const name of ["NAME", "VPC_ID", "SUBNET_IDS", "TARGETS"]) {
      expect(header).toMatch(new RegExp(`^#\\s+${name}\\s`, "m"));
      expect(lines).toContain(lines.find((line) => line.startsWith(`: "\${${name}:?`)));
    }
    expect(lines.at(-1)).toBe('echo "$service_name"');
    // Every other line of output goes to stderr, so the service name is the only line on stdout.
    expect(lines.filter((line) => /^\s*(echo|printf)\b/.test(line))).toEqual(['echo "$service_name"']);
    expect(lines.filter((line) => !line.trimStart().startsWith("#") && /\baws .*<[a-z]/i.test(line))).toEqual([]);
    expect(lines.some((line) => line.includes("create-vpc-endpoint --region"))).toBe(input.s3GatewayEndpoint);
  });

  it("fills in our principal, ports, CIDRs, AZ IDs and supported regions", () => {
    const script = cliScript(base);
    expect(script).toContain(`PRINCIPAL_ARN="${base.principalArn}"`);
    expect(script).toContain("PORTS=(443 5432)");
    expect(script).toContain("VENDOR_CIDRS=(10.10.0.0/16 10.11.0.0/16)");
    expect(script).toContain("VENDOR_AZ_IDS=(use1-az1 use1-az2)");
    expect(script).toContain("SUPPORTED_REGIONS=(us-west-2)");
    expect(script).toContain("--target-type ip --health-check-protocol TCP");
    expect(script).toContain("Key=preserve_client_ip.enabled,Value=false Key=proxy_protocol_v2.enabled,Value=false");
    expect(script).toContain("--enforce-security-group-inbound-rules-on-private-link-traffic on");
  });

  it("tags what it creates with NAME and looks for it first, so a second run creates only what is missing", () => {
    const lines = cliScript({ ...base, s3GatewayEndpoint: true }).split("\n");
    const creates = lines.filter((line) => /aws \S+ (create-|authorize-)/.test(line) && !line.trimStart().startsWith("#"));
    expect(creates.map((line) => line.match(/aws \S+ (\S+)/)![1])).toEqual([
      "create-security-group",
      "authorize-security-group-ingress",
      "create-load-balancer",
      "create-target-group",
      "create-listener",
      "create-vpc-endpoint-service-configuration",
      "create-vpc-endpoint",
    ]);
    const script = lines.join("\n");
    expect(script).toContain('KIT_TAG="privatelink-portal:kit"');
    expect(script.match(/--tags "Key=\$KIT_TAG,Value=\$NAME"/g)).toHaveLength(3);
    expect(script.match(/--tag-specifications "ResourceType=[a-z-]+,\$tags"/g)).toHaveLength(3);
    // The lookups come before the first create.
    expect(script.indexOf("describe-load-balancers")).toBeLessThan(script.indexOf("create-security-group"));
    expect(script.indexOf("Name=group-name,Values=$NAME-nlb")).toBeLessThan(script.indexOf("create-security-group"));
  });

  it("checks the subnets' AZ IDs only when the region has ours, and refuses any subnet outside them", () => {
    expect(cliScript(base)).toContain("put the NLB only in subnets in ${VENDOR_AZ_IDS[*]}");
    expect(cliScript(base)).toContain("describe-subnets");
    expect(cliScript({ ...base, availabilityZoneIds: [] })).not.toContain("describe-subnets");
  });

  it("an ALB target: exactly one ARN, no target group attributes", () => {
    const script = cliScript({ ...base, target: "alb" });
    expect(script).toContain("TARGETS takes exactly one Application Load Balancer ARN");
    expect(script).not.toContain("modify-target-group-attributes");
    expect(script).toContain("--target-type alb");
  });
});
