import { z } from "zod";
import { pageQuerySchema } from "@/lib/page-query";
import { linkKindQuerySchema, linkStateSchema, REGION_PATTERN } from "./schemas";
import { linkEventViewSchema, linkViewSchema, type LinkView } from "./views";

export type AdminLinkView = LinkView & { organization: NonNullable<LinkView["organization"]> };

export const adminLinkDetailSchema = z
  .object({
    link: linkViewSchema,
    principalArn: z.string().nullable().describe("The organization's principal the link's AWS calls are made as (null until made)."),
    nextCheckAt: z.iso.datetime().nullable().describe("When the reconciler next describes the endpoint (null: never, the link is finished)."),
    events: z.array(linkEventViewSchema).describe("The newest 50 state changes, newest first."),
  })
  .meta({ id: "AdminLinkDetail" });
export type AdminLinkDetail = z.infer<typeof adminLinkDetailSchema>;

export const adminListLinksQuerySchema = pageQuerySchema(25).extend({
  state: linkStateSchema.optional().describe("Only links in this state."),
  region: z.string().regex(REGION_PATTERN, "Expected an AWS region such as us-east-1").optional().describe("Only links in this region of ours."),
  kind: linkKindQuerySchema,
  organizationId: z.uuid("Expected an organization id").optional().describe("Only this organization's links."),
  errorCode: z.string().trim().min(1).max(100).optional().describe("Only links whose last error has this code (e.g. EndpointLost)."),
  createdBefore: z.iso.datetime({ error: "Expected an ISO 8601 time" }).optional().describe("Only links registered before this time (older ones)."),
  stuck: z
    .enum(["true"], { error: "Expected true" })
    .optional()
    .describe(
      "Only stuck links: pending acceptance for over a day, failed, disconnected, failing verification for over a day, deleting for over an hour, or available but degraded (its connectivity probes fail).",
    ),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200, "At most 200 characters")
    .optional()
    .describe(
      "Search, in any case: part of the link's name or service name or of its organization's name, or a whole endpoint id, owner account id or organization slug.",
    ),
});
export type AdminListLinksQuery = z.infer<typeof adminListLinksQuerySchema>;

/** afterMs 0: any time in the state. */
export const STUCK_RULES = [
  { state: "pending_acceptance", afterMs: 86_400_000, label: "waiting for the customer to accept for over a day" },
  { state: "failed", afterMs: 0, label: "failed" },
  { state: "disconnected", afterMs: 0, label: "disconnected by the customer" },
  { state: "verification_failed", afterMs: 86_400_000, label: "failing verification for over a day" },
  { state: "deleting", afterMs: 3_600_000, label: "deleting for over an hour" },
] as const;

/** Stuck too, whatever its time in the state: an available link whose connectivity probes fail (`degraded`). */
export const STUCK_DEGRADED = { state: "available", label: "available, but its connectivity probes fail" } as const;
