/**
 * Ready-made infrastructure code for the customer's side of a link: an endpoint service in front
 * of their internal NLB, our principal on its allow list, acceptance on, and the NLB's security
 * group open to our CIDRs on the ports we use. Pure: JSON out (CloudFormation and Terraform's JSON
 * syntax) so tests parse exactly what customers copy.
 */

export type IacInput = {
  principalArn: string;
  region: string;
  cidrs: string[];
  ports: number[];
  availabilityZoneIds: string[];
};

export function cloudFormationTemplate(input: IacInput): string {
  const ingress = input.cidrs.flatMap((cidr) =>
    input.ports.map((port) => ({ IpProtocol: "tcp", FromPort: port, ToPort: port, CidrIp: cidr, Description: "PrivateLink portal vendor" })),
  );
  const template = {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `Endpoint service for the PrivateLink portal in ${input.region}. Your NLB must be enabled in at least one of ${input.availabilityZoneIds.join(", ")}.`,
    Parameters: {
      NetworkLoadBalancerArn: { Type: "String", Description: "ARN of your internal Network Load Balancer" },
      LoadBalancerSecurityGroupId: { Type: "AWS::EC2::SecurityGroup::Id", Description: "Security group attached to the NLB" },
    },
    Resources: {
      EndpointService: {
        Type: "AWS::EC2::VPCEndpointService",
        Properties: { AcceptanceRequired: true, NetworkLoadBalancerArns: [{ Ref: "NetworkLoadBalancerArn" }] },
      },
      VendorPermission: {
        Type: "AWS::EC2::VPCEndpointServicePermissions",
        Properties: { ServiceId: { Ref: "EndpointService" }, AllowedPrincipals: [input.principalArn] },
      },
      ...Object.fromEntries(
        ingress.map((rule, index) => [`VendorIngress${index + 1}`, { Type: "AWS::EC2::SecurityGroupIngress", Properties: { GroupId: { Ref: "LoadBalancerSecurityGroupId" }, ...rule } }]),
      ),
    },
    Outputs: {
      ServiceName: {
        Description: "Register this name in the portal",
        Value: { "Fn::Sub": "com.amazonaws.vpce.${AWS::Region}.${EndpointService}" },
      },
    },
  };
  return JSON.stringify(template, null, 2);
}

export function terraformJson(input: IacInput): string {
  const config = {
    variable: {
      nlb_arn: { type: "string", description: "ARN of your internal Network Load Balancer" },
      nlb_security_group_id: { type: "string", description: "Security group attached to the NLB" },
    },
    provider: { aws: { region: input.region } },
    resource: {
      aws_vpc_endpoint_service: {
        privatelink_portal: { acceptance_required: true, network_load_balancer_arns: ["${var.nlb_arn}"], allowed_principals: [input.principalArn] },
      },
      aws_vpc_security_group_ingress_rule: Object.fromEntries(
        input.cidrs.flatMap((cidr, c) =>
          input.ports.map((port) => [
            `privatelink_portal_${c + 1}_${port}`,
            { security_group_id: "${var.nlb_security_group_id}", cidr_ipv4: cidr, ip_protocol: "tcp", from_port: port, to_port: port, description: "PrivateLink portal vendor" },
          ]),
        ),
      ),
    },
    output: { service_name: { value: "${aws_vpc_endpoint_service.privatelink_portal.service_name}", description: "Register this name in the portal" } },
  };
  return JSON.stringify(config, null, 2);
}

export function awsCliCommands(input: IacInput): string {
  return [
    `aws ec2 create-vpc-endpoint-service-configuration --region ${input.region} \\`,
    `  --network-load-balancer-arns <your NLB ARN> --acceptance-required`,
    `aws ec2 modify-vpc-endpoint-service-permissions --region ${input.region} \\`,
    `  --service-id <vpce-svc-id from above> --add-allowed-principals ${input.principalArn}`,
    ...input.cidrs.flatMap((cidr) =>
      input.ports.map((port) => `aws ec2 authorize-security-group-ingress --region ${input.region} --group-id <your NLB security group> --protocol tcp --port ${port} --cidr ${cidr}`),
    ),
  ].join("\n");
}
