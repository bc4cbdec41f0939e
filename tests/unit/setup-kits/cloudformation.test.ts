import { describe, expect, it } from "vitest";
import { cloudFormationTemplate, MAX_TARGETS } from "@/lib/setup-kits/cloudformation";
import { base, parseTemplate, VARIANTS } from "./fixtures";

type Resource = { Type: string; Condition?: string; Properties: Record<string, unknown> };

function resources(input = base): Record<string, Resource> {
  return parseTemplate(cloudFormationTemplate(input)).Resources;
}

function ofType(all: Record<string, Resource>, type: string): Resource[] {
  return Object.values(all).filter((r) => r.Type === type);
}

describe("the CloudFormation kit", () => {
  it.each(VARIANTS)("$name: parses, with the customer's inputs as parameters and the service name as output", ({ input }) => {
    const template = parseTemplate(cloudFormationTemplate(input));
    expect(template.AWSTemplateFormatVersion).toBe("2010-09-09");
    expect(template.Parameters.VpcId.Type).toBe("AWS::EC2::VPC::Id");
    expect(template.Parameters.SubnetIds.Type).toBe("List<AWS::EC2::Subnet::Id>");
    expect(template.Parameters.Targets.Type).toBe(
      { ip: "CommaDelimitedList", rds: "CommaDelimitedList", instance: "List<AWS::EC2::Instance::Id>", alb: "String" }[input.target],
    );
    expect(template.Outputs.ServiceName.Value).toEqual({ "Fn::Sub": "com.amazonaws.vpce.${AWS::Region}.${EndpointService}" });
    expect(ofType(template.Resources, "AWS::ElasticLoadBalancingV2::TargetGroup")).toHaveLength(input.ports.length);
    expect(ofType(template.Resources, "AWS::ElasticLoadBalancingV2::Listener")).toHaveLength(input.ports.length);
    expect(ofType(template.Resources, "AWS::EC2::VPCEndpoint")).toHaveLength(input.s3GatewayEndpoint ? 1 : 0);
  });

  it("one stack per service: Name has no default and names the NLB and its target groups", () => {
    const template = parseTemplate(cloudFormationTemplate(base));
    expect(template.Parameters.Name).toMatchObject({ Type: "String", AllowedPattern: "^[A-Za-z0-9-]{1,26}$" });
    expect(template.Parameters.Name.Default).toBeUndefined();
    expect(ofType(template.Resources, "AWS::ElasticLoadBalancingV2::LoadBalancer")[0]!.Properties.Name).toEqual({ Ref: "Name" });
    expect(ofType(template.Resources, "AWS::ElasticLoadBalancingV2::TargetGroup")[0]!.Properties.Name).toEqual({ "Fn::Sub": "${Name}-443" });
  });

  it("an internal NLB with cross-zone on, behind a security group that may be left out", () => {
    const [nlb] = ofType(resources(), "AWS::ElasticLoadBalancingV2::LoadBalancer");
    expect(nlb!.Properties).toMatchObject({ Type: "network", Scheme: "internal", Subnets: { Ref: "SubnetIds" } });
    expect(nlb!.Properties.LoadBalancerAttributes).toEqual([{ Key: "load_balancing.cross_zone.enabled", Value: "true" }]);
    expect(nlb!.Properties.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic).toEqual({ "Fn::If": ["HasSecurityGroup", "on", { Ref: "AWS::NoValue" }] });
    const [group] = ofType(resources(), "AWS::EC2::SecurityGroup");
    expect(group!.Condition).toBe("HasSecurityGroup");
    const rules = (group!.Properties.SecurityGroupIngress as { CidrIp: string; FromPort: number; ToPort: number }[]).map(
      (r) => `${r.CidrIp}:${r.FromPort}-${r.ToPort}`,
    );
    expect(rules.sort()).toEqual(["10.10.0.0/16:443-443", "10.10.0.0/16:5432-5432", "10.11.0.0/16:443-443", "10.11.0.0/16:5432-5432"]);
  });

  it("TCP target groups with TCP health checks, proxy protocol and client IP preservation off", () => {
    const groups = ofType(resources({ ...base, target: "rds" }), "AWS::ElasticLoadBalancingV2::TargetGroup");
    for (const group of groups) {
      expect(group.Properties).toMatchObject({ Protocol: "TCP", TargetType: "ip", HealthCheckProtocol: "TCP" });
      expect(group.Properties.TargetGroupAttributes).toEqual([
        { Key: "preserve_client_ip.enabled", Value: "false" },
        { Key: "proxy_protocol_v2.enabled", Value: "false" },
      ]);
      expect(group.Properties.Targets).toHaveLength(MAX_TARGETS);
    }
  });

  it("an ALB target: one target, HTTP(S) health checks, no attributes the ALB type refuses", () => {
    const groups = ofType(resources({ ...base, target: "alb" }), "AWS::ElasticLoadBalancingV2::TargetGroup");
    expect(groups.map((g) => [g.Properties.Port, g.Properties.HealthCheckProtocol])).toEqual([
      [443, "HTTPS"],
      [5432, "HTTP"],
    ]);
    for (const group of groups) {
      expect(group.Properties).toMatchObject({ TargetType: "alb", Targets: [{ Id: { Ref: "Targets" } }] });
      expect(group.Properties.TargetGroupAttributes).toBeUndefined();
    }
  });

  it("the endpoint service requires acceptance, allows our principal and supports the regions that reach it", () => {
    const all = resources();
    const [service] = ofType(all, "AWS::EC2::VPCEndpointService");
    expect(service!.Properties).toEqual({
      AcceptanceRequired: true,
      NetworkLoadBalancerArns: [{ Ref: "LoadBalancer" }],
      SupportedRegions: ["us-east-1", "us-west-2"],
    });
    const [permissions] = ofType(all, "AWS::EC2::VPCEndpointServicePermissions");
    expect(permissions!.Properties.AllowedPrincipals).toEqual([base.principalArn]);
    const [sameRegionOnly] = ofType(resources({ ...base, supportedRegions: [] }), "AWS::EC2::VPCEndpointService");
    expect(sameRegionOnly!.Properties.SupportedRegions).toBeUndefined();
  });

  it("the S3 option: a gateway endpoint and a bucket policy that only admits it", () => {
    const all = resources({ ...base, s3GatewayEndpoint: true });
    expect(ofType(all, "AWS::EC2::VPCEndpoint")[0]!.Properties).toMatchObject({
      VpcEndpointType: "Gateway",
      ServiceName: { "Fn::Sub": "com.amazonaws.${AWS::Region}.s3" },
    });
    const [policy] = ofType(all, "AWS::S3::BucketPolicy");
    expect(policy!.Condition).toBe("HasBucket");
    const statement = (policy!.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement[0];
    expect(statement).toMatchObject({ Effect: "Deny", Condition: { StringNotEquals: { "aws:SourceVpce": { Ref: "S3GatewayEndpoint" } } } });
  });
});
