import { readFileSync } from "node:fs";
import { GetResourceShareAssociationsCommand, GetResourceShareInvitationsCommand } from "@aws-sdk/client-ram";
import { CreateResourceGatewayCommand, GetResourceConfigurationCommand, GetResourceGatewayCommand } from "@aws-sdk/client-vpc-lattice";
import { beforeAll, describe, expect, it } from "vitest";
import { KIT_TAG_KEY, RESOURCE_TARGETS, type ResourceTarget } from "@/lib/setup-kits/kit";
import { RESOURCE_TARGET_WORDS } from "@/lib/setup-kits/resource-kit";
import { clientsOf, CUSTOMER_A, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganizationWithKey, withLinkEngine } from "../fixtures/app";
import { withTempDir } from "../fixtures/temp-dir";
import { customerEnv, customerVpc, downloadCliKit, RESOURCE_CONFIGURATION_ARN, RESOURCE_SHARE_ARN, runScript, type Subnet } from "./cli-kit";
import { hasTool, toolTitle, type Run } from "./tools";

/**
 * The resource kind's AWS CLI kit, downloaded from the API as the organization's key and run
 * unchanged with bash and the AWS CLI against the sandbox as customer A, for each target: the
 * configuration it prints is one the sandbox knows, shared with our account (an invitation waits
 * for us), and a second run with the same NAME creates nothing. A NAME whose resource gateway the
 * kit did not make stops it before it creates anything.
 */

const { sandbox } = withLinkEngine();
const home = withTempDir("setup-kits-resource-");
const canRun = hasTool("bash") && hasTool("aws");

let key = "";
let vpcId = "";
let subnets: Subnet[] = [];
const kits: Partial<Record<ResourceTarget, string>> = {};

beforeAll(async () => {
  ({ key } = await createOrganizationWithKey({ approvalMode: "automatic" }));
  ({ vpcId, subnets } = await customerVpc(sandbox()));
  for (const target of RESOURCE_TARGETS) kits[target] = await downloadCliKit(key, home, `kind=resource&region=us-east-1&target=${target}`);
});

/** The resource of each target in customer A's VPC (the sandbox wants an IP inside it, and an RDS ARN of the caller's). */
function resourceOf(target: ResourceTarget): string {
  if (target === "rds-arn") return `arn:aws:rds:us-east-1:${CUSTOMER_A.accountId}:db:orders`;
  return target === "domain" ? "orders.example.com" : subnets[0]!.cidr.replace(/0\/20$/, "10");
}

function runKit(target: ResourceTarget, name: string): Promise<Run> {
  const env = {
    NAME: name,
    VPC_ID: vpcId,
    SUBNET_IDS: subnets.map((s) => s.subnetId).join(","),
    [RESOURCE_TARGET_WORDS[target].input.cli]: resourceOf(target),
  };
  return runScript(kits[target]!, customerEnv(sandbox(), home, env));
}

/** Everything of customer A's a run named `name` can have made, as the sandbox holds it. */
function made(name: string) {
  const { lattice, ram, securityGroups } = sandbox().state;
  const ours = (r: { ownerId: string }) => r.ownerId === CUSTOMER_A.accountId;
  return {
    gateways: [...lattice.gateways.values()].filter((g) => ours(g) && g.name === name).map((g) => ({ id: g.id, tag: g.tags[KIT_TAG_KEY] })),
    configurations: [...lattice.configurations.values()].filter((c) => ours(c) && c.name === name).map((c) => ({ id: c.id, tag: c.tags[KIT_TAG_KEY] })),
    securityGroups: [...securityGroups.values()].filter((g) => ours(g) && g.groupName === `${name}-resource-gateway`).map((g) => g.groupId),
    shares: [...ram.shares.values()].filter((s) => ours(s) && s.name === name && s.status === "ACTIVE").map((s) => [s.arn, s.resourceArns, s.principals]),
    invitations: [...ram.invitations.values()].filter((i) => i.senderAccountId === CUSTOMER_A.accountId && ram.shares.get(i.shareArn)?.name === name).length,
  };
}

function arnsOf(result: Run, target: ResourceTarget): { shareArn: string; configurationArn: string } {
  expect(result.code, `${target}:\n${result.stderr}`).toBe(0);
  const lines = result.stdout.trimEnd().split("\n");
  expect(lines, target).toHaveLength(2);
  expect(lines[0], target).toMatch(RESOURCE_SHARE_ARN);
  expect(lines[1], target).toMatch(RESOURCE_CONFIGURATION_ARN);
  return { shareArn: lines[0]!, configurationArn: lines[1]! };
}

describe("the resource kind's AWS CLI kit against the sandbox", () => {
  it.skipIf(!canRun)(
    toolTitle("aws", "runs unchanged for every target: a configuration the sandbox knows, shared with our account; run again, it creates nothing"),
    async () => {
      const first = await Promise.all(RESOURCE_TARGETS.map((target) => runKit(target, `kit-${target}`)));
      const customer = clientsOf(sandbox(), CUSTOMER_A);
      const vendor = clientsOf(sandbox(), VENDOR);
      for (const [i, target] of RESOURCE_TARGETS.entries()) {
        const { shareArn, configurationArn } = arnsOf(first[i]!, target);
        const configuration = await customer.lattice.send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: configurationArn }));
        expect(configuration, target).toMatchObject({ name: `kit-${target}`, status: "ACTIVE", type: RESOURCE_TARGET_WORDS[target].type });
        expect(JSON.stringify(configuration.resourceConfigurationDefinition), target).toContain(resourceOf(target));
        if (target !== "rds-arn") expect(configuration.portRanges, target).toEqual(["5432"]);
        const gateway = await customer.lattice.send(new GetResourceGatewayCommand({ resourceGatewayIdentifier: configuration.resourceGatewayId }));
        expect(gateway, target).toMatchObject({ name: `kit-${target}`, vpcId, securityGroupIds: made(`kit-${target}`).securityGroups });
        expect([...gateway.subnetIds!].sort(), target).toEqual(subnets.map((s) => s.subnetId).sort());

        const { resourceShareInvitations } = await vendor.ram.send(new GetResourceShareInvitationsCommand({ resourceShareArns: [shareArn] }));
        expect(resourceShareInvitations, target).toEqual([
          expect.objectContaining({ status: "PENDING", senderAccountId: CUSTOMER_A.accountId, receiverAccountId: VENDOR.accountId }),
        ]);
        const shared = await customer.ram.send(new GetResourceShareAssociationsCommand({ associationType: "RESOURCE", resourceShareArns: [shareArn] }));
        expect(
          shared.resourceShareAssociations?.map((a) => a.associatedEntity),
          target,
        ).toEqual([configurationArn]);
      }
      expect(first[0]!.stderr).toMatch(/creating the resource gateway kit-rds-arn[\s\S]*sharing the resource configuration/);

      const before = RESOURCE_TARGETS.map((target) => made(`kit-${target}`));
      for (const state of before) {
        expect(state).toMatchObject({ gateways: [{ tag: expect.any(String) }], configurations: [{ tag: expect.any(String) }], invitations: 1 });
        expect(state.securityGroups).toHaveLength(1);
        expect(state.shares).toHaveLength(1);
      }
      const again = await Promise.all(RESOURCE_TARGETS.map((target) => runKit(target, `kit-${target}`)));
      for (const [i, target] of RESOURCE_TARGETS.entries()) {
        expect(arnsOf(again[i]!, target), target).toEqual(arnsOf(first[i]!, target));
        expect(again[i]!.stderr, target).not.toMatch(/creating|sharing|adding/);
      }
      expect(RESOURCE_TARGETS.map((target) => made(`kit-${target}`))).toEqual(before);
    },
    300_000,
  );

  it.skipIf(!canRun)(
    toolTitle("aws", "a NAME whose resource gateway the kit did not make stops it before it creates anything"),
    async () => {
      await clientsOf(sandbox(), CUSTOMER_A).lattice.send(
        new CreateResourceGatewayCommand({ name: "theirs", vpcIdentifier: vpcId, subnetIds: subnets.map((s) => s.subnetId) }),
      );
      const result = await runKit("domain", "theirs");
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain("error: the resource gateway theirs exists and this kit did not make it for NAME=theirs");
      expect(made("theirs")).toMatchObject({ configurations: [], securityGroups: [], shares: [] });
      expect(readFileSync(kits.domain!, "utf8")).toContain('VENDOR_ACCOUNT_ID="111111111111"');
    },
    120_000,
  );
});
