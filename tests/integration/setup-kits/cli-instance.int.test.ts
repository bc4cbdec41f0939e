import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { CUSTOMER_A } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganizationWithKey, withLinkEngine } from "../fixtures/app";
import { withTempDir } from "../fixtures/temp-dir";
import { customerEnv, customerVpc, downloadCliKit, runScript, SERVICE_NAME, type Subnet } from "./cli-kit";
import { hasTool, toolTitle } from "./tools";

/**
 * The `instance` kit on port 22 (an SSH bastion behind an internal NLB in two zones) through the
 * AWS CLI against the sandbox, and a region's excluded zone refused before anything is made. The
 * region row is given the ports and zones each case needs.
 */

const { engine, sandbox } = withLinkEngine();
const home = withTempDir("setup-kits-instance-");
const canRun = hasTool("bash") && hasTool("aws");
const BASTIONS = ["i-0123456789abcdef0", "i-0fedcba9876543210"];

let key = "";
let vpcId = "";
let subnets: Subnet[] = [];

beforeAll(async () => {
  ({ key } = await createOrganizationWithKey({ approvalMode: "automatic" }));
  ({ vpcId, subnets } = await customerVpc(sandbox()));
});

const env = (name: string, subnetIds = subnets.map((s) => s.subnetId)) =>
  customerEnv(sandbox(), home, { NAME: name, VPC_ID: vpcId, SUBNET_IDS: subnetIds.join(","), TARGETS: BASTIONS.join(",") });

describe("the instance kit on port 22", () => {
  it.skipIf(!canRun)(
    toolTitle("aws", "a TCP listener on 22 to instance targets, TCP health checks on 22, our CIDRs admitted on 22, the NLB in both shared zones"),
    async () => {
      await engine().db.vendorRegion.update({ where: { region: "us-east-1" }, data: { ports: [22, 5432], excludedAzIds: [] } });
      const kit = await downloadCliKit(key, home, "region=us-east-1&target=instance&ports=22");
      const script = readFileSync(kit, "utf8");
      expect(script).toContain("PORTS=(22)");
      expect(script).not.toMatch(/TLS|HTTPS|443/);
      const vendorCidrs = script.match(/^VENDOR_CIDRS=\((.*)\)$/m)![1]!.split(" ");

      const result = await runScript(kit, env("bastion"));
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.trim()).toMatch(SERVICE_NAME);

      const { elbv2, securityGroups } = sandbox().state;
      const nlb = [...elbv2.loadBalancers.values()].find((lb) => lb.ownerId === CUSTOMER_A.accountId && lb.name === "bastion")!;
      expect(nlb).toMatchObject({ type: "network", scheme: "internal", enforcePrivateLinkInbound: "on" });
      expect(nlb.subnetIds.sort()).toEqual(subnets.map((s) => s.subnetId).sort());
      expect(new Set(subnets.map((s) => s.zoneId))).toEqual(new Set(["use1-az2", "use1-az3"]));
      const listeners = [...elbv2.listeners.values()].filter((l) => l.loadBalancerArn === nlb.arn);
      expect(listeners.map((l) => [l.protocol, l.port])).toEqual([["TCP", 22]]);
      const group = elbv2.targetGroups.get(listeners[0]!.targetGroupArns[0]!)!;
      expect(group).toMatchObject({ name: "bastion-22", protocol: "TCP", port: 22, targetType: "instance" });
      expect(group.healthCheck).toMatchObject({ enabled: true, protocol: "TCP", port: "traffic-port" });
      expect(group.targets.map((t) => `${t.id}:${t.port}`).sort()).toEqual(BASTIONS.map((id) => `${id}:22`));
      const sg = securityGroups.get(nlb.securityGroupIds[0]!)!;
      const inbound = sg.rules.filter((r) => !r.isEgress).map((r) => `${r.ipProtocol} ${r.cidrIpv4}:${r.fromPort}-${r.toPort}`);
      expect(inbound.sort()).toEqual(vendorCidrs.map((cidr) => `tcp ${cidr}:22-22`).sort());
    },
    300_000,
  );

  it.skipIf(!canRun)(
    toolTitle("aws", "a subnet in a zone the region excludes stops the kit before it creates anything"),
    async () => {
      await engine().db.vendorRegion.update({ where: { region: "us-east-1" }, data: { ports: [22, 5432], excludedAzIds: ["use1-az3"] } });
      const kit = await downloadCliKit(key, home, "region=us-east-1&target=instance&ports=22");
      expect(readFileSync(kit, "utf8")).toContain("VENDOR_AZ_IDS=(use1-az1 use1-az2)");
      const excluded = subnets.find((s) => s.zoneId === "use1-az3")!;

      const result = await runScript(kit, env("excluded"));
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`error: ${excluded.subnetId} is in use1-az3; put the NLB only in subnets in use1-az1 use1-az2`);
      const { elbv2, securityGroups } = sandbox().state;
      expect([...elbv2.loadBalancers.values()].some((lb) => lb.name === "excluded")).toBe(false);
      expect([...securityGroups.values()].some((g) => g.groupName === "excluded-nlb")).toBe(false);
    },
    120_000,
  );
});
