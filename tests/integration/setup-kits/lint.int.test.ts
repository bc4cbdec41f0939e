import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliScript } from "@/lib/setup-kits/cli";
import { cloudFormationTemplate } from "@/lib/setup-kits/cloudformation";
import { resourceCliScript } from "@/lib/setup-kits/resource-cli";
import { resourceCloudFormationTemplate } from "@/lib/setup-kits/resource-cloudformation";
import { RESOURCE_TARGET_WORDS } from "@/lib/setup-kits/resource-kit";
import { resourceTerraformModule } from "@/lib/setup-kits/resource-terraform";
import { terraformModule } from "@/lib/setup-kits/terraform";
import { KIT_VARIANTS as VARIANTS, RESOURCE_KIT_VARIANTS as RESOURCE_VARIANTS } from "@/tests/fixtures/kit-inputs";
import { withTempDir } from "../fixtures/temp-dir";
import { hasTool, run, toolTitle } from "./tools";

/**
 * Every variant of every kit, services' and resources', through the tool its users run: cfn-lint,
 * terraform fmt and validate (with the AWS provider from /opt/tf-plugins, no registry),
 * shellcheck. A missing tool skips its test and says so in the test's title.
 */

const dir = withTempDir("setup-kits-lint-");

function write(relative: string, text: string): string {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const RESOURCE_VALUES = { "rds-arn": "arn:aws:rds:us-east-1:222222222222:db:orders", domain: "orders.example.com", ip: "10.0.1.15" } as const;

const report = (result: { stdout: string; stderr: string }) => `${result.stdout}\n${result.stderr}`.trim();

describe("setup kits pass their linters", () => {
  it.skipIf(!hasTool("cfn-lint"))(
    toolTitle("cfn-lint", `cfn-lint: ${VARIANTS.length} CloudFormation variants and ${RESOURCE_VARIANTS.length} of resources`),
    async () => {
      const files = [
        ...VARIANTS.map((v) => write(`cloudformation/${v.name}.yaml`, cloudFormationTemplate(v.input))),
        ...RESOURCE_VARIANTS.map((v) => write(`cloudformation/${v.name}.yaml`, resourceCloudFormationTemplate(v.input))),
      ];
      const result = await run("cfn-lint", ["--regions", "us-east-1", "--", ...files]);
      expect(result.code, report(result)).toBe(0);
    },
    180_000,
  );

  it.skipIf(!hasTool("shellcheck"))(
    toolTitle("shellcheck", `shellcheck: ${VARIANTS.length} AWS CLI variants and ${RESOURCE_VARIANTS.length} of resources`),
    async () => {
      const files = [
        ...VARIANTS.map((v) => write(`cli/${v.name}.sh`, cliScript(v.input))),
        ...RESOURCE_VARIANTS.map((v) => write(`cli/${v.name}.sh`, resourceCliScript(v.input))),
      ];
      const result = await run("shellcheck", ["--shell=bash", "--severity=style", ...files]);
      expect(result.code, report(result)).toBe(0);
    },
    60_000,
  );

  it.skipIf(!hasTool("terraform"))(
    toolTitle("terraform", `terraform fmt -check and validate: ${VARIANTS.length} Terraform variants and ${RESOURCE_VARIANTS.length} of resources`),
    async () => {
      const calls = VARIANTS.map((v) => {
        write(`terraform/modules/${v.name}/main.tf`, terraformModule(v.input));
        const inputs = [
          `  name       = "${v.name}"`,
          '  vpc_id     = "vpc-0123456789abcdef0"',
          '  subnet_ids = ["subnet-0123456789abcdef0"]',
          `  targets    = ["${v.input.target === "alb" ? "arn:aws:elasticloadbalancing:us-east-1:222222222222:loadbalancer/app/web/0123456789abcdef" : "10.0.1.15"}"]`,
          ...(v.input.s3GatewayEndpoint ? ['  route_table_ids = ["rtb-0123456789abcdef0"]'] : []),
        ];
        return [`module "${v.name}" {`, `  source = "../modules/${v.name}"`, ...inputs, "}", ""].join("\n");
      });
      const resourceCalls = RESOURCE_VARIANTS.map((v) => {
        write(`terraform/modules/${v.name}/main.tf`, resourceTerraformModule(v.input));
        const inputs = [
          `  name       = "${v.name}"`,
          '  vpc_id     = "vpc-0123456789abcdef0"',
          '  subnet_ids = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]',
          `  ${RESOURCE_TARGET_WORDS[v.input.target].input.terraform} = "${RESOURCE_VALUES[v.input.target]}"`,
        ];
        return [`module "${v.name}" {`, `  source = "../modules/${v.name}"`, ...inputs, "}", ""].join("\n");
      });
      const root = path.dirname(
        write("terraform/root/main.tf", ['provider "aws" {', '  region = "us-east-1"', "}", "", ...calls, ...resourceCalls].join("\n")),
      );
      // No network: no version check, the provider only from the local plugin directory.
      const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" };
      const fmt = await run("terraform", ["fmt", "-check", "-diff", "-recursive", path.join(dir, "terraform/modules")], { env });
      expect(fmt.code, report(fmt)).toBe(0);
      const init = await run("terraform", ["init", "-backend=false", "-plugin-dir=/opt/tf-plugins", "-no-color"], { cwd: root, env });
      expect(init.code, report(init)).toBe(0);
      const validate = await run("terraform", ["validate", "-no-color"], { cwd: root, env });
      expect(validate.code, report(validate)).toBe(0);
      expect(validate.stdout).toContain("The configuration is valid");
      expect(validate.stdout + validate.stderr).not.toMatch(/Warning: (?!Unable to open CLI configuration file)/);
    },
    180_000,
  );
});
