import {
  azSentence,
  fileName,
  healthCheckProtocol,
  nameNote,
  NAME_PATTERN,
  SECURITY_GROUP_NOTE,
  TARGET_SECURITY_NOTE,
  TARGETS,
  targetGroupAttributes,
  targetType,
  type KitInput,
} from "./kit";
import { bucketPolicyDocument, comments } from "./text";

/**
 * The CloudFormation kit: a YAML template with parameters for the customer's VPC, subnets and
 * targets, and the endpoint service name as an output. CloudFormation cannot loop over a list
 * parameter inside one resource's Targets, so a target group takes up to MAX_TARGETS targets
 * (register more later with register-targets or the console).
 */

export const MAX_TARGETS = 4;

const q = (value: string) => JSON.stringify(value);

/** The i-th target, from the list padded with empty entries so !Select never runs past its end. */
function paddedTarget(i: number): string {
  return `!Select [${i}, !Split [",", !Sub ["\${Joined}${",".repeat(MAX_TARGETS)}", { Joined: !Join [",", !Ref Targets] }]]]`;
}

function targetsParameter(input: KitInput): string[] {
  const kind = TARGETS[input.target];
  const type = input.target === "alb" ? "String" : input.target === "instance" ? "List<AWS::EC2::Instance::Id>" : "CommaDelimitedList";
  const description = input.target === "alb" ? `The ARN of your internal Application Load Balancer.` : `Up to ${MAX_TARGETS}: ${kind.targets}.`;
  return [
    "  Targets:",
    `    Type: ${type}`,
    `    Description: ${q(description)}`,
    ...(input.target === "alb"
      ? ['    AllowedPattern: "^arn:aws[a-z-]*:elasticloadbalancing:.+:loadbalancer/app/.+$"', "    ConstraintDescription: an Application Load Balancer ARN"]
      : []),
  ];
}

function targetGroup(input: KitInput, port: number): string[] {
  const attributes = targetGroupAttributes(input.target);
  const targets =
    input.target === "alb"
      ? ["        - Id: !Ref Targets"]
      : [
          "        - Id: !Select [0, !Ref Targets]",
          ...Array.from({ length: MAX_TARGETS - 1 }, (_, i) => `        - !If [HasTarget${i + 2}, { Id: ${paddedTarget(i + 1)} }, !Ref AWS::NoValue]`),
        ];
  return [
    `  TargetGroup${port}:`,
    "    Type: AWS::ElasticLoadBalancingV2::TargetGroup",
    "    Properties:",
    "      Name: !Sub ${Name}-" + port,
    "      Protocol: TCP",
    `      Port: ${port}`,
    "      VpcId: !Ref VpcId",
    `      TargetType: ${targetType(input.target)}`,
    "      HealthCheckEnabled: true",
    `      HealthCheckProtocol: ${healthCheckProtocol(input.target, port)}`,
    ...(input.target === "alb" ? ["      HealthCheckPath: /"] : []),
    ...(attributes.length ? ["      TargetGroupAttributes:", ...attributes.flatMap((a) => [`        - Key: ${a.key}`, `          Value: ${q(a.value)}`])] : []),
    "      Targets:",
    ...targets,
    "",
    `  Listener${port}:`,
    "    Type: AWS::ElasticLoadBalancingV2::Listener",
    "    Properties:",
    "      LoadBalancerArn: !Ref LoadBalancer",
    "      Protocol: TCP",
    `      Port: ${port}`,
    "      DefaultActions:",
    "        - Type: forward",
    `          TargetGroupArn: !Ref TargetGroup${port}`,
    "",
  ];
}

export function cloudFormationTemplate(input: KitInput): string {
  const kind = TARGETS[input.target];
  const ingress = input.cidrs.flatMap((cidr) => input.ports.map((port) => ({ cidr, port })));
  const description = `PrivateLink setup for ${input.region}: an internal NLB in front of ${kind.what}, a TCP listener and target group per port (${input.ports.join(", ")}), and an endpoint service that allows our principal and requires your acceptance.`;
  const lines: string[] = [
    ...comments(description),
    "# Deploy it in your account, one stack per service, and register the ServiceName output with us:",
    `#   aws cloudformation deploy --stack-name privatelink-orders --template-file ${fileName("cloudformation", input)} \\`,
    "#     --parameter-overrides Name=orders VpcId=vpc-0123... SubnetIds=subnet-0aaa,subnet-0bbb Targets=...",
    ...comments(nameNote("Name", "Deploy the same stack again to finish or change a service.")),
    ...(kind.note ? comments(kind.note) : []),
    ...comments(TARGET_SECURITY_NOTE),
    'AWSTemplateFormatVersion: "2010-09-09"',
    `Description: ${q(`PrivateLink setup for ${input.region} (${input.target} targets, ports ${input.ports.join(", ")})`)}`,
    "",
    "Parameters:",
    "  VpcId:",
    "    Type: AWS::EC2::VPC::Id",
    "    Description: The VPC of your service.",
    "  SubnetIds:",
    "    Type: List<AWS::EC2::Subnet::Id>",
    `    Description: ${q(`Private subnets for the NLB. ${azSentence(input)}`)}`,
    ...targetsParameter(input),
    "  Name:",
    "    Type: String",
    `    AllowedPattern: ${NAME_PATTERN}`,
    "    ConstraintDescription: at most 26 letters, digits or hyphens",
    "    Description: This service's name, unique in your account and region (one stack per service); the NLB's name and its target groups' prefix.",
    "  CreateSecurityGroup:",
    "    Type: String",
    '    Default: "true"',
    '    AllowedValues: ["true", "false"]',
    `    Description: ${q(SECURITY_GROUP_NOTE)}`,
    ...(input.s3GatewayEndpoint
      ? [
          "  RouteTableIds:",
          "    Type: CommaDelimitedList",
          "    Description: Route tables the S3 gateway endpoint is added to (comma-separated ids).",
          "  BucketName:",
          "    Type: String",
          '    Default: ""',
          "    Description: An S3 bucket to restrict to the S3 gateway endpoint (object reads and writes from elsewhere are denied); empty for none.",
        ]
      : []),
    "",
    "Conditions:",
    '  HasSecurityGroup: !Equals [!Ref CreateSecurityGroup, "true"]',
    ...(input.target === "alb" ? [] : Array.from({ length: MAX_TARGETS - 1 }, (_, i) => `  HasTarget${i + 2}: !Not [!Equals ["", ${paddedTarget(i + 1)}]]`)),
    ...(input.s3GatewayEndpoint ? ['  HasBucket: !Not [!Equals [!Ref BucketName, ""]]'] : []),
    "",
    "Resources:",
    "  LoadBalancerSecurityGroup:",
    "    Type: AWS::EC2::SecurityGroup",
    "    Condition: HasSecurityGroup",
    "    Properties:",
    '      GroupDescription: "PrivateLink NLB: our CIDRs on your ports"',
    "      VpcId: !Ref VpcId",
    "      SecurityGroupIngress:",
    ...ingress.flatMap(({ cidr, port }) => [
      "        - IpProtocol: tcp",
      `          FromPort: ${port}`,
      `          ToPort: ${port}`,
      `          CidrIp: ${cidr}`,
      "          Description: 'PrivateLink: our clients'",
    ]),
    "",
    "  LoadBalancer:",
    "    Type: AWS::ElasticLoadBalancingV2::LoadBalancer",
    "    Properties:",
    "      Name: !Ref Name",
    "      Type: network",
    "      Scheme: internal",
    "      Subnets: !Ref SubnetIds",
    "      SecurityGroups: !If [HasSecurityGroup, [!Ref LoadBalancerSecurityGroup], !Ref AWS::NoValue]",
    '      EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: !If [HasSecurityGroup, "on", !Ref AWS::NoValue]',
    "      LoadBalancerAttributes:",
    "        - Key: load_balancing.cross_zone.enabled",
    '          Value: "true"',
    "",
    ...input.ports.flatMap((port) => targetGroup(input, port)),
    "  EndpointService:",
    "    Type: AWS::EC2::VPCEndpointService",
    `    DependsOn: [${input.ports.map((port) => `Listener${port}`).join(", ")}]`,
    "    Properties:",
    "      AcceptanceRequired: true",
    "      NetworkLoadBalancerArns: [!Ref LoadBalancer]",
    ...(input.supportedRegions.length ? [`      SupportedRegions: [${[input.region, ...input.supportedRegions].join(", ")}]`] : []),
    "",
    "  EndpointServicePermissions:",
    "    Type: AWS::EC2::VPCEndpointServicePermissions",
    "    Properties:",
    "      ServiceId: !Ref EndpointService",
    `      AllowedPrincipals: [${q(input.principalArn)}]`,
    "",
    ...(input.s3GatewayEndpoint ? s3Resources() : []),
    "Outputs:",
    "  ServiceName:",
    "    Description: Register this endpoint service name with us.",
    '    Value: !Sub "com.amazonaws.vpce.${AWS::Region}.${EndpointService}"',
    "  ServiceId:",
    "    Description: Accept our connection request on this endpoint service.",
    "    Value: !Ref EndpointService",
    "  LoadBalancerSecurityGroupId:",
    "    Condition: HasSecurityGroup",
    "    Description: Allow it on the target port in your targets' security groups.",
    "    Value: !Ref LoadBalancerSecurityGroup",
    ...(input.s3GatewayEndpoint ? ["  S3EndpointId:", "    Value: !Ref S3GatewayEndpoint"] : []),
  ];
  return `${lines.join("\n")}\n`;
}

function s3Resources(): string[] {
  const policy = bucketPolicyDocument("${BucketName}", "ENDPOINT");
  const statement = policy.Statement[0]!;
  return [
    "  S3GatewayEndpoint:",
    "    Type: AWS::EC2::VPCEndpoint",
    "    Properties:",
    "      VpcEndpointType: Gateway",
    "      VpcId: !Ref VpcId",
    '      ServiceName: !Sub "com.amazonaws.${AWS::Region}.s3"',
    "      RouteTableIds: !Ref RouteTableIds",
    "",
    "  BucketPolicy:",
    "    Type: AWS::S3::BucketPolicy",
    "    Condition: HasBucket",
    "    Properties:",
    "      Bucket: !Ref BucketName",
    "      PolicyDocument:",
    `        Version: ${q(policy.Version)}`,
    "        Statement:",
    `          - Sid: ${statement.Sid}`,
    `            Effect: ${statement.Effect}`,
    `            Principal: ${q(statement.Principal)}`,
    `            Action: [${statement.Action.map(q).join(", ")}]`,
    `            Resource: !Sub ${q(statement.Resource)}`,
    "            Condition:",
    "              StringNotEquals:",
    '                "aws:SourceVpce": !Ref S3GatewayEndpoint',
    "",
  ];
}
