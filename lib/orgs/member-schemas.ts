import { z } from "zod";
import { emailSchema, newPasswordSchema } from "@/lib/validation";

export const MEMBERSHIP_ROLES = ["owner", "member"] as const;
export const membershipRoleSchema = z.enum(MEMBERSHIP_ROLES, { error: "Expected owner or member" });
export type MembershipRole = z.infer<typeof membershipRoleSchema>;

export const INVITATION_TTL_DAYS = 7;

export const memberViewSchema = z
  .object({
    id: z.uuid().describe("The membership's id."),
    userId: z.uuid(),
    email: z.string(),
    name: z.string().nullable(),
    role: membershipRoleSchema,
    joinedAt: z.iso.datetime(),
    isYou: z.boolean().describe("Whether this membership is the caller's own."),
  })
  .meta({ id: "Member" });
export type MemberView = z.infer<typeof memberViewSchema>;
export const memberPageSchema = z.object({ data: z.array(memberViewSchema), nextCursor: z.string().nullable() }).meta({ id: "MemberPage" });

export const changeMemberRoleInputSchema = z.strictObject({ role: membershipRoleSchema }).meta({ id: "ChangeMemberRoleInput" });
export type ChangeMemberRoleInput = z.infer<typeof changeMemberRoleInputSchema>;

export const INVITATION_STATUSES = ["open", "accepted", "revoked", "expired"] as const;

export const invitationViewSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: membershipRoleSchema,
    status: z.enum(INVITATION_STATUSES),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: "Invitation" });
export type InvitationView = z.infer<typeof invitationViewSchema>;
export const invitationPageSchema = z.object({ data: z.array(invitationViewSchema), nextCursor: z.string().nullable() }).meta({ id: "InvitationPage" });

/** The link is shown this once: we keep only its hash. Named (CreatedInvitation) where the API answers it: lib/api/member-operations.ts. */
export const createdInvitationSchema = invitationViewSchema.extend({
  url: z.string().describe("The invitation link; whoever signs in with the invited email may use it until it expires."),
});
export type CreatedInvitation = z.infer<typeof createdInvitationSchema>;

export const createInvitationInputSchema = z
  .strictObject({
    email: emailSchema,
    role: membershipRoleSchema.default("member"),
  })
  .meta({ id: "CreateInvitationInput" });
export type CreateInvitationInput = z.infer<typeof createInvitationInputSchema>;

export const invitationTokenSchema = z
  .string({ error: "Expected the invitation's token" })
  .trim()
  .regex(/^inv_[A-Za-z0-9_-]{43}$/, "This invitation link is not complete; copy the whole link.");

export const invitationPreviewSchema = z.object({
  organizationName: z.string(),
  email: z.string(),
  role: membershipRoleSchema,
  expiresAt: z.iso.datetime(),
  hasAccount: z.boolean().describe("Whether a user with the invited email exists (then sign in and join; otherwise create the account here)."),
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export const joinInvitationInputSchema = z.strictObject({ token: invitationTokenSchema }).meta({ id: "JoinInvitationInput" });
export type JoinInvitationInput = z.infer<typeof joinInvitationInputSchema>;

/** Accepting as someone without an account yet: the account is made for the invited email. */
export const acceptInvitationInputSchema = z.strictObject({
  token: invitationTokenSchema,
  name: z.string({ error: "Enter your name" }).trim().min(1, "Enter your name").max(100, "Use at most 100 characters"),
  password: newPasswordSchema,
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationInputSchema>;

export const joinedOrganizationSchema = z
  .object({
    organization: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
    email: z.string(),
    role: membershipRoleSchema,
  })
  .meta({ id: "JoinedOrganization" });
export type JoinedOrganization = z.infer<typeof joinedOrganizationSchema>;
