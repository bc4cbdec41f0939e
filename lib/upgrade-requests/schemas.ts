import { z } from "zod";
import { planKeySchema } from "@/lib/plans/schemas";

export const UPGRADE_REQUEST_STATUSES = ["open", "approved", "denied"] as const;

export const createUpgradeRequestInputSchema = z
  .object({
    plan: planKeySchema.describe("The key of the plan asked for: one that gives something the organization's current plan does not."),
    message: z.string({ error: "Expected text" }).trim().max(1000, "Use at most 1000 characters").optional().describe("Anything the vendor should know."),
  })
  .meta({ id: "CreateUpgradeRequestInput" });
export type CreateUpgradeRequestInput = z.infer<typeof createUpgradeRequestInputSchema>;

export const approveUpgradeRequestInputSchema = z
  .object({
    reason: z.string({ error: "Expected text" }).trim().max(1000, "Use at most 1000 characters").optional().describe("A note for the organization."),
  })
  .meta({ id: "ApproveUpgradeRequestInput" });
export type ApproveUpgradeRequestInput = z.infer<typeof approveUpgradeRequestInputSchema>;

export const denyUpgradeRequestInputSchema = z
  .object({
    reason: z.string({ error: "Say why" }).trim().min(1, "Say why").max(1000, "Use at most 1000 characters").describe("Why, shown to the organization."),
  })
  .meta({ id: "DenyUpgradeRequestInput" });
export type DenyUpgradeRequestInput = z.infer<typeof denyUpgradeRequestInputSchema>;

export const upgradeRequestStatusSchema = z.enum(UPGRADE_REQUEST_STATUSES).meta({ id: "UpgradeRequestStatus" });

export const upgradeRequestViewSchema = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    currentPlan: z.string().describe("The key of the organization's plan when it asked."),
    requestedPlan: z.string().describe("The key of the plan asked for."),
    message: z.string().nullable(),
    status: upgradeRequestStatusSchema,
    reason: z.string().nullable().describe("The vendor's answer."),
    createdAt: z.iso.datetime(),
    answeredAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "UpgradeRequest" });
export type UpgradeRequestView = z.infer<typeof upgradeRequestViewSchema>;

export const upgradeRequestPageSchema = z
  .object({ data: z.array(upgradeRequestViewSchema), nextCursor: z.string().nullable() })
  .meta({ id: "UpgradeRequestPage" });

/** Its schema, with paging, is in lib/api/upgrade-request-operations.ts: this file stays free of server code for the forms. */
export type AdminUpgradeRequestsQuery = { limit: number; cursor?: string; status?: z.infer<typeof upgradeRequestStatusSchema> };

const planFacts = {
  key: z.string(),
  name: z.string(),
  privateLinks: z.boolean(),
  crossRegion: z.boolean(),
  resourceEndpoints: z.boolean(),
  linkQuota: z.number().int().describe("Links (not deleted) an organization on the plan may hold."),
};

/** Read from the plan table, as registration and approval read it, so the portal promises only what they allow. */
export const planSummarySchema = z
  .object({
    plan: z.object(planFacts).describe("The organization's plan."),
    allows: z.string().describe("What the plan allows, in a sentence."),
    linkQuota: z.number().int().describe("The effective quota: the organization's own, or its plan's."),
    activeLinks: z.number().int().describe("Links the organization holds now (not deleted)."),
    regions: z.array(z.string()).describe("Our regions offered now."),
    upgrades: z
      .array(z.object({ key: z.string(), name: z.string(), allows: z.string() }))
      .describe("Plans that give something this one does not, least to most: what the organization may ask for."),
    plans: z.array(z.object({ ...planFacts, allows: z.string() })).describe("Every plan, least to most, with what it allows: the plan comparison."),
    latestRequest: upgradeRequestViewSchema.nullable().describe("The newest upgrade request: open, or the last answer."),
  })
  .meta({ id: "PlanSummary" });
export type PlanSummary = z.infer<typeof planSummarySchema>;
