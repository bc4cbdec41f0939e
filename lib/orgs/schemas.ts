import { z } from "zod";

export const PLANS = ["free", "team", "enterprise"] as const;
export const APPROVAL_MODES = ["automatic", "manual"] as const;

export const organizationViewSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  plan: z.enum(PLANS),
  approvalMode: z.enum(APPROVAL_MODES),
  linkQuota: z.number().int(),
  activeLinks: z.number().int().describe("Links not deleted."),
  createdAt: z.iso.datetime(),
});
export type OrganizationView = z.infer<typeof organizationViewSchema>;

export const organizationPageSchema = z.object({ data: z.array(organizationViewSchema), nextCursor: z.string().nullable() });

export const updateOrganizationInputSchema = z
  .object({
    approvalMode: z.enum(APPROVAL_MODES, { error: "Expected automatic or manual" }).optional(),
    plan: z.enum(PLANS, { error: "Expected free, team or enterprise" }).optional(),
    linkQuota: z.number({ error: "Expected a whole number" }).int("Expected a whole number").min(0, "At least 0").max(10_000, "At most 10000").optional(),
  })
  .refine((input) => input.approvalMode !== undefined || input.plan !== undefined || input.linkQuota !== undefined, "Change at least one of approvalMode, plan, linkQuota");
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationInputSchema>;
