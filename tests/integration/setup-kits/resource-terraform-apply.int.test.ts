import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { GetResourceShareInvitationsCommand } from "@aws-sdk/client-ram";
import { GetResourceConfigurationCommand } from "@aws-sdk/client-vpc-lattice";
import { beforeAll, describe, expect, it } from "vitest";
import { RESOURCE_TARGETS, type ResourceTarget } from "@/lib/setup-kits/kit";
import { RESOURCE_TARGET_WORDS } from "@/lib/setup-kits/resource-kit";
import { clientsOf, CUSTOMER_A, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganizationWithKey, withLinkEngine } from "../fixtures/app";
import { withTempDir } from "../fixtures/temp-dir";
import { call, HANDLERS } from "../api/api-helpers";
import { customerVpc, RESOURCE_CONFIGURATION_ARN, RESOURCE_SHARE_ARN } from "./cli-kit";
import { hasTool, run, toolTitle, type Run } from "./tools";

/**
 * The resource kind's Terraform kit as a customer uses it: one module per target under their own
 * configuration, whose AWS provider points at the sandbox (vpclattice and ram beside ec2 and sts).
 * `terraform apply` makes a resource gateway, a configuration and a RAM share of it with our
 * account for each, a second plan finds nothing to change, and `terraform destroy` removes it all.
 */

const PLUGINS = "/opt/tf-plugins";
const { sandbox } = withLinkEngine();
const dir = withTempDir("setup-kits-resource-tf-");
const canRun = hasTool("terraform") && existsSync(path.join(PLUGINS, "registry.terraform.io/hashicorp/aws"));

let key = "";

beforeAll(async () => {
  ({ key } = await createOrganizationWithKey({ approvalMode: "automatic" }));
});

/** The module of each target, saved as the customer would: `<dir>/<target>/main.tf`. */
async function downloadModule(target: ResourceTarget): Promise<void> {
  const kit = await call(HANDLERS.getSetupKit!, {
    method: "GET",
    path: `/api/v1/setup-kits/terraform?kind=resource&region=us-east-1&target=${target}`,
    params: { format: "terraform" },
    caller: { key },
  });
  expect(kit.status).toBe(200);
  mkdirSync(path.join(dir, target), { recursive: true });
  writeFileSync(path.join(dir, target, "main.tf"), await kit.text());
}

/** The customer's root configuration: the provider aimed at the sandbox, a module block per target, their ARNs as outputs. */
async function writeRoot(): Promise<string> {
  const { vpcId, subnets } = await customerVpc(sandbox());
  const resources: Record<ResourceTarget, string> = {
    "rds-arn": `arn:aws:rds:us-east-1:${CUSTOMER_A.accountId}:cluster:orders`,
    domain: "Orders.Example.com",
    ip: subnets[0]!.cidr.replace(/0\/20$/, "10"),
  };
  const modules = RESOURCE_TARGETS.map(
    (target) => `module "${target}" {
  source     = "../${target}"
  name       = "tf-${target}"
  vpc_id     = "${vpcId}"
  subnet_ids = ${JSON.stringify(subnets.map((s) => s.subnetId))}
  ${RESOURCE_TARGET_WORDS[target].input.terraform} = "${resources[target]}"
}

output "${target}" {
  value = [module.${target}.resource_share_arn, module.${target}.resource_configuration_arn]
}
`,
  );
  const url = sandbox().url;
  const root = path.join(dir, "root");
  mkdirSync(root, { recursive: true });
  writeFileSync(
    path.join(root, "main.tf"),
    `provider "aws" {
  region                      = "us-east-1"
  access_key                  = "${CUSTOMER_A.accessKeyId}"
  secret_key                  = "${CUSTOMER_A.secretAccessKey}"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  endpoints {
    ec2        = "${url}"
    sts        = "${url}"
    vpclattice = "${url}"
    ram        = "${url}"
  }
}

${modules.join("\n")}`,
  );
  return root;
}

function terraform(root: string, ...args: string[]): Promise<Run> {
  // Loopback only: no version check, no instance metadata, the provider from the local plugin directory.
  const env = { PATH: process.env.PATH, HOME: dir, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0", AWS_EC2_METADATA_DISABLED: "true" };
  return run("terraform", [...args, "-no-color"], { cwd: root, env });
}

const output = (result: Run) => `${result.stdout}\n${result.stderr}`.slice(-4000);

describe("the resource kind's Terraform kit against the sandbox", () => {
  it.skipIf(!canRun)(
    toolTitle("terraform", "applies for every target, shares each configuration with our account, plans no change, and destroys"),
    async () => {
      for (const target of RESOURCE_TARGETS) await downloadModule(target);
      const root = await writeRoot();

      const init = await terraform(root, "init", `-plugin-dir=${PLUGINS}`);
      expect(init.code, output(init)).toBe(0);
      const apply = await terraform(root, "apply", "-auto-approve");
      expect(apply.code, output(apply)).toBe(0);
      const outputs = JSON.parse((await terraform(root, "output", "-json")).stdout) as Record<ResourceTarget, { value: [string, string] }>;

      const customer = clientsOf(sandbox(), CUSTOMER_A);
      const vendor = clientsOf(sandbox(), VENDOR);
      for (const target of RESOURCE_TARGETS) {
        const [shareArn, configurationArn] = outputs[target].value;
        expect(shareArn, target).toMatch(RESOURCE_SHARE_ARN);
        expect(configurationArn, target).toMatch(RESOURCE_CONFIGURATION_ARN);
        const configuration = await customer.lattice.send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: configurationArn }));
        expect(configuration, target).toMatchObject({ name: `tf-${target}`, status: "ACTIVE", type: RESOURCE_TARGET_WORDS[target].type });
        const { resourceShareInvitations } = await vendor.ram.send(new GetResourceShareInvitationsCommand({ resourceShareArns: [shareArn] }));
        expect(
          resourceShareInvitations?.map((i) => i.status),
          target,
        ).toEqual(["PENDING"]);
      }

      const plan = await terraform(root, "plan", "-detailed-exitcode");
      expect(plan.code, output(plan)).toBe(0); // what the sandbox answers matches what the modules asked for

      const destroy = await terraform(root, "destroy", "-auto-approve");
      expect(destroy.code, output(destroy)).toBe(0);
      const { lattice, ram, securityGroups } = sandbox().state;
      const ours = (r: { ownerId: string }) => r.ownerId === CUSTOMER_A.accountId;
      expect([...lattice.gateways.values(), ...lattice.configurations.values()].filter(ours)).toEqual([]);
      expect([...ram.shares.values()].filter((s) => ours(s) && s.status !== "DELETED")).toEqual([]);
      expect([...securityGroups.values()].filter((g) => ours(g) && g.groupName !== "default")).toEqual([]);
    },
    300_000,
  );
});
