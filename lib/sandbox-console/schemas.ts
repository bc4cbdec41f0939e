import { z } from "zod";

// Client-safe: shared by the routes and the /sandbox page.

export const regionSchema = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "Expected a region such as us-east-1");
const serviceIdSchema = z.string().regex(/^vpce-svc-[0-9a-f]{17}$/, "Expected an endpoint service id such as vpce-svc-0123456789abcdef0");
const endpointIdSchema = z.string().regex(/^vpce-[0-9a-f]{17}$/, "Expected an endpoint id such as vpce-0123456789abcdef0");
const elbArnSchema = (kind: "loadbalancer/net" | "listener/net" | "targetgroup") =>
  z.string().regex(new RegExp(`^arn:aws:elasticloadbalancing:[a-z0-9-]+:\\d{12}:${kind}/`), `Expected an ELB ${kind.split("/")[0]} ARN`);
const portSchema = z.coerce.number({ error: "Enter a port" }).int("Enter a whole number").min(1, "1 to 65535").max(65535, "1 to 65535");

/**
 * A target stands for a host in the customer's VPC, and the sandbox's data plane connects to it: only a loopback address,
 * so the sandbox never connects anywhere else.
 */
export const loopbackAddressSchema = z
  .string({ error: "Enter a loopback address" })
  .trim()
  .regex(/^127\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)$/, "Expected an address in 127.0.0.0/8");
export const sandboxTargetSchema = z.object({ address: loopbackAddressSchema, port: portSchema });
export type SandboxTarget = z.infer<typeof sandboxTargetSchema>;

/** The account is always the organization's own sandbox account, never the client's choice. */
export const consoleScopeSchema = z.object({ region: regionSchema });
export type ConsoleScope = z.infer<typeof consoleScopeSchema>;

export const createSandboxServiceInputSchema = consoleScopeSchema.extend({
  name: z
    .string({ error: "Name the load balancer" })
    .trim()
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/, "1 to 32 letters, digits and hyphens, not starting or ending with a hyphen"),
  acceptanceRequired: z.boolean().default(true),
  allowOrganizationPrincipal: z.boolean().default(true),
  port: portSchema.default(5432).describe("The listener's port: the port the vendor connects to"),
  target: sandboxTargetSchema.optional().describe("A TCP service on loopback; absent: the portal's own database when it listens on loopback"),
});
export type CreateSandboxServiceInput = z.infer<typeof createSandboxServiceInputSchema>;

export const allowPrincipalInputSchema = consoleScopeSchema.extend({
  serviceId: serviceIdSchema,
  principalArn: z
    .string({ error: "Enter an IAM principal ARN" })
    .trim()
    .regex(/^(\*|arn:aws:iam::\d{12}:(root|role\/[\w+=,.@/-]+))$/, "Expected an IAM role ARN, arn:aws:iam::<account>:root, or *"),
});
export type AllowPrincipalInput = z.infer<typeof allowPrincipalInputSchema>;

export const connectionActionInputSchema = consoleScopeSchema.extend({
  serviceId: serviceIdSchema,
  endpointId: endpointIdSchema,
  action: z.enum(["accept", "reject"]).describe("reject also revokes an accepted connection"),
});
export type ConnectionActionInput = z.infer<typeof connectionActionInputSchema>;

export const deleteSandboxServiceInputSchema = consoleScopeSchema.extend({ serviceId: serviceIdSchema });
export type DeleteSandboxServiceInput = z.infer<typeof deleteSandboxServiceInputSchema>;

export const targetActionInputSchema = consoleScopeSchema.extend({
  targetGroupArn: elbArnSchema("targetgroup"),
  target: sandboxTargetSchema,
  action: z.enum(["register", "deregister"]),
});
export type TargetActionInput = z.infer<typeof targetActionInputSchema>;

export const listenerActionInputSchema = z.discriminatedUnion("action", [
  consoleScopeSchema.extend({ action: z.literal("delete"), listenerArn: elbArnSchema("listener/net") }),
  consoleScopeSchema.extend({
    action: z.literal("create"),
    loadBalancerArn: elbArnSchema("loadbalancer/net"),
    targetGroupArn: elbArnSchema("targetgroup"),
    port: portSchema,
  }),
]);
export type ListenerActionInput = z.infer<typeof listenerActionInputSchema>;

export const loadBalancerSettingInputSchema = z.discriminatedUnion("setting", [
  consoleScopeSchema.extend({
    loadBalancerArn: elbArnSchema("loadbalancer/net"),
    setting: z.literal("enforceInboundRules"),
    enabled: z.boolean().describe("Enforce inbound rules on PrivateLink traffic"),
  }),
  consoleScopeSchema.extend({ loadBalancerArn: elbArnSchema("loadbalancer/net"), setting: z.literal("crossZone"), enabled: z.boolean() }),
]);
export type LoadBalancerSettingInput = z.infer<typeof loadBalancerSettingInputSchema>;

export const sandboxLoadBalancerSchema = z.object({
  arn: z.string(),
  name: z.string(),
  zones: z.array(z.string()),
  crossZone: z.boolean(),
  /** null: made without security groups, so enforcement can never be turned on. */
  enforceInboundRules: z.boolean().nullable(),
  securityGroups: z.array(
    z.object({
      groupId: z.string(),
      inbound: z.array(z.object({ protocol: z.string(), fromPort: z.number().nullable(), toPort: z.number().nullable(), source: z.string() })),
    }),
  ),
  listeners: z.array(z.object({ arn: z.string(), port: z.number(), protocol: z.string(), targetGroupArn: z.string().nullable() })),
  targetGroups: z.array(
    z.object({
      arn: z.string(),
      name: z.string(),
      port: z.number().nullable(),
      targets: z.array(z.object({ address: z.string(), port: z.number(), zone: z.string().nullable(), state: z.string(), reason: z.string().nullable() })),
    }),
  ),
});
export type SandboxLoadBalancer = z.infer<typeof sandboxLoadBalancerSchema>;

export const sandboxConnectionSchema = z.object({
  endpointId: z.string(),
  ownerAccountId: z.string(),
  state: z.string(),
  createdAt: z.string().nullable(),
});

export const sandboxServiceSchema = z.object({
  serviceId: z.string(),
  serviceName: z.string(),
  state: z.string(),
  acceptanceRequired: z.boolean(),
  loadBalancerArns: z.array(z.string()),
  availabilityZones: z.array(z.string()),
  allowedPrincipals: z.array(z.string()),
  connections: z.array(sandboxConnectionSchema),
  loadBalancers: z.array(sandboxLoadBalancerSchema),
});
export type SandboxService = z.infer<typeof sandboxServiceSchema>;

const LATTICE_NAME_RULE = "3 to 40 lower-case letters, digits or single hyphens, not starting with rgw- or rcfg-";
/** VPC Lattice's names, which the gateway, the configuration and the share all take: as the resource kits hold them. */
const latticeNameSchema = z
  .string({ error: "Name the resource" })
  .trim()
  .min(3, LATTICE_NAME_RULE)
  .max(40, LATTICE_NAME_RULE)
  .regex(/^(?!rgw-|rcfg-)[a-z0-9](-?[a-z0-9])+$/, LATTICE_NAME_RULE);

/** What the configuration names: an RDS database of the account by ARN (type ARN), or an IP address in its VPC on a port (type SINGLE). */
export const sandboxResourceDefinitionSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("rds"),
    rdsArn: z
      .string({ error: "Enter the database's ARN" })
      .trim()
      .regex(
        /^arn:aws:rds:[a-z0-9-]+:\d{12}:(db|cluster):[A-Za-z][A-Za-z0-9-]{0,62}$/,
        "Expected an RDS ARN such as arn:aws:rds:us-east-1:123456789012:db:orders",
      ),
  }),
  z.object({
    type: z.literal("ip"),
    ipAddress: z
      .string({ error: "Enter an IP address" })
      .trim()
      .regex(/^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/, "Expected an IPv4 address in the account's VPC"),
    port: portSchema,
  }),
]);
export type SandboxResourceDefinition = z.infer<typeof sandboxResourceDefinitionSchema>;

export const createSandboxResourceInputSchema = consoleScopeSchema.extend({
  name: latticeNameSchema.describe("Names the resource gateway, the resource configuration and the RAM share"),
  resource: sandboxResourceDefinitionSchema,
  shareWithVendor: z.boolean().default(true).describe("Share the configuration through AWS RAM with the vendor's account (the organization's principal's)"),
});
export type CreateSandboxResourceInput = z.infer<typeof createSandboxResourceInputSchema>;

export const sandboxResourceSchema = z.object({
  configurationId: z.string(),
  configurationArn: z.string(),
  name: z.string(),
  type: z.string(),
  /** What the configuration names: the RDS ARN, the IP address or the domain name. */
  resource: z.string(),
  portRanges: z.array(z.string()),
  status: z.string(),
  gatewayId: z.string(),
  /** Its RAM shares, one row per principal: ASSOCIATING until that account accepts the invitation, then ASSOCIATED. */
  shares: z.array(z.object({ shareArn: z.string(), principal: z.string(), status: z.string() })),
});
export type SandboxResource = z.infer<typeof sandboxResourceSchema>;

export const sandboxConsoleViewSchema = z.object({
  regions: z.array(z.string()),
  organizationPrincipalArn: z.string(),
  /** The vendor's account, the principal's: what a resource configuration is shared with. */
  vendorAccountId: z.string(),
  accountId: z.string(),
  region: z.string(),
  /** What a new service's target defaults to: the portal's own database, when it listens on loopback. */
  defaultTarget: sandboxTargetSchema.nullable(),
  services: z.array(sandboxServiceSchema),
  /** The account's VPC in the region, where a resource gateway goes and an IP resource must be. */
  vpcCidr: z.string().nullable(),
  resources: z.array(sandboxResourceSchema),
});
export type SandboxConsoleView = z.infer<typeof sandboxConsoleViewSchema>;
