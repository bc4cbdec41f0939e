import { z } from "zod";
import { pageQuerySchema } from "@/lib/page-query";
import { uuidSchema } from "@/lib/validation";
import { LINK_ACTION_NAMES, LINK_STATES } from "./state-machine";

export const SERVICE_NAME_PATTERN = /^com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-f]{17}$/;
export const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export function regionOfServiceName(serviceName: string): string | undefined {
  return /^com\.amazonaws\.vpce\.([a-z0-9-]+)\.vpce-svc-/.exec(serviceName)?.[1];
}

const portSchema = z.number().int("Ports are whole numbers").min(1, "Ports are 1 to 65535").max(65535, "Ports are 1 to 65535");

export const RESOURCE_CONFIGURATION_ARN_PATTERN = /^arn:aws[a-z-]*:vpc-lattice:([a-z0-9-]+):(\d{12}):resourceconfiguration\/rcfg-[0-9a-z]{17}$/;
export const RESOURCE_SHARE_ARN_PATTERN = /^arn:aws[a-z-]*:ram:([a-z0-9-]+):(\d{12}):resource-share\/[0-9a-f-]{36}$/;

/** The region and owner account a resource configuration ARN names. */
export function partsOfConfigurationArn(arn: string): { region: string; accountId: string } | undefined {
  const match = RESOURCE_CONFIGURATION_ARN_PATTERN.exec(arn);
  return match ? { region: match[1]!, accountId: match[2]! } : undefined;
}

const LINK_KINDS = ["service", "resource"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export const linkKindSchema = z
  .enum(LINK_KINDS)
  .describe(
    "service: an interface endpoint to the customer's endpoint service (behind its Network Load Balancer). resource: a resource endpoint to a resource configuration the customer shares with our account through AWS RAM (no load balancer).",
  )
  .meta({ id: "LinkKind" });

const linkFields = {
  name: z.string({ error: "Name the link" }).trim().min(1, "Name the link").max(100, "Use at most 100 characters"),
  region: z.string({ error: "Choose one of our regions" }).regex(REGION_PATTERN, "Expected an AWS region such as us-east-1"),
  ports: z
    .array(portSchema)
    .min(1, "Choose at least one port")
    .max(20, "At most 20 ports")
    .optional()
    .describe(
      "The ports the vendor connects to, among those our region offers (GET /connectivity). Default: every port the region offers, since what the service listens on is not known before the endpoint exists.",
    ),
  tlsPorts: z
    .array(portSchema)
    .max(20, "At most 20 ports")
    .optional()
    .describe(
      "Those of the link's ports that speak TLS: the connectivity probe completes a handshake there and checks the certificate's names and dates. Default: 443 when the link offers it.",
    ),
};

const serviceLinkInputSchema = z
  .object({
    kind: z.literal("service").optional().describe("The default."),
    ...linkFields,
    serviceName: z
      .string({ error: "Enter your endpoint service name" })
      .trim()
      .regex(SERVICE_NAME_PATTERN, "Expected an endpoint service name like com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"),
    serviceRegion: z.string().regex(REGION_PATTERN, "Expected an AWS region such as us-east-1").optional(),
    privateDns: z
      .boolean()
      .optional()
      .describe(
        "Use the service's private DNS name (it must be verified: otherwise verification fails its private_dns check). Off by default: it takes the name over inside our VPC, where no other link may then use it.",
      ),
  })
  .meta({ id: "CreateServiceLinkInput" });

const resourceLinkInputSchema = z
  .object({
    kind: z.literal("resource"),
    ...linkFields,
    resourceConfigurationArn: z
      .string({ error: "Enter your resource configuration ARN" })
      .trim()
      .regex(
        RESOURCE_CONFIGURATION_ARN_PATTERN,
        "Expected a resource configuration ARN like arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0",
      )
      .describe("The resource configuration, in the link's region, owned by an AWS account your organization has proved it owns."),
    resourceShareArn: z
      .string()
      .trim()
      .regex(RESOURCE_SHARE_ARN_PATTERN, "Expected a RAM resource share ARN like arn:aws:ram:us-east-1:123456789012:resource-share/<id>")
      .optional()
      .describe(
        "The RAM share that carries the configuration to our account. Optional: we accept any pending invitation from the configuration's owner account.",
      ),
  })
  .meta({ id: "CreateResourceLinkInput" });

export const createLinkInputSchema = z.discriminatedUnion("kind", [serviceLinkInputSchema, resourceLinkInputSchema]).meta({ id: "CreateLinkInput" });
export type CreateLinkInput = z.infer<typeof createLinkInputSchema>;
/** What the register-link form validates its target fields with, as typed. */
export const serviceNameSchema = serviceLinkInputSchema.shape.serviceName;
export const configurationArnSchema = resourceLinkInputSchema.shape.resourceConfigurationArn;
export const shareArnSchema = resourceLinkInputSchema.shape.resourceShareArn;

/** The customer reads the reason: a few words at least, checked here for the form and the API alike. */
export const denyLinkInputSchema = z
  .object({
    reason: z
      .string({ error: "Say why the link is denied" })
      .trim()
      .min(10, "Say why in a few words (at least 10 characters): the customer reads this")
      .max(500, "Use at most 500 characters")
      .refine((reason) => reason.split(/\s+/).length >= 2, "Say why in a few words: the customer reads this"),
  })
  .meta({ id: "DenyLinkInput" });
export type DenyLinkInput = z.infer<typeof denyLinkInputSchema>;

export const linkStateSchema = z.enum(LINK_STATES).meta({ id: "LinkState" });
export const linkActionSchema = z.enum(LINK_ACTION_NAMES).meta({ id: "LinkAction" });

export const linkKindQuerySchema = z.enum(LINK_KINDS, { error: "Expected service or resource" }).optional().describe("Only links of this kind.");

export const listLinksQuerySchema = pageQuerySchema(25).extend({
  state: linkStateSchema.optional().describe("Only links in this state."),
  region: z.string().regex(REGION_PATTERN, "Expected an AWS region such as us-east-1").optional().describe("Only links in this region of ours."),
  kind: linkKindQuerySchema,
  q: z
    .string()
    .trim()
    .min(1, "Search for at least one character")
    .max(200, "Use at most 200 characters")
    .optional()
    .describe("Only links whose name, service name (or resource configuration ARN) or endpoint id contains this, in any case."),
  includeDeleted: z
    .enum(["true", "false"], { error: "Expected true or false" })
    .optional()
    .describe("Deleted links are left out unless this is true (or `state` is `deleted`)."),
});

export const linkJobSchema = z.object({ linkId: uuidSchema });

/** A retry names the failed endpoint it replaces: moments after it was made, its tags (which find it otherwise) may lag it. */
export const provisionJobSchema = linkJobSchema.extend({
  replacing: z
    .array(z.string().regex(/^vpce-[0-9a-f]{8,17}$/))
    .max(5)
    .optional(),
});

/** The checks of a resource link, in the order they run: the trust boundary before anything is asked of AWS. */
export const RESOURCE_CHECK_NAMES = [
  "arn_format",
  "region_offered",
  "owner_declared",
  "exclusive_service",
  "resource_share",
  "configuration_visible",
  "configuration_type",
  "port_overlap",
] as const;

/** The checks of a service link, in the order they run. */
export const SERVICE_CHECK_NAMES = [
  "name_format",
  "region_offered",
  "service_visible",
  "allowlist_scope",
  "interface_type",
  "az_overlap",
  "acceptance_required",
  "owner_declared",
  "exclusive_service",
  "private_dns",
  "ip_address_types",
] as const;

/** Every check name: the service link's, then those only a resource link has. */
export const CHECK_NAMES = [...SERVICE_CHECK_NAMES, "arn_format", "resource_share", "configuration_visible", "configuration_type", "port_overlap"] as const;

/** Who a service's allow list admits, as the canaries saw it (lib/aws/canary.ts). */
export const ALLOWLIST_SCOPES = ["organization", "account", "public"] as const;
export type AllowlistScope = (typeof ALLOWLIST_SCOPES)[number];
/** The service owner's account at verification: proved by the organization, declared only, or neither. */
export const OWNER_PROOFS = ["proved", "unproved", "undeclared"] as const;
export type OwnerProof = (typeof OWNER_PROOFS)[number];

export const linkCheckSchema = z
  .object({
    name: z.enum(CHECK_NAMES),
    status: z.enum(["pass", "fail", "warn", "skipped"]),
    detail: z.string(),
    awsCode: z.string().optional(),
  })
  .meta({ id: "LinkCheck" });
export type LinkCheck = z.infer<typeof linkCheckSchema>;

export const dnsNamesSchema = z.object({ regional: z.array(z.string()).default([]), zonal: z.array(z.string()).default([]) });
export type DnsNames = z.infer<typeof dnsNamesSchema>;

export const endpointAddressSchema = z
  .object({
    azId: z.string().describe("The Availability Zone ID (the same in every account)."),
    subnetId: z.string(),
    networkInterfaceId: z.string(),
    privateIpAddress: z.string().describe("The interface's private IPv4 address in our VPC: a target for a vendor NLB or an API Gateway VPC link."),
  })
  .meta({ id: "EndpointAddress" });
export type EndpointAddress = z.infer<typeof endpointAddressSchema>;

export const vendorSubnetSchema = z.object({ subnetId: z.string(), availabilityZone: z.string(), availabilityZoneId: z.string() });
export type VendorSubnet = z.infer<typeof vendorSubnetSchema>;
