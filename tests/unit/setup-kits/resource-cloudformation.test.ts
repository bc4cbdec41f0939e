import { describe, expect, it } from "vitest";
import { resourceCloudFormationTemplate } from "@/lib/setup-kits/resource-cloudformation";
import { RESOURCE_KIT_INPUT as base, RESOURCE_KIT_VARIANTS as VARIANTS } from "@/tests/fixtures/kit-inputs";
import { parseTemplate } from "./fixtures";

type Resource = { Type: string; Properties: Record<string, unknown> };

const PARAMETERS = { "rds-arn": "RdsArn", domain: "DomainName", ip: "IpAddress" } as const;

function ofType(all: Record<string, Resource>, type: string): Resource[] {
  return Object.values(all).filter((r) => r.Type === type);
}

describe("the CloudFormation kit of a resource", () => {
  it.each(VARIANTS)("$name: parses, with the customer's inputs as parameters and the two ARNs as outputs", ({ input }) => {
    const template = parseTemplate(resourceCloudFormationTemplate(input));
    expect(template.AWSTemplateFormatVersion).toBe("2010-09-09");
    expect(Object.keys(template.Parameters).sort()).toEqual(
      ["Name", "SubnetIds", "VpcId", PARAMETERS[input.target], ...(input.target === "domain" ? ["DnsResolution"] : [])].sort(),
    );
    expect(template.Parameters.SubnetIds.Type).toBe("List<AWS::EC2::Subnet::Id>");
    expect(template.Parameters.SubnetIds.Description).toContain(input.availabilityZoneIds.join(", "));
    expect(template.Outputs.ResourceConfigurationArn.Value).toEqual({ "Fn::GetAtt": "ResourceConfiguration.Arn" });
    expect(template.Outputs.ResourceShareArn.Value).toEqual({ "Fn::GetAtt": "ResourceShare.Arn" });
    for (const type of ["AWS::VpcLattice::ResourceGateway", "AWS::VpcLattice::ResourceConfiguration", "AWS::RAM::ResourceShare", "AWS::EC2::SecurityGroup"]) {
      expect(ofType(template.Resources, type), type).toHaveLength(1);
    }
    expect(ofType(template.Resources, "AWS::ElasticLoadBalancingV2::LoadBalancer")).toEqual([]);
  });

  it("a resource gateway in the customer's subnets behind its own security group", () => {
    const { Resources } = parseTemplate(resourceCloudFormationTemplate(base));
    expect(Resources.ResourceGateway.Properties).toEqual({
      Name: { Ref: "Name" },
      VpcIdentifier: { Ref: "VpcId" },
      SubnetIds: { Ref: "SubnetIds" },
      SecurityGroupIds: [{ "Fn::GetAtt": "ResourceGatewaySecurityGroup.GroupId" }],
      IpAddressType: "IPV4",
      ResourceConfigDnsResolution: { Ref: "DnsResolution" },
    });
    const ip = parseTemplate(resourceCloudFormationTemplate({ ...base, target: "ip" }));
    expect(ip.Resources.ResourceGateway.Properties.ResourceConfigDnsResolution).toBeUndefined();
  });

  it.each([
    ["domain", "SINGLE", { DnsResource: { DomainName: { Ref: "DomainName" }, IpAddressType: "IPV4" } }],
    ["ip", "SINGLE", { IpResource: { Ref: "IpAddress" } }],
    ["rds-arn", "ARN", { ArnResource: { Ref: "RdsArn" } }],
  ] as const)("%s: a configuration of type %s defined by the parameter", (target, type, definition) => {
    const input = { ...base, target, ports: target === "rds-arn" ? [] : base.ports };
    const configuration = parseTemplate(resourceCloudFormationTemplate(input)).Resources.ResourceConfiguration.Properties;
    expect(configuration).toMatchObject({
      Name: { Ref: "Name" },
      ResourceConfigurationType: type,
      ResourceGatewayId: { "Fn::GetAtt": "ResourceGateway.Id" },
      ResourceConfigurationDefinition: definition,
    });
    if (target === "rds-arn") expect(configuration.PortRanges).toBeUndefined();
    else expect(configuration).toMatchObject({ ProtocolType: "TCP", PortRanges: ["443", "5432"] });
  });

  it("shares the configuration with our account, external principals allowed", () => {
    const share = parseTemplate(resourceCloudFormationTemplate(base)).Resources.ResourceShare.Properties;
    expect(share).toEqual({
      Name: { Ref: "Name" },
      AllowExternalPrincipals: true,
      ResourceArns: [{ "Fn::GetAtt": "ResourceConfiguration.Arn" }],
      Principals: ["111111111111"],
    });
  });

  it("holds Name and the resource to the rules AWS holds them to", () => {
    const { Parameters } = parseTemplate(resourceCloudFormationTemplate(base));
    const name = new RegExp(Parameters.Name.AllowedPattern);
    expect(["orders-db", "db1", "a".repeat(40)].filter((value) => name.test(value))).toHaveLength(3);
    expect(["Orders", "orders--db", "-orders", "orders-", "rgw-orders", "rcfg-orders"].filter((value) => name.test(value))).toEqual([]);
    expect(Parameters.Name).toMatchObject({ MinLength: 3, MaxLength: 40 });
    const domain = new RegExp(Parameters.DomainName.AllowedPattern);
    expect(["orders.example.com", "db.internal"].every((value) => domain.test(value))).toBe(true);
    expect(["orders", "orders example.com", "-x.example.com"].some((value) => domain.test(value))).toBe(false);
    const rds = new RegExp(parseTemplate(resourceCloudFormationTemplate({ ...base, target: "rds-arn", ports: [] })).Parameters.RdsArn.AllowedPattern);
    expect(rds.test("arn:aws:rds:us-east-1:222222222222:cluster:orders")).toBe(true);
    expect(rds.test("arn:aws:rds:eu-west-1:222222222222:db:orders")).toBe(false);
  });
});
