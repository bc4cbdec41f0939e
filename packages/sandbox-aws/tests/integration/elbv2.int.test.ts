import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DeleteSecurityGroupCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSubnetsCommand,
  RevokeSecurityGroupEgressCommand,
} from "@aws-sdk/client-ec2";
import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ModifyTargetGroupAttributesCommand,
  RegisterTargetsCommand,
  SetSecurityGroupsCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { beforeAll, describe, expect, it } from "vitest";
import { withSandbox } from "../fixtures/sandbox";
import { clientsOf, credentialsOf, CUSTOMER_A, CUSTOMER_B, expectAwsError } from "../../src/testing";

/**
 * ELBv2 and the EC2 calls around it (security groups, route tables, gateway endpoints) through the
 * JS SDK. ELBv2's modeled errors reach SDK users as `<Code>Exception` (the wire code is `<Code>`).
 */

const sandbox = withSandbox();
let elb: ElasticLoadBalancingV2Client;
let vpcId = "";
let subnets: { id: string; cidr: string }[] = [];
const ec2 = () => clientsOf(sandbox(), CUSTOMER_A).ec2;

beforeAll(async () => {
  elb = new ElasticLoadBalancingV2Client({ endpoint: sandbox().url, region: "us-east-1", credentials: credentialsOf(CUSTOMER_A), maxAttempts: 1 });
  const { Subnets = [] } = await ec2().send(new DescribeSubnetsCommand({}));
  vpcId = Subnets[0]!.VpcId!;
  subnets = Subnets.map((s) => ({ id: s.SubnetId!, cidr: s.CidrBlock! }));
});

async function nlb(name: string, extra: { SecurityGroups?: string[] } = {}) {
  const { LoadBalancers = [] } = await elb.send(
    new CreateLoadBalancerCommand({ Name: name, Type: "network", Scheme: "internal", Subnets: [subnets[0]!.id, subnets[1]!.id], ...extra }),
  );
  return LoadBalancers[0]!;
}

async function tcpGroup(name: string, targetType: "ip" | "instance" = "ip") {
  const { TargetGroups = [] } = await elb.send(new CreateTargetGroupCommand({ Name: name, Protocol: "TCP", Port: 5432, VpcId: vpcId, TargetType: targetType }));
  return TargetGroups[0]!;
}

describe("sandbox: Elastic Load Balancing v2", () => {
  it("creates an internal NLB, provisioning then active, and the same request again returns it", async () => {
    const lb = await nlb("orders");
    expect(lb).toMatchObject({ LoadBalancerName: "orders", Type: "network", Scheme: "internal", VpcId: vpcId });
    expect(lb.LoadBalancerArn).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:222222222222:loadbalancer\/net\/orders\/[0-9a-f]{16}$/);
    expect((await nlb("orders")).LoadBalancerArn).toBe(lb.LoadBalancerArn);
    const { LoadBalancers = [] } = await elb.send(new DescribeLoadBalancersCommand({ Names: ["orders"] }));
    expect(LoadBalancers[0]?.State?.Code).toBe("active"); // zero delays: active by the next call
    await expectAwsError(
      elb.send(new CreateLoadBalancerCommand({ Name: "orders", Type: "network", Scheme: "internet-facing", Subnets: [subnets[0]!.id] })),
      "DuplicateLoadBalancerNameException",
    );
  });

  it("answers ELBv2's errors for bad names, subnets and other accounts' resources", async () => {
    await expectAwsError(elb.send(new CreateLoadBalancerCommand({ Name: "-bad-", Type: "network", Subnets: [subnets[0]!.id] })), "ValidationError");
    await expectAwsError(
      elb.send(new CreateLoadBalancerCommand({ Name: "nosub", Type: "network", Subnets: ["subnet-0123456789abcdef0"] })),
      "SubnetNotFoundException",
    );
    await expectAwsError(
      elb.send(new CreateLoadBalancerCommand({ Name: "one-az-app", Type: "application", Subnets: [subnets[0]!.id] })),
      "InvalidConfigurationRequestException",
    );
    const lb = await nlb("private");
    const other = new ElasticLoadBalancingV2Client({ endpoint: sandbox().url, region: "us-east-1", credentials: credentialsOf(CUSTOMER_B), maxAttempts: 1 });
    await expectAwsError(other.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lb.LoadBalancerArn!] })), "LoadBalancerNotFoundException");
  });

  it("an NLB created without security groups can never get one (the PrivateLink pitfall)", async () => {
    const { GroupId } = await ec2().send(new CreateSecurityGroupCommand({ GroupName: "nlb", Description: "nlb", VpcId: vpcId }));
    const bare = await nlb("bare");
    await expectAwsError(
      elb.send(new SetSecurityGroupsCommand({ LoadBalancerArn: bare.LoadBalancerArn, SecurityGroups: [GroupId!] })),
      "InvalidConfigurationRequestException",
    );
    const guarded = await nlb("guarded", { SecurityGroups: [GroupId!] });
    const set = await elb.send(
      new SetSecurityGroupsCommand({
        LoadBalancerArn: guarded.LoadBalancerArn,
        SecurityGroups: [GroupId!],
        EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: "off",
      }),
    );
    expect(set.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic).toBe("off");
    await expectAwsError(ec2().send(new DeleteSecurityGroupCommand({ GroupId })), "DependencyViolation");
  });

  it("target groups, targets and listeners: attributes, health, protocol and association rules", async () => {
    const lb = await nlb("api");
    const group = await tcpGroup("api-5432");
    const attributes = await elb.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: group.TargetGroupArn,
        Attributes: [
          { Key: "proxy_protocol_v2.enabled", Value: "false" },
          { Key: "preserve_client_ip.enabled", Value: "false" },
        ],
      }),
    );
    expect(attributes.Attributes).toContainEqual({ Key: "preserve_client_ip.enabled", Value: "false" });
    expect((await elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: group.TargetGroupArn }))).Attributes).toContainEqual({
      Key: "deregistration_delay.timeout_seconds",
      Value: "300",
    });
    await expectAwsError(
      elb.send(new RegisterTargetsCommand({ TargetGroupArn: group.TargetGroupArn, Targets: [{ Id: "192.0.2.10" }] })),
      "InvalidTargetException",
    );
    const ip = subnets[0]!.cidr.replace(/0\/20$/, "10");
    await elb.send(new RegisterTargetsCommand({ TargetGroupArn: group.TargetGroupArn, Targets: [{ Id: ip }] }));
    const health = async () =>
      (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn }))).TargetHealthDescriptions?.map((d) => d.TargetHealth?.State);
    expect(await health()).toEqual(["unused"]);
    const udp = (await elb.send(new CreateTargetGroupCommand({ Name: "api-udp", Protocol: "UDP", Port: 53, VpcId: vpcId, TargetType: "ip" })))
      .TargetGroups![0]!;
    await expectAwsError(
      elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: lb.LoadBalancerArn,
          Protocol: "TCP",
          Port: 53,
          DefaultActions: [{ Type: "forward", TargetGroupArn: udp.TargetGroupArn }],
        }),
      ),
      "IncompatibleProtocolsException",
    );
    await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancerArn,
        Protocol: "TCP",
        Port: 5432,
        DefaultActions: [{ Type: "forward", TargetGroupArn: group.TargetGroupArn }],
      }),
    );
    // In use now: the data plane checks it, and never dials an address outside 127.0.0.0/8 (data-plane tests).
    expect(await health()).toEqual(["unhealthy"]);
    const another = await tcpGroup("api-other");
    await expectAwsError(
      elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: lb.LoadBalancerArn,
          Protocol: "TCP",
          Port: 5432,
          DefaultActions: [{ Type: "forward", TargetGroupArn: another.TargetGroupArn }],
        }),
      ),
      "DuplicateListenerException",
    );
    const second = await nlb("api-two");
    await expectAwsError(
      elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: second.LoadBalancerArn,
          Protocol: "TCP",
          Port: 5432,
          DefaultActions: [{ Type: "forward", TargetGroupArn: group.TargetGroupArn }],
        }),
      ),
      "TargetGroupAssociationLimitException",
    );
    await expectAwsError(elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: group.TargetGroupArn })), "ResourceInUseException");
    await elb.send(new AddTagsCommand({ ResourceArns: [lb.LoadBalancerArn!, group.TargetGroupArn!], Tags: [{ Key: "team", Value: "data" }] }));
    const tags = await elb.send(new DescribeTagsCommand({ ResourceArns: [group.TargetGroupArn!] }));
    expect(tags.TagDescriptions?.[0]?.Tags).toEqual([{ Key: "team", Value: "data" }]);
  });

  it("an endpoint service from a customer-made NLB takes its zones, and keeps the NLB from being deleted", async () => {
    const lb = await nlb("svc");
    const { ServiceConfiguration } = await ec2().send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [lb.LoadBalancerArn!] }));
    expect(ServiceConfiguration?.AvailabilityZoneIds).toEqual(["use1-az2", "use1-az3"]);
    await expectAwsError(elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lb.LoadBalancerArn })), "ResourceInUseException");
    const alb = (
      await elb.send(new CreateLoadBalancerCommand({ Name: "web", Type: "application", Scheme: "internal", Subnets: [subnets[0]!.id, subnets[1]!.id] }))
    ).LoadBalancers![0]!;
    await expectAwsError(ec2().send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [alb.LoadBalancerArn!] })), "InvalidParameter");
  });
});

describe("sandbox: security group rules, route tables and gateway endpoints", () => {
  it("authorizes and revokes rules by value and by id, and refuses duplicates", async () => {
    const { GroupId } = await ec2().send(new CreateSecurityGroupCommand({ GroupName: "rules", Description: "rules", VpcId: vpcId }));
    const added = await ec2().send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId,
        IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.10.0.0/16" }] }],
      }),
    );
    expect(added.SecurityGroupRules?.[0]).toMatchObject({ GroupId, IsEgress: false, IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIpv4: "10.10.0.0/16" });
    await expectAwsError(
      ec2().send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId,
          IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.10.0.0/16" }] }],
        }),
      ),
      "InvalidPermission.Duplicate",
    );
    await ec2().send(
      new RevokeSecurityGroupEgressCommand({ GroupId, IpPermissions: [{ IpProtocol: "-1", FromPort: 0, ToPort: 0, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] }),
    );
    const rules = await ec2().send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: "group-id", Values: [GroupId!] }] }));
    expect(rules.SecurityGroupRules?.map((r) => `${r.IsEgress ? "out" : "in"} ${r.CidrIpv4}:${r.FromPort}`)).toEqual(["in 10.10.0.0/16:443"]);
    await expectAwsError(ec2().send(new CreateSecurityGroupCommand({ GroupName: "rules", Description: "again", VpcId: vpcId })), "InvalidGroup.Duplicate");
  });

  it("an S3 gateway endpoint adds a prefix-list route to the VPC's route table", async () => {
    const { RouteTables = [] } = await ec2().send(new DescribeRouteTablesCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }));
    const routeTableId = RouteTables[0]!.RouteTableId!;
    const { VpcEndpoint } = await ec2().send(
      new CreateVpcEndpointCommand({ VpcEndpointType: "Gateway", VpcId: vpcId, ServiceName: "com.amazonaws.us-east-1.s3", RouteTableIds: [routeTableId] }),
    );
    expect(VpcEndpoint).toMatchObject({ VpcEndpointType: "Gateway", State: "available", RouteTableIds: [routeTableId] });
    const after = await ec2().send(new DescribeRouteTablesCommand({ RouteTableIds: [routeTableId] }));
    expect(after.RouteTables?.[0]?.Routes).toContainEqual(
      expect.objectContaining({ DestinationPrefixListId: "pl-63a5400a", GatewayId: VpcEndpoint?.VpcEndpointId }),
    );
    await expectAwsError(
      ec2().send(
        new CreateVpcEndpointCommand({ VpcEndpointType: "Gateway", VpcId: vpcId, ServiceName: "com.amazonaws.us-east-1.s3", RouteTableIds: [routeTableId] }),
      ),
      "RouteAlreadyExists",
    );
  });
});
