import { z } from "zod";
import { pageQuerySchema } from "@/lib/pagination";
import {
  acceptInvitationInputSchema,
  changeMemberRoleInputSchema,
  createdInvitationSchema,
  createInvitationInputSchema,
  invitationPageSchema,
  invitationViewSchema,
  joinedOrganizationSchema,
  joinInvitationInputSchema,
  memberPageSchema,
  memberViewSchema,
} from "@/lib/orgs/member-schemas";
import { defineOperation } from "./operation";
import { shownOnce } from "./shown-once";
import { idParam } from "./params";

const memberId = z.object({ id: idParam("member", "The membership's id (`id` of a member).") });
const invitationId = z.object({ id: idParam("invitation", "The invitation's id.") });

export const memberOperations = {
  listMembers: defineOperation({
    operationId: "listMembers",
    method: "GET",
    path: "/api/v1/members",
    tag: "Members",
    summary: "Your organization's members, in the order they joined",
    access: { scope: "read", by: ["member"] },
    query: pageQuerySchema(100),
    success: { status: 200, description: "A page of members.", schema: memberPageSchema },
  }),
  changeMemberRole: defineOperation({
    operationId: "changeMemberRole",
    method: "PATCH",
    path: "/api/v1/members/{id}",
    tag: "Members",
    summary: "Make a member an owner, or an owner a member",
    description: "The organization's last owner cannot be made a member (409): make another member an owner first.",
    access: { scope: "write", by: ["owner"] },
    params: memberId,
    body: changeMemberRoleInputSchema,
    success: { status: 200, description: "The member.", schema: memberViewSchema },
    errors: [409],
  }),
  removeMember: defineOperation({
    operationId: "removeMember",
    method: "DELETE",
    path: "/api/v1/members/{id}",
    tag: "Members",
    summary: "Remove a member, or leave (your own membership)",
    description:
      "Owners remove anyone; a member removes only their own membership. The last owner cannot leave or be removed (409). The user keeps their account.",
    access: { scope: "write", by: ["owner", "self"] },
    params: memberId,
    success: { status: 204, description: "Removed.", schema: z.null() },
    errors: [409],
  }),
  createInvitation: defineOperation({
    operationId: "createInvitation",
    method: "POST",
    path: "/api/v1/invitations",
    tag: "Members",
    summary: "Invite someone by email: the invitation is emailed, and the answer holds its link, shown this once",
    description:
      "The link works for 7 days, once, and only for a user with the invited email (who signs in, or creates the account through the link). An open invitation to the same email is replaced. The invitation is also emailed to that address (the link in the answer is the same one, to hand over yourself if the mail goes astray).",
    access: { scope: "write", by: ["owner"] },
    body: createInvitationInputSchema,
    success: { status: 201, description: "The invitation and its link.", schema: shownOnce(createdInvitationSchema, "url").meta({ id: "CreatedInvitation" }) },
    secretField: "url",
    errors: [409],
  }),
  listInvitations: defineOperation({
    operationId: "listInvitations",
    method: "GET",
    path: "/api/v1/invitations",
    tag: "Members",
    summary: "Invitations not used nor revoked (open or expired), newest first",
    access: { scope: "read", by: ["member"] },
    query: pageQuerySchema(50),
    success: { status: 200, description: "A page of invitations (without their links).", schema: invitationPageSchema },
  }),
  revokeInvitation: defineOperation({
    operationId: "revokeInvitation",
    method: "DELETE",
    path: "/api/v1/invitations/{id}",
    tag: "Members",
    summary: "Revoke an invitation: its link stops working",
    access: { scope: "write", by: ["owner"] },
    params: invitationId,
    success: { status: 200, description: "The invitation, revoked.", schema: invitationViewSchema },
    errors: [409],
  }),
  joinInvitation: defineOperation({
    operationId: "joinInvitation",
    method: "POST",
    path: "/api/v1/invitations/join",
    tag: "Members",
    summary: "Accept an invitation as the signed-in user (whose email it invites)",
    access: { scope: "write", by: ["anyone"], sessionOnly: true },
    body: joinInvitationInputSchema,
    success: { status: 200, description: "The organization joined.", schema: joinedOrganizationSchema },
    errors: [409],
  }),
};

/** The invitation link's own page, for someone without an account (public: the token is the credential). */
export const invitationPublicOperations = {
  acceptInvitation: defineOperation({
    operationId: "acceptInvitation",
    method: "POST",
    path: "/api/v1/invitations/accept",
    tag: "Portal",
    summary: "Accept an invitation by creating the account of the invited email",
    access: "public",
    body: acceptInvitationInputSchema,
    success: { status: 201, description: "The organization joined; sign in with the invited email and the new password.", schema: joinedOrganizationSchema },
    errors: [409],
  }),
};
