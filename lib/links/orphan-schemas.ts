import { z } from "zod";
import { pageQuerySchema } from "@/lib/page-query";

// Client-safe: the admin page and the API document read these.

export const orphanViewSchema = z
  .object({
    endpointId: z.string().describe("The interface endpoint's id in our AWS account (vpce-…)."),
    region: z.string().describe("Our region it lives in."),
    serviceName: z.string().describe("The endpoint service it connects to."),
    organizationId: z.uuid().nullable().describe("The organization its tag names (null: untagged); it may no longer exist."),
    organizationName: z.string().nullable().describe("That organization's name; null when untagged or the organization no longer exists."),
    linkId: z.string().nullable().describe("The link its tag names, which no longer exists or no longer holds it."),
    azIds: z.array(z.string()).describe("AZ IDs it has an interface in: each is billed by the hour."),
    awsCreatedAt: z.iso.datetime().nullable().describe("When AWS created it."),
    firstSeenAt: z.iso.datetime().describe("When the reconciler first found it without a live link."),
    lastSeenAt: z.iso.datetime().describe("When the reconciler last saw it in AWS."),
    ageSeconds: z.number().int().describe("Its age, from AWS's creation time (or first seen)."),
    deleteAt: z.iso.datetime().describe("When the worker deletes it: first seen plus ORPHAN_GRACE_SECONDS, or when an admin asked."),
    graceRemainingSeconds: z.number().int().describe("Seconds until deleteAt; 0: its deletion is queued."),
    estimatedMonthlyCostUsd: z
      .number()
      .describe("What it costs a month if kept: $0.01 per AZ-hour (AWS PrivateLink pricing, interface endpoints, us-east-1) times 730 hours."),
  })
  .meta({ id: "OrphanEndpoint" });
export type OrphanView = z.infer<typeof orphanViewSchema>;

export const orphanPageSchema = z
  .object({ data: z.array(orphanViewSchema), nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last.") })
  .meta({ id: "OrphanEndpointPage" });

export const listOrphansQuerySchema = pageQuerySchema(25);

export const orphanEndpointIdSchema = z
  .string()
  .regex(/^vpce-[0-9a-f]{8,17}$/, "Expected a VPC endpoint id such as vpce-0123456789abcdef0")
  .describe("The orphaned endpoint's id.");
