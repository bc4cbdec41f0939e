import { z } from "zod";
import { MAX_LINK_QUOTA, planKeySchema } from "@/lib/plans/schemas";

export const APPROVAL_MODES = ["automatic", "manual"] as const;

export const organizationViewSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    plan: z.string().describe("The key of its plan (GET /api/v1/admin/plans)."),
    planName: z.string(),
    approvalMode: z.enum(APPROVAL_MODES),
    linkQuota: z.number().int().describe("The quota registration checks: `linkQuotaOverride` when set, else the plan's."),
    linkQuotaOverride: z.number().int().nullable().describe("The organization's own quota; null: its plan's."),
    activeLinks: z.number().int().describe("Links not deleted."),
    memberCount: z.number().int().describe("Users who belong to the organization."),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Organization" });
export type OrganizationView = z.infer<typeof organizationViewSchema>;

export const organizationPageSchema = z.object({ data: z.array(organizationViewSchema), nextCursor: z.string().nullable() }).meta({ id: "OrganizationPage" });

export const updateOrganizationInputSchema = z
  .object({
    approvalMode: z.enum(APPROVAL_MODES, { error: "Expected automatic or manual" }).optional(),
    plan: planKeySchema.optional().describe("The key of a plan (GET /api/v1/admin/plans)."),
    linkQuota: z
      .number({ error: "Expected a whole number, or null for the plan's" })
      .int("Expected a whole number")
      .min(0, "At least 0")
      .max(MAX_LINK_QUOTA, `At most ${MAX_LINK_QUOTA}`)
      .nullable()
      .optional()
      .describe("The organization's own quota; null: its plan's."),
  })
  .refine(
    (input) => input.approvalMode !== undefined || input.plan !== undefined || input.linkQuota !== undefined,
    "Change at least one of approvalMode, plan, linkQuota",
  )
  .meta({ id: "UpdateOrganizationInput" });
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationInputSchema>;

export const AWS_ACCOUNT_PROOFS = ["unproved", "proved"] as const;

export const declareAwsAccountInputSchema = z
  .object({
    accountId: z
      .string({ error: "Enter the 12-digit AWS account id" })
      .trim()
      .regex(/^\d{12}$/, "Expected a 12-digit AWS account id, such as 123456789012"),
  })
  .meta({ id: "DeclareAwsAccountInput" });
export type DeclareAwsAccountInput = z.infer<typeof declareAwsAccountInputSchema>;

export const awsAccountViewSchema = z
  .object({
    id: z.uuid(),
    accountId: z.string(),
    proof: z.enum(AWS_ACCOUNT_PROOFS).describe("proved: AWS let us assume the proof role in this account with your external id."),
    proofRoleArn: z.string().describe("The role to create in this account (see proofInstructions)."),
    provedAt: z.iso.datetime().nullable(),
    lastCheckedAt: z.iso.datetime().nullable(),
    lastError: z.string().nullable().describe("Why the last check did not prove the account, and what to do."),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "AwsAccount" });
export type AwsAccountView = z.infer<typeof awsAccountViewSchema>;

export const proofInstructionsSchema = z
  .object({
    roleName: z.string().describe("Create an IAM role with this name in each account you declare."),
    trustedPrincipal: z.string().describe("The only principal the role trusts: our AWS account."),
    externalId: z.string().describe("Your organization's external id; the trust policy requires it."),
    trustPolicy: z.string().describe("The role's whole trust policy (JSON). The role needs no permissions."),
  })
  .describe("How to prove an AWS account is yours, resting on AWS alone.")
  .meta({ id: "ProofInstructions" });
export type ProofInstructions = z.infer<typeof proofInstructionsSchema>;

export const awsAccountListSchema = z
  .object({
    data: z.array(awsAccountViewSchema),
    nextCursor: z.string().nullable(),
    proofInstructions: proofInstructionsSchema,
  })
  .meta({ id: "AwsAccountList" });
