import {
  GATEWAY_GROUP_DESCRIPTION,
  GATEWAY_SECURITY_NOTE,
  gatewayZoneSentence,
  RESOURCE_NAME,
  RESOURCE_NAME_RULE,
  RESOURCE_TARGET_WORDS,
  resourceExample,
  resourceFileName,
  resourceNameNote,
  resourcePattern,
  resourceSummary,
  shareSentence,
  type ResourceKitInput,
} from "./resource-kit";
import { comments } from "./text";

/**
 * The CloudFormation kit of a resource: a YAML template, one stack per resource, with the
 * configuration's and the share's ARNs as outputs. CloudFormation cannot read a subnet's AZ ID, so
 * the zones are the customer's to check (the parameter's description names them).
 */

const q = (value: string) => JSON.stringify(value);

function definition(input: ResourceKitInput): string[] {
  const parameter = RESOURCE_TARGET_WORDS[input.target].input.cloudformation;
  if (input.target === "rds-arn") return ["      ResourceConfigurationDefinition:", `        ArnResource: !Ref ${parameter}`];
  if (input.target === "ip") return ["      ResourceConfigurationDefinition:", `        IpResource: !Ref ${parameter}`];
  return ["      ResourceConfigurationDefinition:", "        DnsResource:", `          DomainName: !Ref ${parameter}`, "          IpAddressType: IPV4"];
}

export function resourceCloudFormationTemplate(input: ResourceKitInput): string {
  const words = RESOURCE_TARGET_WORDS[input.target];
  const parameter = words.input.cloudformation;
  const isDomain = input.target === "domain";
  const ports = input.ports.length ? `, ports ${input.ports.join(", ")}` : "";
  // AWS's own rule for both names; CloudFormation reads lookaheads (Java regexes).
  const namePattern = `^(?!${RESOURCE_NAME.reservedPrefixes.join("|")})${RESOURCE_NAME.pattern.slice(1)}`;
  const lines: string[] = [
    ...comments(resourceSummary(input)),
    "# Deploy it in your account, one stack per resource:",
    `#   aws cloudformation deploy --stack-name privatelink-orders-db --template-file ${resourceFileName("cloudformation", input)} \\`,
    `#     --parameter-overrides Name=orders-db VpcId=vpc-0123... SubnetIds=subnet-0aaa,subnet-0bbb ${parameter}=...`,
    ...comments("Its outputs ResourceConfigurationArn and ResourceShareArn are what a resource link with us needs."),
    ...comments(resourceNameNote("Name", "Deploy the same stack again to finish it.")),
    ...comments(words.note),
    ...comments(GATEWAY_SECURITY_NOTE),
    ...comments(shareSentence(input)),
    'AWSTemplateFormatVersion: "2010-09-09"',
    `Description: ${q(`PrivateLink resource setup for ${input.region} (${input.target}${ports}): a resource gateway, a resource configuration and its share with our account`)}`,
    "",
    "Parameters:",
    "  VpcId:",
    "    Type: AWS::EC2::VPC::Id",
    "    Description: The VPC of the resource gateway (your resource's VPC, or one that reaches it).",
    "  SubnetIds:",
    "    Type: List<AWS::EC2::Subnet::Id>",
    `    Description: ${q(`Private subnets for the resource gateway. ${gatewayZoneSentence(input)}`)}`,
    `  ${parameter}:`,
    "    Type: String",
    `    AllowedPattern: ${q(resourcePattern(input))}`,
    `    ConstraintDescription: ${q(words.description)}`,
    `    Description: ${q(`${words.description[0]!.toUpperCase()}${words.description.slice(1)}, e.g. ${resourceExample(input)}.`)}`,
    ...(isDomain
      ? [
          "  DnsResolution:",
          "    Type: String",
          "    Default: PUBLIC",
          "    AllowedValues: [PUBLIC, IN_VPC]",
          "    Description: How the resource gateway resolves the domain name, set when it is made; IN_VPC uses your VPC's resolver (private hosted zones included).",
        ]
      : []),
    "  Name:",
    "    Type: String",
    `    AllowedPattern: ${q(namePattern)}`,
    `    MinLength: ${RESOURCE_NAME.minLength}`,
    `    MaxLength: ${RESOURCE_NAME.maxLength}`,
    `    ConstraintDescription: ${q(RESOURCE_NAME_RULE)}`,
    "    Description: This resource's name, unique in your account and region (one stack per resource); the resource gateway's, the resource configuration's and the resource share's.",
    "",
    "Resources:",
    "  ResourceGatewaySecurityGroup:",
    "    Type: AWS::EC2::SecurityGroup",
    "    Properties:",
    `      GroupDescription: ${q(GATEWAY_GROUP_DESCRIPTION)}`,
    "      VpcId: !Ref VpcId",
    "",
    "  ResourceGateway:",
    "    Type: AWS::VpcLattice::ResourceGateway",
    "    Properties:",
    "      Name: !Ref Name",
    "      VpcIdentifier: !Ref VpcId",
    "      SubnetIds: !Ref SubnetIds",
    "      SecurityGroupIds: [!GetAtt ResourceGatewaySecurityGroup.GroupId]",
    "      IpAddressType: IPV4",
    ...(isDomain ? ["      ResourceConfigDnsResolution: !Ref DnsResolution"] : []),
    "",
    "  ResourceConfiguration:",
    "    Type: AWS::VpcLattice::ResourceConfiguration",
    "    Properties:",
    "      Name: !Ref Name",
    `      ResourceConfigurationType: ${words.type}`,
    "      ResourceGatewayId: !GetAtt ResourceGateway.Id",
    ...(input.ports.length ? ["      ProtocolType: TCP", `      PortRanges: [${input.ports.map((port) => q(String(port))).join(", ")}]`] : []),
    ...definition(input),
    "",
    "  ResourceShare:",
    "    Type: AWS::RAM::ResourceShare",
    "    Properties:",
    "      Name: !Ref Name",
    "      AllowExternalPrincipals: true",
    "      ResourceArns: [!GetAtt ResourceConfiguration.Arn]",
    `      Principals: [${q(input.vendorAccountId)}]`,
    "",
    "Outputs:",
    "  ResourceConfigurationArn:",
    "    Description: The resource configuration; a resource link with us needs its ARN.",
    "    Value: !GetAtt ResourceConfiguration.Arn",
    "  ResourceShareArn:",
    "    Description: The resource share whose invitation we accept; a resource link with us needs its ARN too.",
    "    Value: !GetAtt ResourceShare.Arn",
    "  ResourceGatewaySecurityGroupId:",
    "    Description: Allow it on your resource's port in your resource's security group.",
    "    Value: !GetAtt ResourceGatewaySecurityGroup.GroupId",
  ];
  return `${lines.join("\n")}\n`;
}
