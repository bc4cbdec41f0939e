import { z } from "zod";
import { PLANS } from "@/lib/orgs/schemas";

export const UPGRADE_REQUEST_STATUSES = ["open", "approved", "denied"] as const;
export type Plan = (typeof PLANS)[number];

/** Plans from least to most; a request must ask for one above the organization's. */
export const PLAN_RANK: Record<Plan, number> = { free: 0, team: 1, enterprise: 2 };

/** What each plan allows, in words the portal shows before any AWS work. */
export const PLAN_ALLOWS: Record<Plan, string> = {
  free: "No private links: the free plan lets you read the setup steps and kits, but not register a link.",
  team: "Private links in every region we offer, up to your organization's link quota.",
  enterprise: "Private links in every region we offer, a larger link quota on request, and cross-region links.",
};

export const createUpgradeRequestInputSchema = z
  .object({
    plan: z.enum(PLANS, { error: "Choose a plan: team or enterprise" }).describe("The plan asked for: above the organization's current plan."),
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
    currentPlan: z.enum(PLANS).describe("The organization's plan when it asked."),
    requestedPlan: z.enum(PLANS),
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

export type PlanSummary = {
  plan: Plan;
  allowsPrivateLinks: boolean;
  allows: string;
  linkQuota: number;
  activeLinks: number;
  regions: string[];
  /** Plans above this one, which the organization may ask for. */
  upgrades: Plan[];
  /** The newest request: open, or the last answer. */
  latestRequest: UpgradeRequestView | null;
};
