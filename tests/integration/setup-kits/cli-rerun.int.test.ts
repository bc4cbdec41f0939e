import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { faultSchema } from "@privatelink-portal/sandbox-aws/faults";
import { CUSTOMER_A } from "@privatelink-portal/sandbox-aws/testing";
import { KIT_TAG_KEY } from "@/lib/setup-kits/kit";
import { createOrganizationWithKey, withLinkEngine } from "../fixtures/app";
import { withTempDir } from "../fixtures/temp-dir";
import { customerEnv, customerVpc, downloadCliKit, runScript, SERVICE_NAME, type Subnet } from "./cli-kit";
import { hasTool, run, toolTitle, type Run } from "./tools";

/**
 * The AWS CLI kit run again in one VPC, as the sandbox's customer: the same NAME finds what the
 * earlier run made and ends with the same service, a run stopped halfway is finished by the next
 * one, another NAME makes a second set, and a name taken by something else stops the kit before
 * it creates anything.
 */

const { sandbox } = withLinkEngine();
const home = withTempDir("setup-kits-rerun-");
const canRun = hasTool("bash") && hasTool("aws");

let key = "";
let vpcId = "";
let subnets: Subnet[] = [];
let kit = "";
let vendorCidrs: string[] = [];

beforeAll(async () => {
  ({ key } = await createOrganizationWithKey({ approvalMode: "automatic" }));
  ({ vpcId, subnets } = await customerVpc(sandbox()));
  kit = await downloadCliKit(key, home, "region=us-east-1&target=ip&s3GatewayEndpoint=true");
  vendorCidrs = readFileSync(kit, "utf8")
    .match(/^VENDOR_CIDRS=\((.*)\)$/m)![1]!
    .split(" ");
});

function runKit(name: string, extra: Record<string, string> = {}): Promise<Run> {
  const targets = subnets[0]!.cidr.replace(/0\/20$/, "10");
  // One attempt per call, so an injected fault stops the run at once instead of being retried away.
  const env = { NAME: name, VPC_ID: vpcId, SUBNET_IDS: subnets.map((s) => s.subnetId).join(","), TARGETS: targets, AWS_MAX_ATTEMPTS: "1", ...extra };
  return runScript(kit, customerEnv(sandbox(), home, env));
}

const isOurs = (r: { ownerId: string }) => r.ownerId === CUSTOMER_A.accountId;

/** Everything of customer A's that a run with `name` made, by its tag, as the sandbox holds it. */
function made(name: string) {
  const { elbv2, services, securityGroups, endpoints } = sandbox().state;
  const tagged = (r: { tags: { key: string; value: string }[] }) => r.tags.some((t) => t.key === KIT_TAG_KEY && t.value === name);
  const loadBalancers = [...elbv2.loadBalancers.values()].filter((lb) => isOurs(lb) && lb.name === name);
  return {
    loadBalancers: loadBalancers.map((lb) => ({ arn: lb.arn, tagged: tagged(lb), securityGroups: lb.securityGroupIds.length })),
    targetGroups: [...elbv2.targetGroups.values()]
      .filter((tg) => isOurs(tg) && tg.name.startsWith(`${name}-`))
      .map((tg) => ({ name: tg.name, tagged: tagged(tg), targets: tg.targets.length })),
    listeners: [...elbv2.listeners.values()].filter((l) => loadBalancers.some((lb) => lb.arn === l.loadBalancerArn)).map((l) => l.port),
    securityGroups: [...securityGroups.values()]
      .filter((g) => isOurs(g) && g.groupName === `${name}-nlb`)
      .map((g) => ({ id: g.groupId, tagged: tagged(g), inbound: g.rules.filter((r) => !r.isEgress).map((r) => `${r.cidrIpv4}:${r.fromPort}`) })),
    services: [...services.values()]
      .filter((s) => loadBalancers.some((lb) => s.loadBalancerArns.includes(lb.arn)))
      .map((s) => ({ name: s.serviceName, tagged: tagged(s), principals: s.permissions.length })),
    s3GatewayEndpoints: [...endpoints.values()].filter((e) => isOurs(e) && e.type === "Gateway" && e.state !== "deleted").length,
  };
}

function expectDone(result: Run): string {
  expect(result.code, result.stderr).toBe(0);
  const serviceName = result.stdout.trim();
  expect(serviceName).toMatch(SERVICE_NAME);
  return serviceName;
}

function expectWhole(name: string, serviceName: string) {
  const state = made(name);
  expect(state.loadBalancers).toEqual([{ arn: expect.any(String), tagged: true, securityGroups: 1 }]);
  expect(state.targetGroups).toEqual([{ name: `${name}-5432`, tagged: true, targets: 1 }]);
  expect(state.listeners).toEqual([5432]);
  expect(state.securityGroups).toHaveLength(1);
  expect(state.securityGroups[0]!.tagged).toBe(true);
  expect(state.securityGroups[0]!.inbound.sort()).toEqual(vendorCidrs.map((cidr) => `${cidr}:5432`).sort());
  expect(state.services).toEqual([{ name: serviceName, tagged: true, principals: 1 }]);
  expect(state.s3GatewayEndpoints).toBe(1);
}

describe("the AWS CLI kit, run again", () => {
  it.skipIf(!canRun)(
    toolTitle("aws", "the same NAME changes nothing and ends with the same service; another NAME makes a second set"),
    async () => {
      const first = expectDone(await runKit("orders"));
      expectWhole("orders", first);
      const before = made("orders");

      const again = await runKit("orders");
      expect(expectDone(again)).toBe(first);
      expect(made("orders")).toEqual(before);
      expect(again.stderr).not.toMatch(/creating|admitting|allowing/);

      const second = expectDone(await runKit("billing"));
      expect(second).not.toBe(first);
      expectWhole("billing", second);
      expect(made("orders")).toEqual(before);
    },
    300_000,
  );

  it.skipIf(!canRun)(
    toolTitle("aws", "a run stopped halfway (security group, load balancer and listeners made; no service yet) is finished by the next run"),
    async () => {
      const faults = sandbox().runtime.faults;
      faults.add([faultSchema.parse({ action: "CreateVpcEndpointServiceConfiguration", accountId: CUSTOMER_A.accountId, errorRate: 1, errorStatus: 500 })]);
      const stopped = await runKit("ledger");
      faults.clear();
      expect(stopped.code).not.toBe(0);
      expect(made("ledger")).toMatchObject({ loadBalancers: [{ tagged: true }], listeners: [5432], services: [], securityGroups: [{ tagged: true }] });

      expectWhole("ledger", expectDone(await runKit("ledger")));
    },
    300_000,
  );

  it.skipIf(!canRun)(
    toolTitle("aws", "a NAME whose load balancer or security group the kit did not make stops it before it creates anything"),
    async () => {
      const aws = (...args: string[]) => run("aws", ["--region", "us-east-1", ...args], { env: customerEnv(sandbox(), home) });
      const subnetIds = subnets.map((s) => s.subnetId);
      const nlb = await aws("elbv2", "create-load-balancer", "--name", "theirs", "--type", "network", "--scheme", "internal", "--subnets", ...subnetIds);
      expect(nlb.code, nlb.stderr).toBe(0);
      const group = await aws("ec2", "create-security-group", "--vpc-id", vpcId, "--group-name", "mine-nlb", "--description", "not the kit's");
      expect(group.code, group.stderr).toBe(0);

      const onLoadBalancer = await runKit("theirs");
      expect(onLoadBalancer.code).not.toBe(0);
      expect(onLoadBalancer.stderr).toContain("error: the load balancer theirs exists and this kit did not make it for NAME=theirs");
      expect(made("theirs")).toMatchObject({ securityGroups: [], targetGroups: [], services: [] });

      const onSecurityGroup = await runKit("mine");
      expect(onSecurityGroup.code).not.toBe(0);
      expect(onSecurityGroup.stderr).toContain("error: the security group mine-nlb exists and this kit did not make it for NAME=mine");
      expect(made("mine")).toMatchObject({ loadBalancers: [], targetGroups: [], securityGroups: [{ tagged: false, inbound: [] }] });
    },
    120_000,
  );
});
