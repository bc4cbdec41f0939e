import {
  azSentence,
  healthCheckProtocol,
  SECURITY_GROUP_NOTE,
  TARGET_SECURITY_NOTE,
  TARGETS,
  targetGroupAttributes,
  targetType,
  fileName,
  type KitInput,
} from "./kit";
import { bucketPolicyDocument, commentField, wrap } from "./text";

/**
 * The AWS CLI kit: a bash script that runs as is. Inputs come from environment variables named at
 * the top; everything of ours is filled in. Progress goes to stderr, so the service name is the
 * last line of output (and the only line on stdout).
 */
export function cliScript(input: KitInput): string {
  const kind = TARGETS[input.target];
  const attributes = targetGroupAttributes(input.target).map((a) => `Key=${a.key},Value=${a.value}`);
  const comment = (text: string) => wrap(text, 94).map((line) => `# ${line}`);
  const field = (label: string, text: string) => commentField(label, text, 18);
  const lines: string[] = [
    "#!/usr/bin/env bash",
    ...comment(
      `PrivateLink setup for ${input.region}: an internal Network Load Balancer in front of ${kind.what}, a TCP listener and target group per port (${input.ports.join(", ")}), and a VPC endpoint service that allows our principal and requires your acceptance.`,
    ),
    "#",
    "# Run it once, with credentials for your account:",
    `#   VPC_ID=vpc-0123456789abcdef0 SUBNET_IDS=subnet-0aaa,subnet-0bbb TARGETS=${kind.example} \\`,
    `#     bash ${fileName("cli", input)}`,
    "# It prints the endpoint service name as its last line: register that name with us.",
    "#",
    "# Inputs (environment variables):",
    ...field("VPC_ID", "the VPC of your service"),
    ...field("SUBNET_IDS", `comma-separated private subnets for the NLB. ${azSentence(input)}`),
    ...field("TARGETS", kind.targets),
    ...field("NAME", "optional: the NLB's name and its target groups' prefix (default privatelink; at most 26 letters, digits or hyphens)"),
    ...field("NLB_SECURITY_GROUP", "optional: true (default) or false, see below"),
    ...(input.s3GatewayEndpoint
      ? [
          ...field("ROUTE_TABLE_IDS", "optional: comma-separated route tables for the S3 gateway endpoint (default: all of the VPC's)"),
          ...field("BUCKET_NAME", "optional: an S3 bucket to restrict to that endpoint (object reads and writes from elsewhere are denied)"),
        ]
      : []),
    "#",
    ...comment(SECURITY_GROUP_NOTE),
    ...comment(TARGET_SECURITY_NOTE),
    ...(kind.note ? comment(kind.note) : []),
    "set -euo pipefail",
    "",
    ': "${VPC_ID:?Set VPC_ID to the VPC of your service}"',
    ': "${SUBNET_IDS:?Set SUBNET_IDS to comma-separated private subnet ids for the NLB}"',
    `: "\${TARGETS:?Set TARGETS to ${kind.targets.replace(/[`"$\\]/g, "")}}"`,
    'NAME="${NAME:-privatelink}"',
    'NLB_SECURITY_GROUP="${NLB_SECURITY_GROUP:-true}"',
    "",
    "# Ours, filled in for you.",
    `REGION="${input.region}"`,
    `PRINCIPAL_ARN="${input.principalArn}"`,
    `PORTS=(${input.ports.join(" ")})`,
    `VENDOR_CIDRS=(${input.cidrs.join(" ")})`,
    ...(input.availabilityZoneIds.length ? [`VENDOR_AZ_IDS=(${input.availabilityZoneIds.join(" ")})`] : []),
    `SUPPORTED_REGIONS=(${input.supportedRegions.join(" ")})`,
    "",
    'log() { echo "$*" >&2; }',
    'fail() { log "error: $*"; exit 1; }',
    'IFS=, read -r -a subnets <<< "$SUBNET_IDS"',
    'IFS=, read -r -a targets <<< "$TARGETS"',
    '[[ ${#NAME} -le 26 && $NAME =~ ^[A-Za-z0-9-]+$ ]] || fail "NAME must be at most 26 letters, digits or hyphens"',
    '[[ $NLB_SECURITY_GROUP == true || $NLB_SECURITY_GROUP == false ]] || fail "NLB_SECURITY_GROUP must be true or false"',
    ...(input.target === "alb" ? ['(( ${#targets[@]} == 1 )) || fail "TARGETS takes exactly one Application Load Balancer ARN"'] : []),
    "",
    ...(input.availabilityZoneIds.length
      ? [
          "# The NLB must share Availability Zones (by AZ ID) with us.",
          'zone_ids=$(aws ec2 describe-subnets --region "$REGION" --subnet-ids "${subnets[@]}" --query "Subnets[].AvailabilityZoneId" --output text)',
          "shared=0",
          "for zone in $zone_ids; do",
          '  for ours in "${VENDOR_AZ_IDS[@]}"; do',
          '    if [[ $zone == "$ours" ]]; then shared=$((shared + 1)); fi',
          "  done",
          "done",
          '(( shared > 0 )) || fail "SUBNET_IDS are in $zone_ids; use subnets in ${VENDOR_AZ_IDS[*]}"',
          '(( shared > 1 )) || log "warning: only one of your subnets is in ${VENDOR_AZ_IDS[*]}; add another for resilience"',
          "",
        ]
      : []),
    "security_group_args=()",
    "if [[ $NLB_SECURITY_GROUP == true ]]; then",
    '  log "creating the NLB security group"',
    '  security_group_id=$(aws ec2 create-security-group --region "$REGION" --vpc-id "$VPC_ID" --group-name "$NAME-nlb" \\',
    '    --description "PrivateLink NLB: our CIDRs on your ports" --query GroupId --output text)',
    '  for cidr in "${VENDOR_CIDRS[@]}"; do',
    '    for port in "${PORTS[@]}"; do',
    '      aws ec2 authorize-security-group-ingress --region "$REGION" --group-id "$security_group_id" \\',
    '        --protocol tcp --port "$port" --cidr "$cidr" > /dev/null',
    "    done",
    "  done",
    '  security_group_args=(--security-groups "$security_group_id")',
    "fi",
    "",
    'log "creating the internal Network Load Balancer $NAME"',
    'load_balancer_arn=$(aws elbv2 create-load-balancer --region "$REGION" --name "$NAME" --type network --scheme internal \\',
    '  --subnets "${subnets[@]}" ${security_group_args[@]+"${security_group_args[@]}"} --query "LoadBalancers[0].LoadBalancerArn" --output text)',
    'aws elbv2 modify-load-balancer-attributes --region "$REGION" --load-balancer-arn "$load_balancer_arn" \\',
    "  --attributes Key=load_balancing.cross_zone.enabled,Value=true > /dev/null",
    "if [[ $NLB_SECURITY_GROUP == true ]]; then",
    '  aws elbv2 set-security-groups --region "$REGION" --load-balancer-arn "$load_balancer_arn" --security-groups "$security_group_id" \\',
    "    --enforce-security-group-inbound-rules-on-private-link-traffic on > /dev/null",
    "fi",
    "",
    'for port in "${PORTS[@]}"; do',
    '  log "creating the target group and listener for port $port"',
    '  target_group_arn=$(aws elbv2 create-target-group --region "$REGION" --name "$NAME-$port" --protocol TCP --port "$port" \\',
    `    --vpc-id "$VPC_ID" --target-type ${targetType(input.target)} --health-check-protocol ${healthCheckPlaceholder(input)} \\`,
    '    --query "TargetGroups[0].TargetGroupArn" --output text)',
    ...(attributes.length
      ? [
          '  aws elbv2 modify-target-group-attributes --region "$REGION" --target-group-arn "$target_group_arn" \\',
          `    --attributes ${attributes.join(" ")} > /dev/null`,
        ]
      : []),
    "  target_args=()",
    '  for target in "${targets[@]}"; do target_args+=("Id=$target,Port=$port"); done',
    '  aws elbv2 register-targets --region "$REGION" --target-group-arn "$target_group_arn" --targets "${target_args[@]}"',
    '  aws elbv2 create-listener --region "$REGION" --load-balancer-arn "$load_balancer_arn" --protocol TCP --port "$port" \\',
    '    --default-actions "Type=forward,TargetGroupArn=$target_group_arn" > /dev/null',
    "done",
    'aws elbv2 wait load-balancer-available --region "$REGION" --load-balancer-arns "$load_balancer_arn"',
    "",
    'log "creating the endpoint service"',
    "region_args=()",
    '(( ${#SUPPORTED_REGIONS[@]} == 0 )) || region_args=(--supported-regions "${SUPPORTED_REGIONS[@]}")',
    'service=$(aws ec2 create-vpc-endpoint-service-configuration --region "$REGION" \\',
    '  --network-load-balancer-arns "$load_balancer_arn" --acceptance-required ${region_args[@]+"${region_args[@]}"} \\',
    '  --query "ServiceConfiguration.[ServiceId,ServiceName]" --output text)',
    'read -r service_id service_name <<< "$service"',
    'aws ec2 modify-vpc-endpoint-service-permissions --region "$REGION" --service-id "$service_id" \\',
    '  --add-allowed-principals "$PRINCIPAL_ARN" > /dev/null',
    ...(input.s3GatewayEndpoint ? s3Lines() : []),
    "",
    'log "done: register this endpoint service name with us, then accept our connection request"',
    'echo "$service_name"',
    "",
  ];
  return lines.join("\n");
}

function healthCheckPlaceholder(input: KitInput): string {
  const protocols = new Set(input.ports.map((port) => healthCheckProtocol(input.target, port)));
  if (protocols.size === 1) return [...protocols][0]!;
  return '"$(if [[ $port == 443 || $port == 8443 ]]; then echo HTTPS; else echo HTTP; fi)"';
}

function s3Lines(): string[] {
  return [
    "",
    'log "creating the S3 gateway endpoint"',
    "if [[ -n ${ROUTE_TABLE_IDS:-} ]]; then",
    '  IFS=, read -r -a route_tables <<< "$ROUTE_TABLE_IDS"',
    "else",
    '  route_table_ids=$(aws ec2 describe-route-tables --region "$REGION" --filters "Name=vpc-id,Values=$VPC_ID" \\',
    '    --query "RouteTables[].RouteTableId" --output text)',
    '  read -r -a route_tables <<< "$route_table_ids"',
    "fi",
    's3_endpoint_id=$(aws ec2 create-vpc-endpoint --region "$REGION" --vpc-endpoint-type Gateway --vpc-id "$VPC_ID" \\',
    '  --service-name "com.amazonaws.$REGION.s3" --route-table-ids "${route_tables[@]}" --query VpcEndpoint.VpcEndpointId --output text)',
    "if [[ -n ${BUCKET_NAME:-} ]]; then",
    '  log "restricting bucket $BUCKET_NAME to $s3_endpoint_id"',
    '  aws s3api put-bucket-policy --region "$REGION" --bucket "$BUCKET_NAME" --policy "$(cat << POLICY',
    ...JSON.stringify(bucketPolicyDocument("$BUCKET_NAME", "$s3_endpoint_id"), null, 2).split("\n"),
    "POLICY",
    ')"',
    "fi",
  ];
}
