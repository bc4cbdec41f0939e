import { attrs, block, list, str, terraformRequirements, validation, variable, type Attr, type Line } from "./hcl";
import {
  GATEWAY_GROUP_DESCRIPTION,
  GATEWAY_SECURITY_NOTE,
  gatewayZoneSentence,
  minimumZones,
  RESOURCE_NAME,
  RESOURCE_NAME_RULE,
  RESOURCE_TARGET_WORDS,
  resourceExample,
  resourceNameNote,
  resourcePattern,
  resourceSummary,
  shareSentence,
  type ResourceKitInput,
} from "./resource-kit";
import { comments } from "./text";

/**
 * The Terraform kit of a resource: one module file, as the service kit's (terraform.ts), one
 * module block per resource. hashicorp/aws 5.100.0 applies it; the version constraint is a
 * release whose documentation already has both VPC Lattice resources (5.87).
 */

export const PROVIDER_NOTE =
  "Written for hashicorp/aws 5.x (tested with 5.100.0). That provider cannot set a resource gateway's DNS resolution (the gateway resolves domain names as AWS's default does, publicly), and has neither a custom domain name nor domain verification for a resource configuration, nor private_dns_preference on VPC endpoints: we reach your resource by the DNS name AWS gives our endpoint, not by a name of yours.";

function egressRules(input: ResourceKitInput): Line[] {
  const variable = RESOURCE_TARGET_WORDS[input.target].input.terraform;
  const common: Attr[] = [
    ["security_group_id", "aws_security_group.gateway.id"],
    ["ip_protocol", str("tcp")],
  ];
  if (input.target === "rds-arn") {
    return [
      "# Traffic to your database, whose port the resource configuration follows, inside the VPC.",
      ...resource('"aws_vpc_security_group_egress_rule" "resource"', [
        ...common,
        ["cidr_ipv4", "data.aws_vpc.this.cidr_block"],
        ["from_port", "0"],
        ["to_port", "65535"],
      ]),
    ];
  }
  return [
    input.target === "ip" ? "# Traffic to your resource on its ports." : "# Traffic to your resource on its ports, wherever its name resolves.",
    ...resource('"aws_vpc_security_group_egress_rule" "resource"', [
      ["for_each", "toset([for port in local.ports : tostring(port)])"],
      ...common,
      ["cidr_ipv4", input.target === "ip" ? `"\${var.${variable}}/32"` : str("0.0.0.0/0")],
      ["from_port", "each.value"],
      ["to_port", "each.value"],
    ]),
  ];
}

function definitionBlock(input: ResourceKitInput): Line[] {
  const variable = `var.${RESOURCE_TARGET_WORDS[input.target].input.terraform}`;
  const inner =
    input.target === "rds-arn"
      ? block("arn_resource", attrs([["arn", variable]], "      "), "    ")
      : input.target === "domain"
        ? block(
            "dns_resource",
            attrs(
              [
                ["domain_name", `lower(${variable})`],
                ["ip_address_type", str("IPV4")],
              ],
              "      ",
            ),
            "    ",
          )
        : block("ip_resource", attrs([["ip_address", variable]], "      "), "    ");
  return block("resource_configuration_definition", inner, "  ");
}

/** A resource of one-line attributes. */
function resource(header: string, pairs: Attr[]): Line[] {
  return [...block(`resource ${header}`, attrs(pairs, "  ")), ""];
}

function precondition(condition: string, message: string): Line[] {
  return block(
    "precondition",
    attrs(
      [
        ["condition", condition],
        ["error_message", str(message)],
      ],
      "      ",
    ),
    "    ",
  );
}

function output(name: string, value: string, description?: string): Line[] {
  return [...block(`output "${name}"`, attrs([...(description ? ([["description", str(description)]] as Attr[]) : []), ["value", value]], "  ")), ""];
}

export function resourceTerraformModule(input: ResourceKitInput): string {
  const words = RESOURCE_TARGET_WORDS[input.target];
  const resourceVariable = words.input.terraform;
  const isArn = input.target === "rds-arn";
  const nameCondition = [
    `can(regex("${RESOURCE_NAME.pattern}", var.name))`,
    `length(var.name) >= ${RESOURCE_NAME.minLength}`,
    `length(var.name) <= ${RESOURCE_NAME.maxLength}`,
    ...RESOURCE_NAME.reservedPrefixes.map((prefix) => `!startswith(var.name, "${prefix}")`),
  ].join(" && ");
  const lines: Line[] = [
    ...comments(resourceSummary(input)),
    "#",
    "# Use it as a module from a configuration whose AWS provider is set to this region:",
    '#   module "orders_db" {',
    ...attrs(
      [
        ["source", `${str("./privatelink-orders-db")} # the folder holding this file`],
        ["name", str("orders-db")],
        ["vpc_id", str("vpc-0123456789abcdef0")],
        ["subnet_ids", list(["subnet-0aaa", "subnet-0bbb"])],
        [resourceVariable, str(resourceExample(input))],
      ],
      "#     ",
    ),
    "#   }",
    ...comments("Its outputs resource_configuration_arn and resource_share_arn are what a resource link with us needs."),
    ...comments(resourceNameNote("name", "Terraform keeps what it made in its state: apply again to finish or change it.")),
    ...comments(PROVIDER_NOTE),
    "",
    ...terraformRequirements("5.87"),
    "",
    ...variable("vpc_id", "string", "The VPC of the resource gateway (your resource's VPC, or one that reaches it)."),
    ...variable(
      "subnet_ids",
      "list(string)",
      `Private subnets for the resource gateway. ${gatewayZoneSentence(input)}`,
      validation(`length(var.subnet_ids) >= ${minimumZones(input)}`, `Give at least ${minimumZones(input)} subnets, one per zone.`),
    ),
    ...variable(
      resourceVariable,
      "string",
      `${words.description[0]!.toUpperCase()}${words.description.slice(1)}, e.g. ${resourceExample(input)}.`,
      validation(`can(regex("${resourcePattern(input)}", var.${resourceVariable}))`, `Give ${words.description}.`),
    ),
    ...variable(
      "name",
      "string",
      "This resource's name, unique in your account and region: the resource gateway's, the resource configuration's and the resource share's.",
      validation(nameCondition, `Use ${RESOURCE_NAME_RULE}.`),
    ),
    "# Ours, filled in for you.",
    ...block(
      "locals",
      attrs(
        [
          ["region", str(input.region)],
          ["vendor_account_id", str(input.vendorAccountId)],
          ...(isArn ? [] : ([["ports", list(input.ports)]] as Attr[])),
          ["vendor_az_ids", list(input.availabilityZoneIds)],
          ["min_zones", String(minimumZones(input))],
        ],
        "  ",
      ),
    ),
    "",
    ...block(
      'data "aws_subnet" "gateway"',
      attrs(
        [
          ["for_each", "toset(var.subnet_ids)"],
          ["id", "each.value"],
        ],
        "  ",
      ),
    ),
    "",
    ...(isArn ? [...block('data "aws_vpc" "this"', attrs([["id", "var.vpc_id"]], "  ")), ""] : []),
    ...comments(GATEWAY_SECURITY_NOTE),
    ...resource('"aws_security_group" "gateway"', [
      ["name_prefix", '"${var.name}-resource-gateway-"'],
      ["description", str(GATEWAY_GROUP_DESCRIPTION)],
      ["vpc_id", "var.vpc_id"],
    ]),
    ...egressRules(input),
    ...block('resource "aws_vpclattice_resource_gateway" "this"', [
      ...attrs(
        [
          ["name", "var.name"],
          ["vpc_id", "var.vpc_id"],
          ["subnet_ids", "var.subnet_ids"],
          ["security_group_ids", "[aws_security_group.gateway.id]"],
          ["ip_address_type", str("IPV4")],
        ],
        "  ",
      ),
      "",
      ...block(
        "lifecycle",
        [
          ...precondition(
            'alltrue([for subnet in data.aws_subnet.gateway : split(":", subnet.arn)[3] == local.region])',
            `This kit is for ${input.region}: use a provider and subnets in ${input.region}.`,
          ),
          ...precondition(
            "alltrue([for subnet in data.aws_subnet.gateway : contains(local.vendor_az_ids, subnet.availability_zone_id)])",
            `Put the resource gateway only in subnets in ${input.availabilityZoneIds.join(", ")} (AZ IDs).`,
          ),
          ...precondition(
            "length(distinct([for subnet in data.aws_subnet.gateway : subnet.availability_zone_id])) == length(var.subnet_ids) && length(var.subnet_ids) >= local.min_zones",
            `Give one subnet per zone, in at least ${minimumZones(input)} zones.`,
          ),
        ],
        "  ",
      ),
    ]),
    "",
    ...comments(words.note),
    ...block('resource "aws_vpclattice_resource_configuration" "this"', [
      ...attrs(
        [
          ["name", "var.name"],
          ["resource_gateway_identifier", "aws_vpclattice_resource_gateway.this.id"],
          ["type", str(words.type)],
          ...(isArn
            ? []
            : ([
                ["port_ranges", "[for port in local.ports : tostring(port)]"],
                ["protocol", str("TCP")],
              ] as Attr[])),
        ],
        "  ",
      ),
      "",
      ...definitionBlock(input),
    ]),
    "",
    ...comments(shareSentence(input)),
    ...resource('"aws_ram_resource_share" "this"', [
      ["name", "var.name"],
      ["allow_external_principals", "true"],
    ]),
    ...resource('"aws_ram_resource_association" "this"', [
      ["resource_arn", "aws_vpclattice_resource_configuration.this.arn"],
      ["resource_share_arn", "aws_ram_resource_share.this.arn"],
    ]),
    ...resource('"aws_ram_principal_association" "vendor"', [
      ["principal", "local.vendor_account_id"],
      ["resource_share_arn", "aws_ram_resource_share.this.arn"],
    ]),
    ...output(
      "resource_configuration_arn",
      "aws_vpclattice_resource_configuration.this.arn",
      "The resource configuration: a resource link with us needs its ARN.",
    ),
    ...output(
      "resource_share_arn",
      "aws_ram_resource_share.this.arn",
      "The resource share whose invitation we accept: a resource link with us needs its ARN too.",
    ),
    ...output("resource_configuration_id", "aws_vpclattice_resource_configuration.this.id"),
    ...output("resource_gateway_id", "aws_vpclattice_resource_gateway.this.id"),
    ...block(
      'output "resource_gateway_security_group_id"',
      attrs(
        [
          ["description", str("Allow it on your resource's port in your resource's security group.")],
          ["value", "aws_security_group.gateway.id"],
        ],
        "  ",
      ),
    ),
  ];
  return `${lines.join("\n")}\n`;
}
