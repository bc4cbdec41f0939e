import { fileName, type KitFormat, type ResourceTarget } from "./kit";

/**
 * What a `resource` kit is made from, and the words its three renderers (resource-cli.ts,
 * resource-terraform.ts, resource-cloudformation.ts) share. No load balancer: a VPC Lattice
 * resource gateway in the customer's VPC, a resource configuration naming the resource, and an
 * AWS RAM share of it with our account, whose invitation we accept before we create a VPC
 * endpoint of type Resource to it.
 */

export type ResourceKitInput = {
  /** The account the configuration is shared with: our account, the one in the organization's principal ARN. */
  vendorAccountId: string;
  /** The region of the resource, of the kit, and of our endpoint (resource endpoints are same-region). */
  region: string;
  target: ResourceTarget;
  /** The ports the configuration opens; empty for `rds-arn`, reached on the database's own port. */
  ports: number[];
  /** Our AZ IDs in the region, less the ones we exclude: our endpoint can only be in zones the gateway has subnets in. */
  availabilityZoneIds: string[];
};

type Words = {
  /** What the configuration names, in a sentence. */
  what: string;
  /** The input holding the resource, in each format's spelling. */
  input: { cli: string; terraform: string; cloudformation: string };
  description: string;
  example: string;
  type: "SINGLE" | "ARN";
  note: string;
};

const DNS_NOTE =
  "A domain name must resolve in public DNS (to private addresses, if you like) unless the resource gateway resolves names in your VPC (resource configuration DNS resolution IN_VPC, set when the gateway is made): then your VPC's resolver, private hosted zones included, answers it.";

/** What each resource target names, in the words every format uses. */
export const RESOURCE_TARGET_WORDS: Record<ResourceTarget, Words> = {
  "rds-arn": {
    what: "an RDS database or Aurora cluster, by its ARN",
    input: { cli: "RDS_ARN", terraform: "rds_arn", cloudformation: "RdsArn" },
    description: "the ARN of your RDS database or Aurora DB cluster, in this account and region",
    example: "arn:aws:rds:REGION:123456789012:db:orders",
    type: "ARN",
    note: "The configuration names the database by its ARN, so there is no IP address to keep current (unlike the service kit's rds target), and no ports to choose: the database's own port is the one.",
  },
  domain: {
    what: "a domain name (a database, an API or any TCP service by its DNS name)",
    input: { cli: "DOMAIN_NAME", terraform: "domain_name", cloudformation: "DomainName" },
    description: "the domain name of your resource",
    example: "orders-db.internal.example.com",
    type: "SINGLE",
    note: DNS_NOTE,
  },
  ip: {
    what: "an IP address in your VPC",
    input: { cli: "IP_ADDRESS", terraform: "ip_address", cloudformation: "IpAddress" },
    description: "the private IPv4 address of your resource, in the VPC",
    example: "10.0.1.15",
    type: "SINGLE",
    note: "The address must be in the resource gateway's VPC; an address that can change (an RDS endpoint's, a load balancer's) is better named by its domain name.",
  },
};

/** The target's example, in the kit's region. */
export function resourceExample(input: Pick<ResourceKitInput, "target" | "region">): string {
  return RESOURCE_TARGET_WORDS[input.target].example.replace("REGION", input.region);
}

/** The patterns a resource input is held to, in every format (POSIX ERE, RE2 and Java regexes all read them). */
export function resourcePattern(input: Pick<ResourceKitInput, "target" | "region">): string {
  if (input.target === "rds-arn") return `^arn:aws[a-z-]*:rds:${input.region}:[0-9]{12}:(db|cluster):[A-Za-z][A-Za-z0-9-]{0,62}$`;
  if (input.target === "domain") return "^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?[.])+[A-Za-z]{2,63}$";
  return "^([0-9]{1,3}[.]){3}[0-9]{1,3}$";
}

/**
 * The one rule every format holds a resource's name to. It names the resource gateway, the
 * resource configuration and the RAM share, so it follows VPC Lattice's names: 3 to 40 lower-case
 * letters, digits or single hyphens, no hyphen first or last, and not starting with rgw- or rcfg-.
 */
export const RESOURCE_NAME = { pattern: "^[a-z0-9](-?[a-z0-9])+$", minLength: 3, maxLength: 40, reservedPrefixes: ["rgw-", "rcfg-"] } as const;

export const RESOURCE_NAME_RULE = "3 to 40 lower-case letters, digits or single hyphens, not starting with rgw- or rcfg-";

/** Why the kit asks for a name, in the words of each format (`variable` is its spelling there). */
export function resourceNameNote(variable: string, again: string): string {
  return `One resource, one name: ${variable} names the resource gateway, the resource configuration and the resource share, so it must be unique in your account and region (${RESOURCE_NAME_RULE}). ${again} Another resource takes another ${variable}.`;
}

/** The gateway's subnets: in our zones, as many as we have up to two, one per zone. */
export function minimumZones(input: Pick<ResourceKitInput, "availabilityZoneIds">): number {
  return Math.min(2, input.availabilityZoneIds.length);
}

export function gatewayZoneSentence(input: ResourceKitInput): string {
  const zones = input.availabilityZoneIds;
  const where =
    zones.length === 1
      ? `a private subnet in AZ ID ${zones[0]}`
      : `one private subnet per zone, in at least ${minimumZones(input)} of these AZ IDs: ${zones.join(", ")}`;
  return `Use ${where} (AZ IDs, the same in every account; AZ names are not). Our endpoint can only be in zones the gateway is in.`;
}

export const GATEWAY_SECURITY_NOTE =
  "Your resource sees connections from the resource gateway's IP addresses in its subnets, not from ours: allow the gateway's security group (or its subnets' CIDRs) on the resource's port in your resource's security group.";

/** The gateway's security group's description: EC2 takes no apostrophe there. */
export const GATEWAY_GROUP_DESCRIPTION = "PrivateLink resource gateway: allow it on the port of your resource";

export function shareSentence(input: ResourceKitInput): string {
  return `The resource share sends our AWS account ${input.vendorAccountId} an invitation (external principals allowed), which we accept to connect to your resource; deleting the share, or the configuration, cuts us off.`;
}

export function resourceSummary(input: ResourceKitInput): string {
  const words = RESOURCE_TARGET_WORDS[input.target];
  const ports = input.ports.length ? ` on port${input.ports.length > 1 ? "s" : ""} ${input.ports.join(", ")}` : "";
  return `PrivateLink resource setup for ${input.region} (no load balancer): a VPC Lattice resource gateway in your VPC, a resource configuration for ${words.what}${ports}, and an AWS RAM share of it with our AWS account ${input.vendorAccountId}.`;
}

export function resourceFileName(format: KitFormat, input: Pick<ResourceKitInput, "region" | "target">): string {
  return fileName(format, { region: input.region, target: `resource-${input.target}` });
}

/** The 12-digit account of an IAM principal ARN (`arn:aws:iam::<account>:role/...`). */
export function accountOfPrincipal(principalArn: string): string {
  const account = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(principalArn)?.[1];
  if (!account) throw new Error(`The principal ARN ${JSON.stringify(principalArn)} names no account to share a resource with.`);
  return account;
}
