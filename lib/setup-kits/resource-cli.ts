import { KIT_TAG_KEY } from "./kit";
import {
  GATEWAY_GROUP_DESCRIPTION,
  GATEWAY_SECURITY_NOTE,
  gatewayZoneSentence,
  minimumZones,
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
import { commentField, wrap } from "./text";

/**
 * The AWS CLI kit of a resource: a bash script that runs as is, and again, as the service kit's
 * does (cli.ts). It first finds what an earlier run with the same NAME made (tagged
 * `privatelink-portal:kit=NAME`) and stops, before it creates anything, when a name it needs is
 * taken by something it did not make or the configuration names another resource; then it
 * creates only what is missing. Progress goes to stderr; stdout is the share's ARN and, last, the
 * configuration's. Plain bash 3.2 (macOS). `aws vpc-lattice` has no waiters, so it polls.
 */
export function resourceCliScript(input: ResourceKitInput): string {
  const words = RESOURCE_TARGET_WORDS[input.target];
  const variable = words.input.cli;
  const isDomain = input.target === "domain";
  const comment = (text: string) => wrap(text, 94).map((line) => `# ${line}`);
  const field = (label: string, text: string) => commentField(label, text, 18);
  const lines: string[] = [
    "#!/usr/bin/env bash",
    ...comment(resourceSummary(input)),
    "#",
    "# Run it with credentials for your account:",
    `#   NAME=orders-db VPC_ID=vpc-0123456789abcdef0 SUBNET_IDS=subnet-0aaa,subnet-0bbb ${variable}=${resourceExample(input)} \\`,
    `#     bash ${resourceFileName("cli", input)}`,
    "# It prints the resource share's ARN, then the resource configuration's ARN as its last line:",
    "# the two a resource link with us needs.",
    ...comment(
      resourceNameNote(
        "NAME",
        `Running it again with the same NAME (after a failure halfway) finds what the earlier run made, by its tag ${KIT_TAG_KEY}=NAME, creates only what is missing and prints the same ARNs.`,
      ),
    ),
    "#",
    "# Inputs (environment variables):",
    ...field("NAME", "this resource's name (see above), e.g. orders-db"),
    ...field("VPC_ID", "the VPC of the resource gateway (your resource's VPC, or one that reaches it)"),
    ...field("SUBNET_IDS", `comma-separated private subnets for the resource gateway. ${gatewayZoneSentence(input)}`),
    ...field(variable, `${words.description}, e.g. ${resourceExample(input)}`),
    ...(isDomain ? field("DNS_RESOLUTION", "optional: PUBLIC (default) or IN_VPC, how the resource gateway resolves the domain name; see below") : []),
    "#",
    ...comment(words.note),
    ...comment(GATEWAY_SECURITY_NOTE),
    ...comment(shareSentence(input)),
    "set -euo pipefail",
    "",
    `: "\${NAME:?Set NAME to a name for this resource, unique in your account and region (e.g. orders-db); the same NAME again finds what an earlier run made}"`,
    ': "${VPC_ID:?Set VPC_ID to the VPC of the resource gateway}"',
    ': "${SUBNET_IDS:?Set SUBNET_IDS to comma-separated private subnet ids for the resource gateway, one per zone}"',
    `: "\${${variable}:?Set ${variable} to ${words.description}}"`,
    ...(isDomain ? ['DNS_RESOLUTION="${DNS_RESOLUTION:-PUBLIC}"'] : []),
    "",
    "# Ours, filled in for you.",
    `REGION="${input.region}"`,
    `VENDOR_ACCOUNT_ID="${input.vendorAccountId}"`,
    ...(input.ports.length ? [`PORTS=(${input.ports.join(" ")})`] : []),
    `VENDOR_AZ_IDS=(${input.availabilityZoneIds.join(" ")})`,
    `MIN_ZONES=${minimumZones(input)}`,
    `KIT_TAG="${KIT_TAG_KEY}"`,
    "",
    'log() { echo "$*" >&2; }',
    'fail() { log "error: $*"; exit 1; }',
    'IFS=, read -r -a subnets <<< "$SUBNET_IDS"',
    `name_pattern='${RESOURCE_NAME.pattern}'`,
    `[[ \${#NAME} -ge ${RESOURCE_NAME.minLength} && \${#NAME} -le ${RESOURCE_NAME.maxLength} && $NAME =~ $name_pattern ]] || fail "NAME must be ${RESOURCE_NAME_RULE}"`,
    `[[ ${RESOURCE_NAME.reservedPrefixes.map((prefix) => `$NAME != ${prefix}*`).join(" && ")} ]] || fail "NAME must not start with ${RESOURCE_NAME.reservedPrefixes.join(" or ")}"`,
    ...(isDomain ? ["DOMAIN_NAME=$(tr '[:upper:]' '[:lower:]' <<< \"$DOMAIN_NAME\")"] : []),
    `resource_pattern='${resourcePattern(input)}'`,
    `[[ $${variable} =~ $resource_pattern ]] || fail "${variable} must be ${words.description}, e.g. ${resourceExample(input)}"`,
    ...(isDomain ? ['[[ $DNS_RESOLUTION == PUBLIC || $DNS_RESOLUTION == IN_VPC ]] || fail "DNS_RESOLUTION must be PUBLIC or IN_VPC"'] : []),
    "",
    ...zoneCheck(),
    ...findLines(input),
    ...createLines(input),
    "",
    'log "done: the resource configuration is shared with our account $VENDOR_ACCOUNT_ID; a resource link with us needs its ARN (the last line) and the share\'s (the line before)"',
    'echo "$share_arn"',
    'echo "$configuration_arn"',
    "",
  ];
  return lines.join("\n");
}

/** One subnet per zone, each in a zone of ours, in at least MIN_ZONES of them: our endpoint can only be where the gateway is. */
function zoneCheck(): string[] {
  return [
    "# The resource gateway goes only where we have endpoints, by AZ ID, one subnet per zone.",
    'subnet_zones=$(aws ec2 describe-subnets --region "$REGION" --subnet-ids "${subnets[@]}" --query "Subnets[].[SubnetId,AvailabilityZoneId]" --output text)',
    'zones=" "',
    "while read -r subnet zone; do",
    '  [[ " ${VENDOR_AZ_IDS[*]} " == *" $zone "* ]] || fail "$subnet is in $zone; put the resource gateway only in subnets in ${VENDOR_AZ_IDS[*]}"',
    '  [[ $zones != *" $zone "* ]] || fail "$subnet is in $zone like another of SUBNET_IDS: give one subnet per zone"',
    '  zones+="$zone "',
    'done <<< "$subnet_zones"',
    'read -r -a distinct <<< "$zones"',
    '(( ${#distinct[@]} >= MIN_ZONES )) || fail "give subnets in at least $MIN_ZONES of ${VENDOR_AZ_IDS[*]}, one per zone"',
    "",
  ];
}

/** What an earlier run made, found before anything is created; a name taken by anything else stops the run here. */
function findLines(input: ResourceKitInput): string[] {
  const variable = RESOURCE_TARGET_WORDS[input.target].input.cli;
  return [
    "# What an earlier run with this NAME made (its tag), before anything is created. Resource gateway",
    "# and configuration names are unique per account and region, security group names per VPC.",
    "made_by_kit() {",
    '  [[ $(aws vpc-lattice list-tags-for-resource --region "$REGION" --resource-arn "$1" \\',
    '    --query "tags.\\"$KIT_TAG\\"" --output text) == "$NAME" ]]',
    "}",
    'taken() { fail "$1 exists and this kit did not make it for NAME=$NAME in $VPC_ID: choose another NAME"; }',
    "",
    'found=$(aws vpc-lattice list-resource-gateways --region "$REGION" \\',
    "  --query \"items[?name=='$NAME'].[id,arn,vpcIdentifier,status]\" --output text)",
    'read -r gateway_id gateway_arn gateway_vpc gateway_status <<< "$found"',
    'if [[ -n $gateway_id ]] && { ! made_by_kit "$gateway_arn" || [[ $gateway_vpc != "$VPC_ID" ]]; }; then',
    '  taken "the resource gateway $NAME"',
    "fi",
    'found=$(aws vpc-lattice list-resource-configurations --region "$REGION" \\',
    "  --query \"items[?name=='$NAME'].[id,arn,resourceGatewayId,status]\" --output text)",
    'read -r configuration_id configuration_arn configuration_gateway configuration_status <<< "$found"',
    'if [[ -n $configuration_id ]] && { ! made_by_kit "$configuration_arn" || [[ $configuration_gateway != "$gateway_id" ]]; }; then',
    '  taken "the resource configuration $NAME"',
    "fi",
    "if [[ -n $configuration_id ]]; then",
    "  # The kit does not change a configuration: another resource takes another NAME.",
    '  named=$(aws vpc-lattice get-resource-configuration --region "$REGION" --resource-configuration-identifier "$configuration_id" \\',
    '    --query "resourceConfigurationDefinition.[dnsResource.domainName, ipResource.ipAddress, arnResource.arn][*] | [0]" --output text)',
    `  [[ $named == "$${variable}" ]] || fail "the resource configuration $NAME names $named, not $${variable}: choose another NAME"`,
    "fi",
    'found=$(aws ec2 describe-security-groups --region "$REGION" --filters "Name=vpc-id,Values=$VPC_ID" \\',
    '  "Name=group-name,Values=$NAME-resource-gateway" --query "SecurityGroups[0].[GroupId, Tags[?Key==\'$KIT_TAG\'].Value | [0]]" --output text)',
    'read -r security_group_id security_group_tag <<< "$found"',
    '[[ $security_group_id != None ]] || security_group_id=""',
    'if [[ -n $security_group_id && $security_group_tag != "$NAME" ]]; then',
    '  taken "the security group $NAME-resource-gateway"',
    "fi",
    "# RAM share names need not be unique: the kit's is the one with its tag.",
    'share_arn=$(aws ram get-resource-shares --region "$REGION" --resource-owner SELF --name "$NAME" --resource-share-status ACTIVE \\',
    "  --query \"resourceShares[?tags[?key=='$KIT_TAG' && value=='$NAME']] | [0].resourceShareArn\" --output text)",
    '[[ $share_arn != None ]] || share_arn=""',
    "",
  ];
}

function createLines(input: ResourceKitInput): string[] {
  const words = RESOURCE_TARGET_WORDS[input.target];
  const definition =
    input.target === "rds-arn"
      ? '{\\"arnResource\\":{\\"arn\\":\\"$RDS_ARN\\"}}'
      : input.target === "domain"
        ? '{\\"dnsResource\\":{\\"domainName\\":\\"$DOMAIN_NAME\\",\\"ipAddressType\\":\\"IPV4\\"}}'
        : '{\\"ipResource\\":{\\"ipAddress\\":\\"$IP_ADDRESS\\"}}';
  return [
    "# Tags as each service spells them; NAME and the resource were checked above, so they are safe in JSON.",
    'lattice_tags="{\\"$KIT_TAG\\":\\"$NAME\\"}"',
    'ram_tags="[{\\"key\\":\\"$KIT_TAG\\",\\"value\\":\\"$NAME\\"}]"',
    "",
    "# VPC Lattice has no waiters in the AWS CLI: poll until ACTIVE (5 minutes at most).",
    "wait_active() {",
    "  local status=''",
    "  for _ in {1..60}; do",
    '    status=$(aws vpc-lattice "get-$1" --region "$REGION" "--$1-identifier" "$2" --query status --output text)',
    "    [[ $status != ACTIVE ]] || return 0",
    '    [[ $status != *FAILED ]] || fail "the $1 $2 is $status"',
    "    sleep 5",
    "  done",
    '  fail "the $1 $2 is still $status"',
    "}",
    "",
    "if [[ -z $security_group_id ]]; then",
    '  log "creating the resource gateway\'s security group $NAME-resource-gateway"',
    '  security_group_id=$(aws ec2 create-security-group --region "$REGION" --vpc-id "$VPC_ID" --group-name "$NAME-resource-gateway" \\',
    `    --description "${GATEWAY_GROUP_DESCRIPTION}" \\`,
    '    --tag-specifications "ResourceType=security-group,Tags=[{Key=$KIT_TAG,Value=$NAME}]" --query GroupId --output text)',
    "fi",
    "",
    "if [[ -z $gateway_id ]]; then",
    '  log "creating the resource gateway $NAME"',
    '  read -r gateway_id gateway_arn gateway_status <<< "$(aws vpc-lattice create-resource-gateway --region "$REGION" --name "$NAME" \\',
    '    --vpc-identifier "$VPC_ID" --subnet-ids "${subnets[@]}" --security-group-ids "$security_group_id" --ip-address-type IPV4 \\',
    ...(input.target === "domain" ? ['    --resource-config-dns-resolution "$DNS_RESOLUTION" \\'] : []),
    '    --tags "$lattice_tags" --query "[id,arn,status]" --output text)"',
    "fi",
    '[[ $gateway_status == ACTIVE ]] || wait_active resource-gateway "$gateway_id"',
    "",
    "if [[ -z $configuration_id ]]; then",
    '  log "creating the resource configuration $NAME"',
    '  read -r configuration_id configuration_arn configuration_status <<< "$(aws vpc-lattice create-resource-configuration --region "$REGION" --name "$NAME" \\',
    `    --type ${words.type} --resource-gateway-identifier "$gateway_id" \\`,
    ...(input.ports.length ? ['    --port-ranges "${PORTS[@]}" --protocol TCP \\'] : []),
    `    --resource-configuration-definition "${definition}" \\`,
    '    --tags "$lattice_tags" --query "[id,arn,status]" --output text)"',
    "fi",
    '[[ $configuration_status == ACTIVE ]] || wait_active resource-configuration "$configuration_id"',
    "",
    "# An earlier run's share: the configuration and our account on it, each added only if missing.",
    "associated() {",
    '  [[ -n $(aws ram get-resource-share-associations --region "$REGION" --association-type "$1" --resource-share-arns "$share_arn" \\',
    "    --query \"resourceShareAssociations[?associatedEntity=='$2' && (status=='ASSOCIATED' || status=='ASSOCIATING')].associatedEntity\" \\",
    "    --output text) ]]",
    "}",
    "if [[ -z $share_arn ]]; then",
    '  log "sharing the resource configuration with our account $VENDOR_ACCOUNT_ID"',
    '  share_arn=$(aws ram create-resource-share --region "$REGION" --name "$NAME" --allow-external-principals \\',
    '    --resource-arns "$configuration_arn" --principals "$VENDOR_ACCOUNT_ID" --tags "$ram_tags" \\',
    "    --query resourceShare.resourceShareArn --output text)",
    "else",
    '  if ! associated RESOURCE "$configuration_arn"; then',
    '    log "adding the resource configuration to the share"',
    '    aws ram associate-resource-share --region "$REGION" --resource-share-arn "$share_arn" --resource-arns "$configuration_arn" > /dev/null',
    "  fi",
    '  if ! associated PRINCIPAL "$VENDOR_ACCOUNT_ID"; then',
    '    log "adding our account $VENDOR_ACCOUNT_ID to the share"',
    '    aws ram associate-resource-share --region "$REGION" --resource-share-arn "$share_arn" --principals "$VENDOR_ACCOUNT_ID" > /dev/null',
    "  fi",
    "fi",
  ];
}
