import { z } from "zod";
import { planKeySchema, type PlanEntitlements } from "@/lib/plans/schemas";

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

/** Read from the plan table, as registration and approval read it, so the portal promises only what they allow. */
export type PlanSummary = {
  plan: PlanEntitlements;
  /** The plan's words for what it allows (describePlan). */
  allows: string;
  /** The effective quota: the organization's own, or its plan's. */
  linkQuota: number;
  activeLinks: number;
  regions: string[];
  /** Plans that give something this one does not, least to most: what the organization may ask for. */
  upgrades: { key: string; name: string; allows: string }[];
  /** The newest request: open, or the last answer. */
  latestRequest: UpgradeRequestView | null;
};
