import "server-only";
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  ModifyVpcEndpointServicePermissionsCommand,
  type EC2Client,
  type Subnet,
} from "@aws-sdk/client-ec2";
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ModifyLoadBalancerAttributesCommand,
  RegisterTargetsCommand,
  SetSecurityGroupsCommand,
  type ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { AppError } from "@/lib/errors";
import { sandboxTargetSchema, type SandboxTarget } from "./schemas";

// The customer's whole side of a link, as the setup kits build it, in whichever account the clients sign for: the console
// calls it with the organization's sandbox account, the demo seed with the demo organization's. A plain function over AWS
// clients, so both share it and neither needs a request context.

export type CustomerClients = { ec2: EC2Client; elb: ElasticLoadBalancingV2Client };

export type CustomerServiceSpec = {
  /** The load balancer's, the target group's and (with a suffix) the security group's name. */
  name: string;
  /** The listener's port: what the vendor connects to. */
  port: number;
  target: SandboxTarget;
  acceptanceRequired: boolean;
  allowedPrincipals: string[];
};

export type BuiltCustomerService = {
  serviceId: string;
  serviceName: string;
  loadBalancerArn: string;
  targetGroupArn: string;
  listenerArn: string;
  securityGroupId: string;
};

/**
 * The account's VPC and its subnets in its first two zones, which the vendor's subnets share (a sandbox account sees its zones
 * named so): where a load balancer or a resource gateway goes. `what` names it in the refusal when the account has no subnet.
 */
export async function customerNetwork(ec2: EC2Client, what: string): Promise<{ vpcId: string; cidr: string | undefined; subnets: Subnet[] }> {
  const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({}));
  const vpcId = Subnets[0]?.VpcId;
  if (!vpcId) throw new AppError("conflict", `The account has no subnet to put ${what} in.`);
  const subnets = Subnets.filter((s) => s.VpcId === vpcId)
    .sort((a, b) => (a.AvailabilityZone ?? "").localeCompare(b.AvailabilityZone ?? ""))
    .slice(0, 2);
  const { Vpcs = [] } = await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
  return { vpcId, cidr: Vpcs[0]?.CidrBlock, subnets };
}

/**
 * An internal NLB in two zones with a security group, a TCP target group with one IP target, a listener on `port`, and the
 * endpoint service. The security group admits the VPC's own clients only, and enforcement on PrivateLink traffic starts off:
 * the path works, and turning enforcement on (without the vendor's CIDRs) is one of the breaks the console offers. The
 * target sits in the first zone and cross-zone load balancing starts on, so turning it off leaves the second zone without
 * a healthy target: another break.
 */
export async function buildCustomerService({ ec2, elb }: CustomerClients, spec: CustomerServiceSpec): Promise<BuiltCustomerService> {
  // Checked here as well as at the route: the seed calls this directly, and the data plane connects to whatever is registered.
  const target = sandboxTargetSchema.safeParse(spec.target);
  if (!target.success) throw new AppError("validation_failed", "A sandbox target is a TCP service on a loopback address (127.0.0.0/8).");

  const { vpcId, cidr, subnets } = await customerNetwork(ec2, "a load balancer");

  const { GroupId: securityGroupId } = await ec2.send(
    new CreateSecurityGroupCommand({ GroupName: `${spec.name}-nlb`, Description: `${spec.name}: the load balancer's inbound rules`, VpcId: vpcId }),
  );
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: securityGroupId,
      IpPermissions: [{ IpProtocol: "tcp", FromPort: spec.port, ToPort: spec.port, IpRanges: [{ CidrIp: cidr, Description: "clients in this VPC" }] }],
    }),
  );

  const { LoadBalancers = [] } = await elb.send(
    new CreateLoadBalancerCommand({
      Name: spec.name,
      Type: "network",
      Scheme: "internal",
      Subnets: subnets.map((s) => s.SubnetId!),
      SecurityGroups: [securityGroupId!],
    }),
  );
  const loadBalancerArn = LoadBalancers[0]!.LoadBalancerArn!;
  await elb.send(
    new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: loadBalancerArn, Attributes: [{ Key: "load_balancing.cross_zone.enabled", Value: "true" }] }),
  );
  await elb.send(
    new SetSecurityGroupsCommand({
      LoadBalancerArn: loadBalancerArn,
      SecurityGroups: [securityGroupId!],
      EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: "off",
    }),
  );

  const { TargetGroups = [] } = await elb.send(
    new CreateTargetGroupCommand({
      Name: spec.name,
      Protocol: "TCP",
      Port: target.data.port,
      VpcId: vpcId,
      TargetType: "ip",
      HealthCheckProtocol: "TCP",
      // The quickest checks AWS allows, so a target's health (and the zone it leaves without one) shows within seconds.
      HealthCheckIntervalSeconds: 5,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 2,
    }),
  );
  const targetGroupArn = TargetGroups[0]!.TargetGroupArn!;
  await elb.send(new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: [registeredTarget(target.data, subnets[0]?.AvailabilityZone)] }));
  const { Listeners = [] } = await elb.send(
    new CreateListenerCommand({
      LoadBalancerArn: loadBalancerArn,
      Protocol: "TCP",
      Port: spec.port,
      DefaultActions: [{ Type: "forward", TargetGroupArn: targetGroupArn }],
    }),
  );

  const { ServiceConfiguration: service } = await ec2.send(
    new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [loadBalancerArn], AcceptanceRequired: spec.acceptanceRequired }),
  );
  if (spec.allowedPrincipals.length) {
    await ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: service!.ServiceId!, AddAllowedPrincipals: spec.allowedPrincipals }));
  }
  return {
    serviceId: service!.ServiceId!,
    serviceName: service!.ServiceName!,
    loadBalancerArn,
    targetGroupArn,
    listenerArn: Listeners[0]!.ListenerArn!,
    securityGroupId: securityGroupId!,
  };
}

/** A loopback address is outside the VPC's CIDR: AWS admits it with AvailabilityZone=all (every zone), the sandbox in one zone too. */
export function registeredTarget(target: SandboxTarget, zone = "all") {
  return { Id: target.address, Port: target.port, AvailabilityZone: zone };
}
