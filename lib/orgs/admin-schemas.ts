import { z } from "zod";
import { invitationViewSchema, memberViewSchema } from "./member-schemas";
import { awsAccountViewSchema, organizationViewSchema } from "./schemas";

export const PRINCIPAL_MODES = ["per_organization", "shared"] as const;

// ready: exists with the current policy; outdated: an older policy, brought up to date on its next use; missing: made once,
// gone from IAM since; shared: PRINCIPAL_MODE=shared, no role.
export const ROLE_STATES = ["ready", "outdated", "not_created", "missing", "shared"] as const;
export type RoleState = (typeof ROLE_STATES)[number];

/** Lists on the page are bounded; the counts say how many there are in all. */
export const ADMIN_ORGANIZATION_LIST_LIMIT = 100;

export const organizationPrincipalSchema = z
  .object({
    mode: z.enum(PRINCIPAL_MODES).describe("PRINCIPAL_MODE of the deployment: the same for every organization."),
    arn: z.string().describe("The ARN the organization allowlists (the shared ARN in shared mode)."),
    roleState: z.enum(ROLE_STATES),
    policyVersion: z.number().int().describe("The version of the role's policy, 0 before the role is made."),
    currentPolicyVersion: z.number().int(),
    checkError: z.string().nullable().describe("Why IAM could not be asked just now; roleState then rests on the database alone."),
  })
  .meta({ id: "OrganizationPrincipal" });
export type OrganizationPrincipal = z.infer<typeof organizationPrincipalSchema>;

export const adminOrganizationDetailSchema = z
  .object({
    organization: organizationViewSchema,
    principal: organizationPrincipalSchema,
    awsAccounts: z.array(awsAccountViewSchema).describe("The AWS accounts it declared, oldest first, with their ownership proof."),
    members: z
      .array(memberViewSchema)
      .describe(`Its members in the order they joined, at most ${ADMIN_ORGANIZATION_LIST_LIMIT} (organization.memberCount counts all).`),
    openInvitations: z.array(invitationViewSchema).describe(`Invitations still open, newest first, at most ${ADMIN_ORGANIZATION_LIST_LIMIT}.`),
    openInvitationCount: z.number().int(),
  })
  .meta({ id: "AdminOrganization" });
export type AdminOrganizationDetail = z.infer<typeof adminOrganizationDetailSchema>;
