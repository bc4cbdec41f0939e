import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AcceptVpcEndpointConnectionsCommand, DescribeRouteTablesCommand, DescribeSubnetsCommand } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { runDeletion } from "@/lib/links/delete-link";
import { runProvisioning } from "@/lib/links/provision-link";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { runVerification } from "@/lib/links/verify-link";
import { createOrganizationWithKey, jobCtx, withLinkEngine } from "../fixtures/app";
import { withTempDir } from "../fixtures/temp-dir";
import { call, HANDLERS } from "../api/api-helpers";
import { clientsOf, CUSTOMER_A } from "@privatelink-portal/sandbox-aws/testing";
import { hasTool, run, toolTitle, type Run } from "./tools";

/**
 * The Terraform kit as a customer uses it: a module under their own configuration, whose AWS
 * provider points at the sandbox (with the provider's skip flags). `terraform apply` makes a
 * service that a link reaches `available` on, a second plan finds nothing to change, and
 * `terraform destroy` removes everything once the link is gone. About two minutes, nearly all of
 * it the provider's own fixed waits on the load balancer (it polls for `active` every 30 s).
 */

const PLUGINS = "/opt/tf-plugins";
const { engine, sandbox } = withLinkEngine();
const dir = withTempDir("setup-kits-tf-");
const canRun = hasTool("terraform") && existsSync(path.join(PLUGINS, "registry.terraform.io/hashicorp/aws"));

let key = "";

beforeAll(async () => {
  ({ key } = await createOrganizationWithKey({ approvalMode: "automatic" }));
});

/** The customer's root configuration: the provider aimed at the sandbox, and the kit as a module. */
async function writeRoot(): Promise<string> {
  const ec2 = clientsOf(sandbox(), CUSTOMER_A).ec2;
  const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "availability-zone-id", Values: ["use1-az2", "use1-az3"] }] }));
  const vpcId = Subnets[0]!.VpcId!;
  const { RouteTables = [] } = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }));
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
    ec2   = "${url}"
    elbv2 = "${url}"
    sts   = "${url}"
  }
}

module "privatelink" {
  source          = "../privatelink"
  name            = "terraform"
  vpc_id          = "${vpcId}"
  subnet_ids      = ${JSON.stringify(Subnets.map((s) => s.SubnetId))}
  targets         = ["${Subnets[0]!.CidrBlock!.replace(/0\/20$/, "10")}"]
  route_table_ids = ${JSON.stringify(RouteTables.map((t) => t.RouteTableId))}
}

output "service_name" {
  value = module.privatelink.service_name
}
`,
  );
  return root;
}

function terraform(root: string, ...args: string[]): Promise<Run> {
  // Loopback only: no version check, no instance metadata, the provider from the local plugin directory.
  const env = { PATH: process.env.PATH, HOME: dir, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0", AWS_EC2_METADATA_DISABLED: "true" };
  return run("terraform", [...args, "-no-color"], { cwd: root, env });
}

const output = (result: Run) => `${result.stdout}\n${result.stderr}`.slice(-4000);

describe("the Terraform kit against the sandbox", () => {
  it.skipIf(!canRun)(
    toolTitle("terraform", "applies, serves an available link, plans no change, and destroys"),
    async () => {
      const kit = await call(HANDLERS.getSetupKit!, {
        method: "GET",
        path: "/api/v1/setup-kits/terraform?region=us-east-1&target=ip&s3GatewayEndpoint=true",
        params: { format: "terraform" },
        caller: { key },
      });
      expect(kit.status).toBe(200);
      mkdirSync(path.join(dir, "privatelink"), { recursive: true });
      writeFileSync(path.join(dir, "privatelink", "main.tf"), await kit.text());
      const root = await writeRoot();

      const init = await terraform(root, "init", `-plugin-dir=${PLUGINS}`);
      expect(init.code, output(init)).toBe(0);
      const apply = await terraform(root, "apply", "-auto-approve");
      expect(apply.code, output(apply)).toBe(0);
      const serviceName = (await terraform(root, "output", "-raw", "service_name")).stdout.trim();
      expect(serviceName).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]{17}$/);

      const created = await call(HANDLERS.createLink!, {
        method: "POST",
        path: "/api/v1/links",
        body: { name: "terraform", serviceName, region: "us-east-1" },
        caller: { key },
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      await runVerification({ ctx: jobCtx(engine()), input: { linkId: id } });
      await runProvisioning({ ctx: jobCtx(engine()), input: { linkId: id } });
      const link = await engine().db.link.findUniqueOrThrow({ where: { id } });
      await clientsOf(sandbox(), CUSTOMER_A).ec2.send(
        new AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceName.split(".").at(-1), VpcEndpointIds: [link.endpointId!] }),
      );
      await reconcileLinks({ ctx: jobCtx(engine()) });
      expect((await engine().db.link.findUniqueOrThrow({ where: { id } })).state).toBe("available");

      const plan = await terraform(root, "plan", "-detailed-exitcode");
      expect(plan.code, output(plan)).toBe(0); // what the sandbox answers matches what the module asked for

      const deleted = await call(HANDLERS.deleteLink!, { method: "DELETE", path: `/api/v1/links/${id}`, params: { id }, caller: { key } });
      expect(deleted.status).toBe(202);
      await runDeletion({ ctx: jobCtx(engine()), input: { linkId: id } });
      const destroy = await terraform(root, "destroy", "-auto-approve");
      expect(destroy.code, output(destroy)).toBe(0);
      const { elbv2, services, securityGroups } = sandbox().state;
      expect(
        [...elbv2.loadBalancers.values(), ...elbv2.targetGroups.values(), ...elbv2.listeners.values()].filter((r) => r.ownerId === CUSTOMER_A.accountId),
      ).toEqual([]);
      expect([...services.values()].filter((s) => s.serviceName === serviceName)).toEqual([]);
      expect([...securityGroups.values()].filter((g) => g.ownerId === CUSTOMER_A.accountId && g.groupName !== "default")).toEqual([]);
    },
    300_000,
  );
});
