import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit";
import { organizationOf, requireScope, type Actor, type Ctx, type VerbArgs } from "@/lib/context";
import type { Invitation, Prisma } from "@/lib/db/generated/client";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { queueMail } from "@/lib/mail/outbox";
import { collection, paginate, type Page, type PageQuery } from "@/lib/pagination";
import { lockMembers, requireOwner } from "./members";
import {
  createdInvitationSchema,
  INVITATION_TTL_DAYS,
  invitationPreviewSchema,
  invitationViewSchema,
  joinedOrganizationSchema,
  type CreatedInvitation,
  type CreateInvitationInput,
  type InvitationPreview,
  type InvitationView,
  type JoinedOrganization,
} from "./member-schemas";
import { tokenHash } from "@/lib/token-hash";

// We keep only the token's SHA-256, as for API keys. A link works until it expires, is revoked or is used once, and only for
// the invited email: whoever signs in with it (joinInvitation) or creates that account through it (lib/auth/accept-invitation.ts).

const INVITATIONS = collection("invitations", "desc");
const DAY_MS = 86_400_000;

function statusOf(invitation: Invitation, now = new Date()): InvitationView["status"] {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  return invitation.expiresAt <= now ? "expired" : "open";
}

export function toInvitationView(invitation: Invitation): InvitationView {
  return invitationViewSchema.parse({
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    status: statusOf(invitation),
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
  });
}

/** Invites `email`, by email and by the link it answers; an open invitation to the same address is replaced (its link stops working). */
export async function createInvitation({ ctx, input }: VerbArgs<CreateInvitationInput>): Promise<CreatedInvitation> {
  const organizationId = requireOwner(ctx, "invite members");
  const token = `inv_${randomBytes(32).toString("base64url")}`;
  const url = `${appUrl()}/invitations/${token}`;
  const email = input.email.trim().toLowerCase();
  const invitation = await ctx.engine.db.$transaction(async (tx) => {
    await lockMembers(tx, organizationId);
    const member = await tx.membership.findFirst({ where: { organizationId, user: { email } }, select: { id: true } });
    if (member) {
      throw new AppError("conflict", `${email} is already a member of the organization.`, {
        invalidParams: [{ name: "email", reason: "Already a member" }],
      });
    }
    const now = new Date();
    await tx.invitation.updateMany({ where: { organizationId, email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const created = await tx.invitation.create({
      data: {
        organizationId,
        email,
        role: input.role,
        tokenHash: tokenHash(token),
        invitedById: ctx.actor.id,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * DAY_MS),
      },
    });
    await recordAudit(tx, ctx, {
      organizationId,
      action: "invitation.create",
      target: { type: "invitation", id: created.id },
      metadata: { email: created.email, role: created.role, expiresAt: created.expiresAt.toISOString() },
    });
    const [organization, inviter] = await Promise.all([
      tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true } }),
      ctx.actor.type === "user" ? tx.user.findUnique({ where: { id: ctx.actor.id }, select: { name: true, email: true } }) : null,
    ]);
    await queueMail(
      tx,
      {
        key: `invitation:${created.id}`,
        to: email,
        template: "invitation",
        data: {
          organizationName: organization.name,
          invitedBy: inviter ? (inviter.name ?? inviter.email) : null,
          role: created.role,
          url,
          expiresAt: created.expiresAt.toISOString(),
        },
      },
      { ctx },
    );
    return created;
  });
  return createdInvitationSchema.parse({ ...toInvitationView(invitation), url });
}

export async function listInvitations({ ctx, input: query }: VerbArgs<PageQuery>): Promise<Page<InvitationView>> {
  const organizationId = organizationOf(ctx);
  requireScope(ctx, "read");
  const filters = { organizationId, acceptedAt: null, revokedAt: null };
  const pages = paginate(INVITATIONS, query, filters);
  const rows = await ctx.engine.db.invitation.findMany({ where: { ...filters, ...pages.where }, orderBy: pages.orderBy, take: pages.take });
  return pages.page(rows, toInvitationView);
}

/** The link stops working at once. Revoking twice changes nothing; a used invitation cannot be revoked (remove the member). */
export async function revokeInvitation({ ctx, input: { invitationId } }: VerbArgs<{ invitationId: string }>): Promise<InvitationView> {
  const organizationId = requireOwner(ctx, "revoke invitations");
  return ctx.engine.db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id: invitationId, organizationId } });
    if (!invitation) throw new AppError("not_found", `No invitation ${invitationId}.`);
    if (invitation.acceptedAt) throw new AppError("conflict", `${invitation.email} already accepted this invitation; remove the member instead.`);
    const { count } = await tx.invitation.updateMany({ where: { id: invitation.id, revokedAt: null, acceptedAt: null }, data: { revokedAt: new Date() } });
    if (count > 0)
      await recordAudit(tx, ctx, {
        organizationId,
        action: "invitation.revoke",
        target: { type: "invitation", id: invitation.id },
        metadata: { email: invitation.email },
      });
    return toInvitationView(await tx.invitation.findUniqueOrThrow({ where: { id: invitation.id } }));
  });
}

const UNUSABLE =
  "This invitation link cannot be used: it was revoked, replaced by a newer one, or already used. Ask an owner of the organization for a new one.";

export async function usableInvitation(db: Pick<Prisma.TransactionClient, "invitation">, token: string) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: tokenHash(token) },
    include: { organization: { select: { id: true, slug: true, name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt) throw new AppError("not_found", UNUSABLE);
  if (invitation.expiresAt <= new Date()) {
    throw new AppError(
      "not_found",
      `This invitation expired on ${invitation.expiresAt.toISOString().slice(0, 10)}. Ask an owner of the organization for a new one.`,
    );
  }
  return invitation;
}

/** Whoever holds the link may read this. */
export async function previewInvitation({ ctx, input: { token } }: { ctx: Pick<Ctx, "engine">; input: { token: string } }): Promise<InvitationPreview> {
  const invitation = await usableInvitation(ctx.engine.db, token);
  const user = await ctx.engine.db.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return invitationPreviewSchema.parse({
    organizationName: invitation.organization.name,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt.toISOString(),
    hasAccount: user !== null,
  });
}

/** One use only (a guarded update: of two acceptances one wins), for the invited email only. */
export async function claimInvitation(
  tx: Prisma.TransactionClient,
  ctx: Pick<Ctx, "requestId">,
  { token, user }: { token: string; user: { id: string; email: string } },
): Promise<JoinedOrganization> {
  const invitation = await usableInvitation(tx, token);
  if (invitation.email !== user.email.toLowerCase()) {
    throw new AppError("forbidden", `This invitation is for ${invitation.email}; sign in with that address to accept it.`);
  }
  await lockMembers(tx, invitation.organizationId);
  const { count } = await tx.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { acceptedAt: new Date(), acceptedById: user.id },
  });
  if (count === 0) throw new AppError("not_found", UNUSABLE);
  const existing = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId: invitation.organizationId, userId: user.id } } });
  if (existing) throw new AppError("conflict", `You are already a member of ${invitation.organization.name}.`);
  const membership = await tx.membership.create({ data: { organizationId: invitation.organizationId, userId: user.id, role: invitation.role } });
  const actor: Actor = { type: "user", id: user.id };
  await recordAudit(
    tx,
    { actor, requestId: ctx.requestId },
    {
      organizationId: invitation.organizationId,
      action: "invitation.accept",
      target: { type: "invitation", id: invitation.id },
      metadata: { email: invitation.email, role: invitation.role, membershipId: membership.id },
    },
  );
  return joinedOrganizationSchema.parse({ organization: invitation.organization, email: invitation.email, role: invitation.role });
}

export async function joinInvitation({ ctx, input: { token } }: VerbArgs<{ token: string }>): Promise<JoinedOrganization> {
  if (ctx.actor.type !== "user") throw new AppError("forbidden", "Invitations are accepted signed in to the portal, not with an API key.");
  const userId = ctx.actor.id;
  return ctx.engine.db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true } });
    return claimInvitation(tx, ctx, { token, user });
  });
}
