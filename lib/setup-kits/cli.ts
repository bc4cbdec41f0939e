import {
  azSentence,
  healthCheckProtocol,
  KIT_TAG_KEY,
  nameNote,
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
 * The AWS CLI kit: a bash script that runs as is, and again. Inputs come from environment
 * variables named at the top; everything of ours is filled in. It first finds what an earlier run
 * with the same NAME made (tagged `privatelink-portal:kit=NAME`) and stops, before it creates
 * anything, when a name it needs is taken by something it did not make; then it creates only what
 * is missing. Progress goes to stderr, so the service name is the last line of output (and the
 * only line on stdout). Plain bash 3.2 (macOS): no associative arrays, no mapfile.
 */
export function cliScript(input: KitInput): string {
  const kind = TARGETS[input.target];
  const comment = (text: string) => wrap(text, 94).map((line) => `# ${line}`);
  const field = (label: string, text: string) => commentField(label, text, 18);
  const lines: string[] = [
    "#!/usr/bin/env bash",
    ...comment(
      `PrivateLink setup for ${input.region}: an internal Network Load Balancer in front of ${kind.what}, a TCP listener and target group per port (${input.ports.join(", ")}), and a VPC endpoint service that allows our principal and requires your acceptance.`,
    ),
    "#",
    "# Run it with credentials for your account:",
    `#   NAME=orders VPC_ID=vpc-0123456789abcdef0 SUBNET_IDS=subnet-0aaa,subnet-0bbb TARGETS=${kind.example} \\`,
    `#     bash ${fileName("cli", input)}`,
    "# It prints the endpoint service name as its last line: register that name with us.",
    ...comment(
      nameNote(
        "NAME",
        `Running it again with the same NAME (after a failure halfway, or to add targets) finds what the earlier run made, by its tag ${KIT_TAG_KEY}=NAME, creates only what is missing and prints the same service name.`,
      ),
    ),
    "#",
    "# Inputs (environment variables):",
    ...field("NAME", "this service's name (see above), e.g. orders"),
    ...field("VPC_ID", "the VPC of your service"),
    ...field("SUBNET_IDS", `comma-separated private subnets for the NLB. ${azSentence(input)}`),
    ...field("TARGETS", kind.targets),
    ...field("NLB_SECURITY_GROUP", "optional: true (default) or false, see below"),
    ...(input.s3GatewayEndpoint
      ? [
          ...field(
            "ROUTE_TABLE_IDS",
            "optional: comma-separated route tables for the S3 gateway endpoint (default: all of the VPC's); an S3 gateway endpoint already in the VPC is used as it is",
          ),
          ...field("BUCKET_NAME", "optional: an S3 bucket to restrict to that endpoint (object reads and writes from elsewhere are denied)"),
        ]
      : []),
    "#",
    ...comment(SECURITY_GROUP_NOTE),
    ...comment(TARGET_SECURITY_NOTE),
    ...(kind.note ? comment(kind.note) : []),
    "set -euo pipefail",
    "",
    ': "${NAME:?Set NAME to a name for this service, unique in your account and region (e.g. orders); the same NAME again finds what an earlier run made}"',
    ': "${VPC_ID:?Set VPC_ID to the VPC of your service}"',
    ': "${SUBNET_IDS:?Set SUBNET_IDS to comma-separated private subnet ids for the NLB}"',
    `: "\${TARGETS:?Set TARGETS to ${kind.targets.replace(/[`"$\\]/g, "")}}"`,
    'NLB_SECURITY_GROUP="${NLB_SECURITY_GROUP:-true}"',
    "",
    "# Ours, filled in for you.",
    `REGION="${input.region}"`,
    `PRINCIPAL_ARN="${input.principalArn}"`,
    `PORTS=(${input.ports.join(" ")})`,
    `VENDOR_CIDRS=(${input.cidrs.join(" ")})`,
    ...(input.availabilityZoneIds.length ? [`VENDOR_AZ_IDS=(${input.availabilityZoneIds.join(" ")})`] : []),
    `SUPPORTED_REGIONS=(${input.supportedRegions.join(" ")})`,
    `KIT_TAG="${KIT_TAG_KEY}"`,
    "",
    'log() { echo "$*" >&2; }',
    'fail() { log "error: $*"; exit 1; }',
    'IFS=, read -r -a subnets <<< "$SUBNET_IDS"',
    'IFS=, read -r -a targets <<< "$TARGETS"',
    '[[ ${#NAME} -le 26 && $NAME =~ ^[A-Za-z0-9-]+$ ]] || fail "NAME must be at most 26 letters, digits or hyphens"',
    '[[ $NLB_SECURITY_GROUP == true || $NLB_SECURITY_GROUP == false ]] || fail "NLB_SECURITY_GROUP must be true or false"',
    ...(input.target === "alb" ? ['(( ${#targets[@]} == 1 )) || fail "TARGETS takes exactly one Application Load Balancer ARN"'] : []),
    "",
    ...(input.availabilityZoneIds.length ? zoneCheck() : []),
    ...findLines(),
    ...createLines(input),
    ...(input.s3GatewayEndpoint ? s3Lines() : []),
    "",
    'log "done: register this endpoint service name with us, then accept our connection request"',
    'echo "$service_name"',
    "",
  ];
  return lines.join("\n");
}

/** Every subnet in a zone of ours: an NLB node elsewhere (a zone we exclude, or lack) serves no endpoint of ours. */
function zoneCheck(): string[] {
  return [
    "# The NLB goes only where we have endpoints, by AZ ID.",
    'subnet_zones=$(aws ec2 describe-subnets --region "$REGION" --subnet-ids "${subnets[@]}" --query "Subnets[].[SubnetId,AvailabilityZoneId]" --output text)',
    "while read -r subnet zone; do",
    '  [[ " ${VENDOR_AZ_IDS[*]} " == *" $zone "* ]] || fail "$subnet is in $zone; put the NLB only in subnets in ${VENDOR_AZ_IDS[*]}"',
    'done <<< "$subnet_zones"',
    '(( ${#subnets[@]} > 1 )) || log "warning: one subnet puts the NLB in one zone; add a subnet in another of ${VENDOR_AZ_IDS[*]} for resilience"',
    "",
  ];
}

/** What an earlier run made, found before anything is created; a name taken by anything else stops the run here. */
function findLines(): string[] {
  return [
    "# What an earlier run with this NAME made (its tag), before anything is created. ELB names are",
    "# unique per account and region, security group names per VPC.",
    "made_by_kit() {",
    '  [[ $(aws elbv2 describe-tags --region "$REGION" --resource-arns "$1" \\',
    '    --query "TagDescriptions[0].Tags[?Key==\'$KIT_TAG\'].Value | [0]" --output text) == "$NAME" ]]',
    "}",
    'taken() { fail "$1 exists and this kit did not make it for NAME=$NAME in $VPC_ID: choose another NAME"; }',
    "",
    'found=$(aws elbv2 describe-load-balancers --region "$REGION" \\',
    "  --query \"LoadBalancers[?LoadBalancerName=='$NAME'].[LoadBalancerArn,VpcId]\" --output text)",
    'read -r load_balancer_arn load_balancer_vpc <<< "$found"',
    'if [[ -n $load_balancer_arn ]] && { ! made_by_kit "$load_balancer_arn" || [[ $load_balancer_vpc != "$VPC_ID" ]]; }; then',
    '  taken "the load balancer $NAME"',
    "fi",
    "target_group_arns=()",
    'for port in "${PORTS[@]}"; do',
    '  found=$(aws elbv2 describe-target-groups --region "$REGION" \\',
    "    --query \"TargetGroups[?TargetGroupName=='$NAME-$port'].[TargetGroupArn,VpcId]\" --output text)",
    '  read -r target_group_arn target_group_vpc <<< "$found"',
    '  if [[ -n $target_group_arn ]] && { ! made_by_kit "$target_group_arn" || [[ $target_group_vpc != "$VPC_ID" ]]; }; then',
    '    taken "the target group $NAME-$port"',
    "  fi",
    '  target_group_arns+=("$target_group_arn")',
    "done",
    'security_group_id=""',
    "if [[ $NLB_SECURITY_GROUP == true ]]; then",
    '  security_group_id=$(aws ec2 describe-security-groups --region "$REGION" \\',
    '    --filters "Name=vpc-id,Values=$VPC_ID" "Name=tag:$KIT_TAG,Values=$NAME" --query "SecurityGroups[].GroupId" --output text)',
    '  found=$(aws ec2 describe-security-groups --region "$REGION" \\',
    '    --filters "Name=vpc-id,Values=$VPC_ID" "Name=group-name,Values=$NAME-nlb" --query "SecurityGroups[].GroupId" --output text)',
    '  [[ -n $security_group_id || -z $found ]] || taken "the security group $NAME-nlb"',
    "fi",
    "",
  ];
}

function createLines(input: KitInput): string[] {
  const attributes = targetGroupAttributes(input.target).map((a) => `Key=${a.key},Value=${a.value}`);
  return [
    'tags="Tags=[{Key=$KIT_TAG,Value=$NAME}]"',
    "if [[ $NLB_SECURITY_GROUP == true ]]; then",
    "  if [[ -z $security_group_id ]]; then",
    '    log "creating the NLB security group $NAME-nlb"',
    '    security_group_id=$(aws ec2 create-security-group --region "$REGION" --vpc-id "$VPC_ID" --group-name "$NAME-nlb" \\',
    '      --description "PrivateLink NLB: our CIDRs on your ports" --tag-specifications "ResourceType=security-group,$tags" \\',
    "      --query GroupId --output text)",
    "  fi",
    "  # Only the rules it lacks: AWS refuses a rule the group already has (InvalidPermission.Duplicate).",
    '  rules=" $(aws ec2 describe-security-group-rules --region "$REGION" --filters "Name=group-id,Values=$security_group_id" \\',
    "    --query \"SecurityGroupRules[?to_string(IsEgress)=='false' && IpProtocol=='tcp' && CidrIpv4 && FromPort==ToPort].join(':', [CidrIpv4, to_string(FromPort)])\" \\",
    '    --output text) "',
    "  rules=${rules//$'\\t'/ }",
    '  for cidr in "${VENDOR_CIDRS[@]}"; do',
    '    for port in "${PORTS[@]}"; do',
    '      [[ $rules == *" $cidr:$port "* ]] && continue',
    '      log "admitting $cidr on port $port"',
    '      aws ec2 authorize-security-group-ingress --region "$REGION" --group-id "$security_group_id" \\',
    '        --protocol tcp --port "$port" --cidr "$cidr" > /dev/null',
    "    done",
    "  done",
    "fi",
    "",
    "if [[ -z $load_balancer_arn ]]; then",
    '  log "creating the internal Network Load Balancer $NAME"',
    "  security_group_args=()",
    '  [[ -z $security_group_id ]] || security_group_args=(--security-groups "$security_group_id")',
    '  load_balancer_arn=$(aws elbv2 create-load-balancer --region "$REGION" --name "$NAME" --type network --scheme internal \\',
    '    --subnets "${subnets[@]}" ${security_group_args[@]+"${security_group_args[@]}"} --tags "Key=$KIT_TAG,Value=$NAME" \\',
    '    --query "LoadBalancers[0].LoadBalancerArn" --output text)',
    "fi",
    "# Settings are set on every run: setting a value it already has changes nothing.",
    'aws elbv2 modify-load-balancer-attributes --region "$REGION" --load-balancer-arn "$load_balancer_arn" \\',
    "  --attributes Key=load_balancing.cross_zone.enabled,Value=true > /dev/null",
    "if [[ -n $security_group_id ]]; then",
    '  aws elbv2 set-security-groups --region "$REGION" --load-balancer-arn "$load_balancer_arn" --security-groups "$security_group_id" \\',
    "    --enforce-security-group-inbound-rules-on-private-link-traffic on > /dev/null",
    "fi",
    "",
    'for i in "${!PORTS[@]}"; do',
    "  port=${PORTS[$i]}",
    "  target_group_arn=${target_group_arns[$i]}",
    "  if [[ -z $target_group_arn ]]; then",
    '    log "creating the target group $NAME-$port"',
    '    target_group_arn=$(aws elbv2 create-target-group --region "$REGION" --name "$NAME-$port" --protocol TCP --port "$port" \\',
    `      --vpc-id "$VPC_ID" --target-type ${targetType(input.target)} --health-check-protocol ${healthCheckPlaceholder(input)} \\`,
    '      --tags "Key=$KIT_TAG,Value=$NAME" --query "TargetGroups[0].TargetGroupArn" --output text)',
    "  fi",
    ...(attributes.length
      ? [
          '  aws elbv2 modify-target-group-attributes --region "$REGION" --target-group-arn "$target_group_arn" \\',
          `    --attributes ${attributes.join(" ")} > /dev/null`,
        ]
      : []),
    "  # Registering a target the group already has changes nothing.",
    "  target_args=()",
    '  for target in "${targets[@]}"; do target_args+=("Id=$target,Port=$port"); done',
    '  aws elbv2 register-targets --region "$REGION" --target-group-arn "$target_group_arn" --targets "${target_args[@]}"',
    '  listener_arn=$(aws elbv2 describe-listeners --region "$REGION" --load-balancer-arn "$load_balancer_arn" \\',
    "    --query \"Listeners[?to_string(Port)=='$port'].ListenerArn\" --output text)",
    "  if [[ -z $listener_arn ]]; then",
    '    log "creating the listener on port $port"',
    '    aws elbv2 create-listener --region "$REGION" --load-balancer-arn "$load_balancer_arn" --protocol TCP --port "$port" \\',
    '      --default-actions "Type=forward,TargetGroupArn=$target_group_arn" --tags "Key=$KIT_TAG,Value=$NAME" > /dev/null',
    "  fi",
    "done",
    'aws elbv2 wait load-balancer-available --region "$REGION" --load-balancer-arns "$load_balancer_arn"',
    "",
    "# An NLB serves one endpoint service at most: the one tagged for NAME on this NLB is ours.",
    'service=$(aws ec2 describe-vpc-endpoint-service-configurations --region "$REGION" --filters "Name=tag:$KIT_TAG,Values=$NAME" \\',
    "  --query \"ServiceConfigurations[?contains(NetworkLoadBalancerArns, '$load_balancer_arn') && ServiceState!='Deleting' && ServiceState!='Deleted'].[ServiceId,ServiceName]\" \\",
    "  --output text)",
    "if [[ -z $service ]]; then",
    '  log "creating the endpoint service"',
    "  region_args=()",
    '  (( ${#SUPPORTED_REGIONS[@]} == 0 )) || region_args=(--supported-regions "${SUPPORTED_REGIONS[@]}")',
    '  service=$(aws ec2 create-vpc-endpoint-service-configuration --region "$REGION" \\',
    '    --network-load-balancer-arns "$load_balancer_arn" --acceptance-required ${region_args[@]+"${region_args[@]}"} \\',
    '    --tag-specifications "ResourceType=vpc-endpoint-service,$tags" --query "ServiceConfiguration.[ServiceId,ServiceName]" --output text)',
    "fi",
    'read -r service_id service_name <<< "$service"',
    'allowed=$(aws ec2 describe-vpc-endpoint-service-permissions --region "$REGION" --service-id "$service_id" \\',
    "  --query \"AllowedPrincipals[?Principal=='$PRINCIPAL_ARN'].Principal\" --output text)",
    "if [[ -z $allowed ]]; then",
    '  log "allowing our principal on $service_id"',
    '  aws ec2 modify-vpc-endpoint-service-permissions --region "$REGION" --service-id "$service_id" \\',
    '    --add-allowed-principals "$PRINCIPAL_ARN" > /dev/null',
    "fi",
  ];
}

function healthCheckPlaceholder(input: KitInput): string {
  const protocols = new Set(input.ports.map((port) => healthCheckProtocol(input.target, port)));
  if (protocols.size === 1) return [...protocols][0]!;
  return '"$(if [[ $port == 443 || $port == 8443 ]]; then echo HTTPS; else echo HTTP; fi)"';
}

/** A route table routes to S3 through one gateway endpoint at most (AWS: RouteAlreadyExists), so one already in the VPC is used. */
function s3Lines(): string[] {
  return [
    "",
    's3_endpoint_id=$(aws ec2 describe-vpc-endpoints --region "$REGION" --filters "Name=vpc-id,Values=$VPC_ID" \\',
    '  "Name=service-name,Values=com.amazonaws.$REGION.s3" "Name=vpc-endpoint-type,Values=Gateway" \\',
    "  --query \"VpcEndpoints[?State!='deleting' && State!='deleted'] | [0].VpcEndpointId\" --output text)",
    "if [[ $s3_endpoint_id == None ]]; then",
    '  log "creating the S3 gateway endpoint"',
    "  if [[ -n ${ROUTE_TABLE_IDS:-} ]]; then",
    '    IFS=, read -r -a route_tables <<< "$ROUTE_TABLE_IDS"',
    "  else",
    '    route_table_ids=$(aws ec2 describe-route-tables --region "$REGION" --filters "Name=vpc-id,Values=$VPC_ID" \\',
    '      --query "RouteTables[].RouteTableId" --output text)',
    '    read -r -a route_tables <<< "$route_table_ids"',
    "  fi",
    '  s3_endpoint_id=$(aws ec2 create-vpc-endpoint --region "$REGION" --vpc-endpoint-type Gateway --vpc-id "$VPC_ID" \\',
    '    --service-name "com.amazonaws.$REGION.s3" --route-table-ids "${route_tables[@]}" \\',
    '    --tag-specifications "ResourceType=vpc-endpoint,$tags" --query VpcEndpoint.VpcEndpointId --output text)',
    "else",
    '  log "using the S3 gateway endpoint $s3_endpoint_id already in $VPC_ID"',
    "fi",
    "if [[ -n ${BUCKET_NAME:-} ]]; then",
    '  log "restricting bucket $BUCKET_NAME to $s3_endpoint_id"',
    '  aws s3api put-bucket-policy --region "$REGION" --bucket "$BUCKET_NAME" --policy "$(cat << POLICY',
    ...JSON.stringify(bucketPolicyDocument("$BUCKET_NAME", "$s3_endpoint_id"), null, 2).split("\n"),
    "POLICY",
    ')"',
    "fi",
  ];
}
