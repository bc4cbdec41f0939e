import {
  azSentence,
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
import { attrs, block, list, str, terraformRequirements, validation, variable, type Attr, type Line } from "./hcl";
import { comments } from "./text";

/**
 * The Terraform kit: one module file (variables, locals, resources, outputs) with
 * `required_providers` and no provider block, so it drops into any configuration as
 * `module "privatelink" { source = "./privatelink" ... }`, one module block per service, each
 * with its own `name`. Written as `terraform fmt` writes it.
 */

export function terraformModule(input: KitInput): string {
  const kind = TARGETS[input.target];
  const isAlb = input.target === "alb";
  const lines: Line[] = [
    ...comments(
      `PrivateLink setup for ${input.region}: an internal Network Load Balancer in front of ${kind.what}, a TCP listener and target group per port (${input.ports.join(", ")}), and a VPC endpoint service that allows our principal and requires your acceptance.`,
    ),
    "#",
    "# Use it as a module from a configuration whose AWS provider is set to this region:",
    '#   module "orders" {',
    '#     source     = "./privatelink" # the folder holding this file',
    '#     name       = "orders"',
    '#     vpc_id     = "vpc-0123456789abcdef0"',
    '#     subnet_ids = ["subnet-0aaa", "subnet-0bbb"]',
    `#     targets    = ${list([kind.example.split(",")[0]!])}`,
    "#   }",
    "# and register module.orders.service_name with us.",
    ...comments(nameNote("name", "Terraform keeps what it made in its state: apply again to finish or change a service.")),
    "",
    ...terraformRequirements("5.80"),
    "",
    ...variable("vpc_id", "string", "The VPC of your service."),
    ...variable(
      "subnet_ids",
      "list(string)",
      `Private subnets for the NLB. ${azSentence(input)}`,
      validation("length(var.subnet_ids) > 0", "Give at least one subnet."),
    ),
    ...variable(
      "targets",
      "list(string)",
      `What the NLB sends to: ${kind.targets}.`,
      validation(
        isAlb ? "length(var.targets) == 1" : "length(var.targets) > 0",
        isAlb ? "Give exactly one Application Load Balancer ARN." : "Give at least one target.",
      ),
    ),
    ...variable(
      "name",
      "string",
      "This service's name, unique in your account and region: the NLB's name and its target groups' prefix.",
      validation(`can(regex("${NAME_PATTERN}", var.name))`, "Use at most 26 letters, digits or hyphens."),
    ),
    ...comments(SECURITY_GROUP_NOTE),
    ...variable("create_security_group", "bool", "Give the NLB a security group that admits only our CIDRs on the ports (recommended).", [], "true"),
    ...(input.s3GatewayEndpoint
      ? [
          ...variable("route_table_ids", "list(string)", "Route tables the S3 gateway endpoint is added to."),
          ...variable(
            "bucket_name",
            "string",
            "An S3 bucket to restrict to the S3 gateway endpoint (object reads and writes from elsewhere are denied); null for none.",
            [],
            "null",
          ),
        ]
      : []),
    "# Ours, filled in for you.",
    ...block("locals", [
      ...attrs(
        [
          ["region", str(input.region)],
          ["principal_arn", str(input.principalArn)],
          ["ports", list(input.ports)],
          ["vendor_cidrs", list(input.cidrs)],
          ["vendor_az_ids", list(input.availabilityZoneIds)],
          ["supported_regions", list(input.supportedRegions)],
        ],
        "  ",
      ),
      "  ingress = {",
      '    for pair in setproduct(local.vendor_cidrs, local.ports) : "${pair[0]}:${pair[1]}" => { cidr = pair[0], port = pair[1] }',
      "  }",
      "  attachments = {",
      '    for pair in setproduct(local.ports, var.targets) : "${pair[0]}:${pair[1]}" => { port = pair[0], target = pair[1] }',
      "  }",
    ]),
    "",
    ...block(
      'data "aws_subnet" "nlb"',
      attrs(
        [
          ["for_each", "toset(var.subnet_ids)"],
          ["id", "each.value"],
        ],
        "  ",
      ),
    ),
    "",
    ...block('data "aws_vpc" "this"', attrs([["id", "var.vpc_id"]], "  ")),
    "",
    ...block('resource "aws_security_group" "nlb"', [
      ...attrs(
        [
          ["count", "var.create_security_group ? 1 : 0"],
          ["name_prefix", '"${var.name}-nlb-"'],
          ["description", str("PrivateLink NLB: our CIDRs on your ports")],
          ["vpc_id", "var.vpc_id"],
        ],
        "  ",
      ),
    ]),
    "",
    ...block('resource "aws_vpc_security_group_ingress_rule" "vendor"', [
      ...attrs(
        [
          ["for_each", "var.create_security_group ? local.ingress : {}"],
          ["security_group_id", "aws_security_group.nlb[0].id"],
          ["cidr_ipv4", "each.value.cidr"],
          ["ip_protocol", str("tcp")],
          ["from_port", "each.value.port"],
          ["to_port", "each.value.port"],
          ["description", str("PrivateLink: our clients")],
        ],
        "  ",
      ),
    ]),
    "",
    "# Health checks and traffic to your targets, inside the VPC.",
    ...block('resource "aws_vpc_security_group_egress_rule" "targets"', [
      ...attrs(
        [
          ["for_each", "var.create_security_group ? toset([for port in local.ports : tostring(port)]) : toset([])"],
          ["security_group_id", "aws_security_group.nlb[0].id"],
          ["cidr_ipv4", "data.aws_vpc.this.cidr_block"],
          ["ip_protocol", str("tcp")],
          ["from_port", "each.value"],
          ["to_port", "each.value"],
        ],
        "  ",
      ),
    ]),
    "",
    ...block('resource "aws_lb" "this"', [
      ...attrs(
        [
          ["name", "var.name"],
          ["internal", "true"],
          ["load_balancer_type", str("network")],
          ["subnets", "var.subnet_ids"],
          ["security_groups", "aws_security_group.nlb[*].id"],
          ["enforce_security_group_inbound_rules_on_private_link_traffic", 'var.create_security_group ? "on" : null'],
          ["enable_cross_zone_load_balancing", "true"],
        ],
        "  ",
      ),
      "",
      ...block(
        "lifecycle",
        [
          ...block(
            "precondition",
            attrs(
              [
                ["condition", 'alltrue([for subnet in data.aws_subnet.nlb : split(":", subnet.arn)[3] == local.region])'],
                ["error_message", str(`This kit is for ${input.region}: use a provider and subnets in ${input.region}.`)],
              ],
              "      ",
            ),
            "    ",
          ),
          ...(input.availabilityZoneIds.length
            ? block(
                "precondition",
                attrs(
                  [
                    ["condition", "alltrue([for subnet in data.aws_subnet.nlb : contains(local.vendor_az_ids, subnet.availability_zone_id)])"],
                    ["error_message", str(`Put the NLB only in subnets in ${input.availabilityZoneIds.join(", ")} (AZ IDs).`)],
                  ],
                  "      ",
                ),
                "    ",
              )
            : []),
        ],
        "  ",
      ),
    ]),
    "",
    ...(kind.note ? comments(kind.note) : []),
    ...comments(TARGET_SECURITY_NOTE),
    ...block('resource "aws_lb_target_group" "this"', [
      ...attrs(
        [
          ["for_each", "toset([for port in local.ports : tostring(port)])"],
          ["name", '"${var.name}-${each.value}"'],
          ["port", "each.value"],
          ["protocol", str("TCP")],
          ["target_type", str(targetType(input.target))],
          ["vpc_id", "var.vpc_id"],
          ...targetGroupAttributes(input.target).map((a): Attr =>
            a.key === "preserve_client_ip.enabled" ? ["preserve_client_ip", str(a.value)] : ["proxy_protocol_v2", a.value],
          ),
        ],
        "  ",
      ),
      "",
      ...block("health_check", attrs(healthCheckAttrs(input), "    "), "  "),
    ]),
    "",
    ...block('resource "aws_lb_target_group_attachment" "this"', [
      ...attrs(
        [
          ["for_each", "local.attachments"],
          ["target_group_arn", "aws_lb_target_group.this[tostring(each.value.port)].arn"],
          ["target_id", "each.value.target"],
          ["port", "each.value.port"],
        ],
        "  ",
      ),
    ]),
    "",
    ...block('resource "aws_lb_listener" "this"', [
      ...attrs(
        [
          ["for_each", "aws_lb_target_group.this"],
          ["load_balancer_arn", "aws_lb.this.arn"],
          ["port", "each.value.port"],
          ["protocol", str("TCP")],
        ],
        "  ",
      ),
      "",
      ...block(
        "default_action",
        attrs(
          [
            ["type", str("forward")],
            ["target_group_arn", "each.value.arn"],
          ],
          "    ",
        ),
        "  ",
      ),
    ]),
    "",
    ...block('resource "aws_vpc_endpoint_service" "this"', [
      ...attrs(
        [
          ["acceptance_required", "true"],
          ["network_load_balancer_arns", "[aws_lb.this.arn]"],
          ["allowed_principals", "[local.principal_arn]"],
          ["supported_regions", "length(local.supported_regions) > 0 ? concat([local.region], local.supported_regions) : null"],
        ],
        "  ",
      ),
      "",
      "  # AWS lists the service's own region among its supported regions, so the module does too.",
      "  # An endpoint service needs its NLB's listeners in place to carry traffic.",
      ...attrs([["depends_on", "[aws_lb_listener.this]"]], "  "),
    ]),
    "",
    ...(input.s3GatewayEndpoint ? s3Blocks() : []),
    ...block(
      'output "service_name"',
      attrs(
        [
          ["description", str("Register this endpoint service name with us.")],
          ["value", "aws_vpc_endpoint_service.this.service_name"],
        ],
        "  ",
      ),
    ),
    "",
    ...block(
      'output "service_id"',
      attrs(
        [
          ["description", str("The endpoint service's id: accept our connection request on it.")],
          ["value", "aws_vpc_endpoint_service.this.id"],
        ],
        "  ",
      ),
    ),
    "",
    ...block('output "load_balancer_arn"', attrs([["value", "aws_lb.this.arn"]], "  ")),
    "",
    ...block(
      'output "nlb_security_group_id"',
      attrs(
        [
          ["description", str("Allow it on the target port in your targets' security groups.")],
          ["value", "one(aws_security_group.nlb[*].id)"],
        ],
        "  ",
      ),
    ),
  ];
  return `${lines.join("\n")}\n`;
}

function healthCheckAttrs(input: KitInput): Attr[] {
  const protocols = [...new Set(input.ports.map((port) => healthCheckProtocol(input.target, port)))];
  const protocol = protocols.length === 1 ? str(protocols[0]!) : 'contains(["443", "8443"], each.value) ? "HTTPS" : "HTTP"';
  return [
    ["enabled", "true"],
    ["protocol", protocol],
    ["port", str("traffic-port")],
    ...(input.target === "alb" ? ([["path", str("/")]] as Attr[]) : []),
    ["healthy_threshold", "3"],
    ["unhealthy_threshold", "3"],
    ["interval", "30"],
  ];
}

function s3Blocks(): Line[] {
  return [
    ...block('resource "aws_vpc_endpoint" "s3"', [
      ...attrs(
        [
          ["vpc_id", "var.vpc_id"],
          ["service_name", '"com.amazonaws.${local.region}.s3"'],
          ["vpc_endpoint_type", str("Gateway")],
          ["route_table_ids", "var.route_table_ids"],
        ],
        "  ",
      ),
    ]),
    "",
    "# Object reads and writes that do not come through the gateway endpoint are denied.",
    ...block('resource "aws_s3_bucket_policy" "s3"', [
      ...attrs(
        [
          ["count", "var.bucket_name == null ? 0 : 1"],
          ["bucket", "var.bucket_name"],
        ],
        "  ",
      ),
      "  policy = jsonencode({",
      '    Version = "2012-10-17"',
      "    Statement = [{",
      '      Sid       = "OnlyThroughTheS3GatewayEndpoint"',
      '      Effect    = "Deny"',
      '      Principal = "*"',
      '      Action    = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]',
      '      Resource  = "arn:aws:s3:::${var.bucket_name}/*"',
      '      Condition = { StringNotEquals = { "aws:SourceVpce" = aws_vpc_endpoint.s3.id } }',
      "    }]",
      "  })",
    ]),
    "",
    ...block('output "s3_endpoint_id"', attrs([["value", "aws_vpc_endpoint.s3.id"]], "  ")),
    "",
  ];
}
