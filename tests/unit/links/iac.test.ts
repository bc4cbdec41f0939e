import { describe, expect, it } from "vitest";
import { awsCliCommands, cloudFormationTemplate, terraformJson } from "@/lib/links/iac";

const input = {
  principalArn: "arn:aws:iam::111111111111:role/privatelink/acme-1a2b3c",
  region: "eu-west-1",
  cidrs: ["10.8.0.0/16", "10.9.0.0/16"],
  ports: [443, 5432],
  availabilityZoneIds: ["euw1-az1", "euw1-az2"],
};

describe("IaC for the customer's side", () => {
  it("CloudFormation: a service requiring acceptance, our principal allowlisted, ingress per CIDR and port", () => {
    const template = JSON.parse(cloudFormationTemplate(input));
    expect(template.AWSTemplateFormatVersion).toBe("2010-09-09");
    expect(template.Resources.EndpointService).toEqual({
      Type: "AWS::EC2::VPCEndpointService",
      Properties: { AcceptanceRequired: true, NetworkLoadBalancerArns: [{ Ref: "NetworkLoadBalancerArn" }] },
    });
    expect(template.Resources.VendorPermission.Properties.AllowedPrincipals).toEqual([input.principalArn]);
    const ingress = Object.values(template.Resources as Record<string, { Type: string; Properties: { CidrIp?: string; FromPort?: number } }>)
      .filter((r) => r.Type === "AWS::EC2::SecurityGroupIngress")
      .map((r) => `${r.Properties.CidrIp}:${r.Properties.FromPort}`);
    expect(ingress.sort()).toEqual(["10.8.0.0/16:443", "10.8.0.0/16:5432", "10.9.0.0/16:443", "10.9.0.0/16:5432"]);
    expect(template.Description).toContain("euw1-az1, euw1-az2");
  });

  it("Terraform JSON: the same rules, referencing the customer's variables", () => {
    const config = JSON.parse(terraformJson(input));
    expect(config.provider.aws.region).toBe("eu-west-1");
    expect(config.resource.aws_vpc_endpoint_service.privatelink_portal).toEqual({
      acceptance_required: true,
      network_load_balancer_arns: ["${var.nlb_arn}"],
      allowed_principals: [input.principalArn],
    });
    const rules = Object.values(config.resource.aws_vpc_security_group_ingress_rule as Record<string, { cidr_ipv4: string; from_port: number; to_port: number }>);
    expect(rules).toHaveLength(4);
    expect(rules.every((r) => r.from_port === r.to_port)).toBe(true);
    expect(Object.keys(config.variable)).toEqual(["nlb_arn", "nlb_security_group_id"]);
  });

  it("AWS CLI: allowlists the principal and opens each port", () => {
    const commands = awsCliCommands(input);
    expect(commands).toContain(`--add-allowed-principals ${input.principalArn}`);
    expect(commands.match(/authorize-security-group-ingress/g)).toHaveLength(4);
  });
});
