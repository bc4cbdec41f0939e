import { parse } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { resourceTerraformModule } from "@/lib/setup-kits/resource-terraform";
import { RESOURCE_KIT_INPUT as base, RESOURCE_KIT_VARIANTS as VARIANTS } from "@/tests/fixtures/kit-inputs";

const VARIABLES = { "rds-arn": "rds_arn", domain: "domain_name", ip: "ip_address" } as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hcl2json's output is walked freely in assertions
async function parseModule(input = base): Promise<any> {
  return parse("main.tf", resourceTerraformModule(input));
}

describe("the Terraform kit of a resource", () => {
  it.each(VARIANTS)(
    "$name: a module (required_providers, no provider block) with the customer's inputs as variables, the two ARNs as outputs",
    async ({ input }) => {
      const hcl = await parseModule(input);
      expect(hcl.provider).toBeUndefined();
      expect(hcl.terraform[0].required_providers[0].aws.source).toBe("hashicorp/aws");
      expect(Object.keys(hcl.variable).sort()).toEqual(["name", "subnet_ids", VARIABLES[input.target], "vpc_id"].sort());
      expect(hcl.output.resource_configuration_arn[0].value).toBe("${aws_vpclattice_resource_configuration.this.arn}");
      expect(hcl.output.resource_share_arn[0].value).toBe("${aws_ram_resource_share.this.arn}");
      expect(hcl.resource.aws_lb).toBeUndefined();
      expect(hcl.variable.subnet_ids[0].validation[0].condition).toBe(`\${length(var.subnet_ids) >= ${Math.min(2, input.availabilityZoneIds.length)}}`);
    },
  );

  it("fills in our facts as locals", async () => {
    const [locals] = (await parseModule()).locals;
    expect(locals).toEqual({
      region: "us-east-1",
      vendor_account_id: "111111111111",
      ports: [443, 5432],
      vendor_az_ids: ["use1-az1", "use1-az2", "use1-az3"],
      min_zones: 2,
    });
  });

  it("a resource gateway with its own security group, only in our zones, one subnet per zone", async () => {
    const { resource } = await parseModule();
    const gateway = resource.aws_vpclattice_resource_gateway.this[0];
    expect(gateway).toMatchObject({ name: "${var.name}", vpc_id: "${var.vpc_id}", security_group_ids: ["${aws_security_group.gateway.id}"] });
    expect(gateway.lifecycle[0].precondition.map((p: { condition: string }) => p.condition)).toEqual([
      '${alltrue([for subnet in data.aws_subnet.gateway : split(":", subnet.arn)[3] == local.region])}',
      "${alltrue([for subnet in data.aws_subnet.gateway : contains(local.vendor_az_ids, subnet.availability_zone_id)])}",
      "${length(distinct([for subnet in data.aws_subnet.gateway : subnet.availability_zone_id])) == length(var.subnet_ids) && length(var.subnet_ids) >= local.min_zones}",
    ]);
    expect(resource.aws_security_group.gateway[0].description).not.toContain("'");
  });

  it.each([
    ["domain", "SINGLE", { dns_resource: [{ domain_name: "${lower(var.domain_name)}", ip_address_type: "IPV4" }] }, '"0.0.0.0/0"'],
    ["ip", "SINGLE", { ip_resource: [{ ip_address: "${var.ip_address}" }] }, '"${var.ip_address}/32"'],
    ["rds-arn", "ARN", { arn_resource: [{ arn: "${var.rds_arn}" }] }, "data.aws_vpc.this.cidr_block"],
  ] as const)("%s: a configuration of type %s defined by the input, the gateway sending to it", async (target, type, definition, destination) => {
    const input = { ...base, target, ports: target === "rds-arn" ? [] : base.ports };
    const { resource } = await parseModule(input);
    const configuration = resource.aws_vpclattice_resource_configuration.this[0];
    expect(configuration).toMatchObject({ name: "${var.name}", type, resource_gateway_identifier: "${aws_vpclattice_resource_gateway.this.id}" });
    expect(configuration.resource_configuration_definition).toEqual([definition]);
    if (target === "rds-arn") {
      expect(configuration.port_ranges).toBeUndefined();
      expect(configuration.protocol).toBeUndefined();
    } else {
      expect(configuration).toMatchObject({ port_ranges: "${[for port in local.ports : tostring(port)]}", protocol: "TCP" });
    }
    expect(resourceTerraformModule(input)).toContain(`cidr_ipv4         = ${destination}`);
  });

  it("shares the configuration with our account through RAM, external principals allowed", async () => {
    const { resource } = await parseModule();
    expect(resource.aws_ram_resource_share.this[0]).toEqual({ name: "${var.name}", allow_external_principals: true });
    expect(resource.aws_ram_resource_association.this[0].resource_arn).toBe("${aws_vpclattice_resource_configuration.this.arn}");
    expect(resource.aws_ram_principal_association.vendor[0].principal).toBe("${local.vendor_account_id}");
  });

  it("holds the name to VPC Lattice's rule, and says what provider 5.100.0 lacks", async () => {
    const hcl = await parseModule();
    expect(hcl.variable.name[0].default).toBeUndefined();
    expect(hcl.variable.name[0].validation[0].condition).toBe(
      '${can(regex("^[a-z0-9](-?[a-z0-9])+$", var.name)) && length(var.name) >= 3 && length(var.name) <= 40 && !startswith(var.name, "rgw-") && !startswith(var.name, "rcfg-")}',
    );
    const text = resourceTerraformModule(base).replace(/\n# /g, " ");
    expect(text).toContain("5.100.0");
    expect(text).toContain("domain verification");
    expect(text).toContain("private_dns_preference");
  });
});
