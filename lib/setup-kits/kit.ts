/**
 * What every setup kit is made from: the facts of one region of ours (principal, CIDRs, ports,
 * AZ IDs, regions that reach it) and the customer's choices (link kind, target kind, ports, S3).
 * The renderers are pure functions: cloudformation.ts, terraform.ts and cli.ts of a KitInput (a
 * `service`), resource-cloudformation.ts, resource-terraform.ts and resource-cli.ts of a
 * ResourceKitInput (a `resource`, resource-kit.ts). Free of zod, so the Setup page takes these
 * choices without the API's query schema (query.ts).
 */

export const KIT_FORMATS = ["cloudformation", "terraform", "cli"] as const;
export type KitFormat = (typeof KIT_FORMATS)[number];

/** `service`: an endpoint service on an NLB. `resource`: a VPC Lattice resource configuration shared through AWS RAM, no load balancer. */
export const KIT_KINDS = ["service", "resource"] as const;

export const TARGET_KINDS = ["ip", "rds", "instance", "alb"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** What a resource configuration names: an RDS database or cluster by ARN, a domain name, an IP address. */
export const RESOURCE_TARGETS = ["rds-arn", "domain", "ip"] as const;
export type ResourceTarget = (typeof RESOURCE_TARGETS)[number];

export function isServiceTarget(target: string): target is TargetKind {
  return (TARGET_KINDS as readonly string[]).includes(target);
}

export function isResourceTarget(target: string): target is ResourceTarget {
  return (RESOURCE_TARGETS as readonly string[]).includes(target);
}

export type KitInput = {
  /** The organization's principal, allowlisted on the endpoint service. */
  principalArn: string;
  /** The region of the customer's service (and of the kit). */
  region: string;
  target: TargetKind;
  ports: number[];
  /** Our CIDRs, the sources the NLB's security group admits. */
  cidrs: string[];
  /** AZ IDs to put the NLB in (ours in this region, less the ones we exclude); empty when we only reach the region cross-region. */
  availabilityZoneIds: string[];
  /** Our other regions that reach this service cross-region. */
  supportedRegions: string[];
  s3GatewayEndpoint: boolean;
};

/** What each target kind registers, in the words every format uses. */
export const TARGETS: Record<TargetKind, { what: string; targets: string; example: string; note?: string }> = {
  ip: { what: "IP addresses (EKS nodes or pods, any private IP)", targets: "comma-separated private IP addresses", example: "10.0.1.15,10.0.2.27" },
  rds: {
    what: "an RDS database or RDS Proxy, by IP address",
    targets: "comma-separated IP addresses of the database endpoint (resolve it with: dig +short <endpoint>)",
    example: "10.0.1.15",
    note: "An RDS endpoint's IP changes on failover, maintenance or scaling, and the NLB keeps sending to the old one. Keep the target group current with AWS's documented Lambda that re-resolves the endpoint and updates the target group (search: \"Access Amazon RDS across VPCs using AWS PrivateLink and Network Load Balancer\").",
  },
  instance: { what: "EC2 instances (e.g. an SSH bastion or tunnel host)", targets: "comma-separated instance ids", example: "i-0123456789abcdef0" },
  alb: {
    what: "an internal Application Load Balancer",
    targets: "the ARN of your internal Application Load Balancer (one)",
    example: "arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/app/NAME/ID",
    note: "The ALB must be in the same VPC and have a listener on each port. Health checks to an ALB are HTTP(S), not TCP; proxy protocol and client IP preservation do not apply to ALB targets.",
  },
};

/** Health checks: TCP to IP and instance targets; an ALB target only takes HTTP or HTTPS. */
export function healthCheckProtocol(target: TargetKind, port: number): "TCP" | "HTTP" | "HTTPS" {
  if (target !== "alb") return "TCP";
  return port === 443 || port === 8443 ? "HTTPS" : "HTTP";
}

export function targetType(target: TargetKind): "ip" | "instance" | "alb" {
  return target === "rds" ? "ip" : target;
}

/** Target group attributes set off explicitly (ALB targets take neither). */
export function targetGroupAttributes(target: TargetKind): { key: string; value: string }[] {
  if (target === "alb") return [];
  return [
    { key: "preserve_client_ip.enabled", value: "false" },
    { key: "proxy_protocol_v2.enabled", value: "false" },
  ];
}

export function azSentence(input: KitInput): string {
  if (input.availabilityZoneIds.length === 0) return `We reach ${input.region} cross-region: any Availability Zones will do.`;
  return `Use private subnets only in these Availability Zone IDs, at least one, better two: ${input.availabilityZoneIds.join(", ")} (AZ IDs, the same in every account; AZ names are not).`;
}

export const SECURITY_GROUP_NOTE =
  "The kit gives the NLB a security group that admits only our CIDRs on your ports, with inbound rules enforced on PrivateLink traffic (the source is then our client's IP). Without a security group all traffic that reaches the NLB passes, guarded only by the allow list and your acceptance, and a security group cannot be added to an NLB later.";

/**
 * The tag the CLI kit puts on everything it makes, valued with the customer's NAME: a second run
 * finds an earlier run's resources by it and creates only what is missing.
 */
export const KIT_TAG_KEY = "privatelink-portal:kit";

/** The one rule every format holds a service's name to: it prefixes NLB and target group names (32 characters at most). */
export const NAME_PATTERN = "^[A-Za-z0-9-]{1,26}$";

/** Why the kit asks for a name, in the words of each format (`variable` is its spelling there). */
export function nameNote(variable: string, again: string): string {
  return `One service, one name: ${variable} names the NLB and prefixes its target groups, so it must be unique in your account and region (at most 26 letters, digits or hyphens). ${again} A second service, in the same VPC or not, takes another ${variable}.`;
}

export const TARGET_SECURITY_NOTE =
  "Your targets see the NLB's private IPs (client IP preservation is off): allow the NLB's security group, or its subnets' CIDRs, on the target port in your targets' security groups, for traffic and health checks.";

/** `privatelink-<region>-<target>.<ext>`; a resource kit's target reads `resource-<target>`. */
export function fileName(format: KitFormat, input: { region: string; target: string }): string {
  const base = `privatelink-${input.region}-${input.target}`;
  return format === "cloudformation" ? `${base}.yaml` : format === "terraform" ? `${base}.tf` : `${base}.sh`;
}

export const CONTENT_TYPES: Record<KitFormat, string> = {
  cloudformation: "application/yaml; charset=utf-8",
  terraform: "text/plain; charset=utf-8",
  cli: "text/x-shellscript; charset=utf-8",
};
