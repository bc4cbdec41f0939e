import { z } from "zod";
import { REGION_PATTERN, vendorSubnetSchema } from "@/lib/links/schemas";

// Client-safe: the console's form parses with these too.

const idList = (prefix: string, what: string, max: number) =>
  z
    .array(
      z
        .string()
        .trim()
        .regex(new RegExp(`^${prefix}-[0-9a-f]{8,17}$`), `Expected ${what} ids like ${prefix}-0123456789abcdef0`),
    )
    .max(max, `At most ${max}`)
    .refine((ids) => new Set(ids).size === ids.length, "Name each id once");

const CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/([0-9]|[12]\d|3[0-2])$/;

export const regionNameSchema = z.string().regex(REGION_PATTERN, "Expected an AWS region such as us-east-1");

/** Every field of a region; `saveRegion` checks the merged result with this before asking AWS. */
export const regionSettingsSchema = z.object({
  isOffered: z.boolean({ error: "Expected true or false" }),
  vpcId: z
    .string({ error: "Name the VPC endpoints are made in" })
    .trim()
    .regex(/^vpc-[0-9a-f]{8,17}$/, "Expected a VPC id like vpc-0123456789abcdef0"),
  subnetIds: idList("subnet", "subnet", 20).min(1, "Name at least one subnet: one per Availability Zone to offer"),
  // AWS allows at most 5 security groups on an interface endpoint.
  securityGroupIds: idList("sg", "security group", 5).min(1, "Name at least one security group to put on endpoints"),
  cidrs: z
    .array(z.string().trim().regex(CIDR, "Expected an IPv4 CIDR like 10.0.0.0/16"))
    .min(1, "Name at least one CIDR customers must allow")
    .max(20, "At most 20"),
  ports: z
    .array(
      z
        .number({ error: (issue) => `${String(issue.input)} is not a port: ports are numbers 1 to 65535` })
        .int({ error: (issue) => `${String(issue.input)} is not a port: ports are whole numbers 1 to 65535` })
        .min(1, { error: (issue) => `${String(issue.input)} is not a port: ports are 1 to 65535` })
        .max(65535, { error: (issue) => `${String(issue.input)} is not a port: ports are 1 to 65535` }),
    )
    .min(1, "Name at least one port")
    .max(20, "At most 20")
    .refine((ports) => new Set(ports).size === ports.length, "Name each port once"),
  excludedAzIds: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[a-z]{2,}\d?-az\d+$/, "Expected AZ IDs like use1-az3"),
    )
    .max(20, "At most 20"),
  crossRegionTo: z.array(regionNameSchema).max(30, "At most 30"),
});
export type RegionSettings = z.infer<typeof regionSettingsSchema>;

/** The fields given replace the stored ones; a new region's CIDRs default to the VPC's own block. */
export const regionChangesSchema = regionSettingsSchema.partial().meta({ id: "SaveRegionInput" });
export type RegionChanges = z.infer<typeof regionChangesSchema>;

/** What is stored, as is: the input rules above are for saving, not for reading back. */
export const regionViewSchema = z
  .object({
    region: z.string(),
    isOffered: z.boolean(),
    vpcId: z.string(),
    subnetIds: z.array(z.string()),
    securityGroupIds: z.array(z.string()),
    cidrs: z.array(z.string()),
    ports: z.array(z.number().int()),
    excludedAzIds: z.array(z.string()),
    crossRegionTo: z.array(z.string()),
    subnets: z.array(vendorSubnetSchema).describe("The subnets with their AZ names and AZ IDs, as AWS answered at the last save."),
    offeredAzIds: z.array(z.string()).describe("The AZ IDs customers are told to use: the subnets' zones less the excluded ones."),
    linksInExcludedZones: z
      .array(z.object({ id: z.uuid(), name: z.string(), organizationId: z.uuid(), azIds: z.array(z.string()) }))
      .describe(
        "Links whose endpoint has a network interface in a zone excluded since it was made (at most 50, by name): never moved, for an admin to decide on. New endpoints never use an excluded zone.",
      ),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Region" });
export type RegionView = z.infer<typeof regionViewSchema>;

export const regionListSchema = z.object({ data: z.array(regionViewSchema) }).meta({ id: "RegionList" });
