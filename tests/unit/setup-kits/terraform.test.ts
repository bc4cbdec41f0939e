import { parse } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { terraformModule } from "@/lib/setup-kits/terraform";
import { base, VARIANTS } from "./fixtures";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hcl2json's output is walked freely in assertions
async function parseModule(input = base): Promise<any> {
  return parse("main.tf", terraformModule(input));
}

describe("the Terraform kit", () => {
  it.each(VARIANTS)("$name: a module (required_providers, no provider block) with the customer's inputs as variables", async ({ input }) => {
    const hcl = await parseModule(input);
    expect(hcl.provider).toBeUndefined();
    expect(hcl.terraform[0].required_providers[0].aws.source).toBe("hashicorp/aws");
    expect(Object.keys(hcl.variable)).toEqual(
      expect.arrayContaining([
        "vpc_id",
        "subnet_ids",
        "targets",
        "name",
        "create_security_group",
        ...(input.s3GatewayEndpoint ? ["route_table_ids", "bucket_name"] : []),
      ]),
    );
    expect(hcl.output.service_name[0].value).toBe("${aws_vpc_endpoint_service.this.service_name}");
    expect(Boolean(hcl.resource.aws_vpc_endpoint?.s3)).toBe(input.s3GatewayEndpoint);
  });

  it("fills in our facts as locals", async () => {
    const [locals] = (await parseModule()).locals;
    expect(locals).toMatchObject({
      region: "us-east-1",
      principal_arn: base.principalArn,
      ports: [443, 5432],
      vendor_cidrs: base.cidrs,
      vendor_az_ids: base.availabilityZoneIds,
      supported_regions: ["us-west-2"],
    });
  });

  it("an internal NLB, TCP target groups of the kind, a listener per port, and the service", async () => {
    const { resource } = await parseModule({ ...base, target: "instance" });
    expect(resource.aws_lb.this[0]).toMatchObject({ internal: true, load_balancer_type: "network", enable_cross_zone_load_balancing: true });
    expect(resource.aws_lb.this[0].lifecycle[0].precondition).toHaveLength(2);
    expect(resource.aws_lb_target_group.this[0]).toMatchObject({
      protocol: "TCP",
      target_type: "instance",
      preserve_client_ip: "false",
      proxy_protocol_v2: false,
    });
    expect(resource.aws_lb_target_group.this[0].health_check[0].protocol).toBe("TCP");
    expect(resource.aws_lb_listener.this[0]).toMatchObject({ protocol: "TCP", for_each: "${aws_lb_target_group.this}" });
    expect(resource.aws_vpc_endpoint_service.this[0]).toMatchObject({ acceptance_required: true, allowed_principals: ["${local.principal_arn}"] });
    expect(resource.aws_vpc_security_group_ingress_rule.vendor[0].for_each).toBe("${var.create_security_group ? local.ingress : {}}");
  });

  it("an ALB target takes one ARN and HTTP(S) health checks", async () => {
    const hcl = await parseModule({ ...base, target: "alb" });
    expect(hcl.variable.targets[0].validation[0].condition).toBe("${length(var.targets) == 1}");
    const group = hcl.resource.aws_lb_target_group.this[0];
    expect(group.target_type).toBe("alb");
    expect(group.preserve_client_ip).toBeUndefined();
    expect(group.health_check[0].protocol).toBe('${contains(["443", "8443"], each.value) ? "HTTPS" : "HTTP"}');
  });

  it("a service's name is required, so two module blocks never share an NLB or target group name; the NLB only in our zones", async () => {
    const hcl = await parseModule();
    expect(hcl.variable.name[0].default).toBeUndefined();
    expect(hcl.variable.name[0].validation[0].condition).toBe('${can(regex("^[A-Za-z0-9-]{1,26}$", var.name))}');
    expect(hcl.resource.aws_lb.this[0].lifecycle[0].precondition[1].condition).toBe(
      "${alltrue([for subnet in data.aws_subnet.nlb : contains(local.vendor_az_ids, subnet.availability_zone_id)])}",
    );
  });

  it("no AZ precondition when we only reach the region cross-region", async () => {
    const { resource } = await parseModule({ ...base, availabilityZoneIds: [] });
    expect(resource.aws_lb.this[0].lifecycle[0].precondition).toHaveLength(1);
  });
});
