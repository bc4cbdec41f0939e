import "server-only";
import { recordAudit } from "@/lib/audit";
import { organizationOf, requireScope, type Ctx, type VerbArgs } from "@/lib/context";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { collection, paginate, type Page, type PageQuery } from "@/lib/pagination";
import { memberViewSchema, type ChangeMemberRoleInput, type MemberView } from "./member-schemas";

// The invariant every verb here keeps: an organization always has an owner, so the last owner can neither leave, be removed,
// nor be made a member. Changes take a per-organization lock first, so two owners demoting each other cannot both succeed.

const MEMBERS = collection("members", "asc");

type MembershipWithUser = Prisma.MembershipGetPayload<{ include: { user: { select: { email: true; name: true } } } }>;

export function toMemberView(membership: MembershipWithUser, ctx: Pick<Ctx, "actor">): MemberView {
  return memberViewSchema.parse({
    id: membership.id,
    userId: membership.userId,
    email: membership.user.email,
    name: membership.user.name,
    role: membership.role,
    joinedAt: membership.createdAt.toISOString(),
    isYou: ctx.actor.type === "user" && ctx.actor.id === membership.userId,
  });
}

/** Owners only; an API key acts with its maker's current role. */
export function requireOwner(ctx: Ctx, what: string): string {
  const organizationId = organizationOf(ctx);
  requireScope(ctx, "write");
  if (ctx.role !== "owner") throw new AppError("forbidden", `Only an owner of the organization can ${what}.`);
  return organizationId;
}

export async function listMembers({ ctx, input: query }: VerbArgs<PageQuery>): Promise<Page<MemberView>> {
  const organizationId = organizationOf(ctx);
  requireScope(ctx, "read");
  const pages = paginate(MEMBERS, query, { organizationId });
  const rows = await ctx.engine.db.membership.findMany({
    where: { organizationId, ...pages.where },
    orderBy: pages.orderBy,
    take: pages.take,
    include: { user: { select: { email: true, name: true } } },
  });
  return pages.page(rows, (row) => toMemberView(row, ctx));
}

/** Serializes membership changes of one organization (held to the end of the transaction). */
export async function lockMembers(tx: Prisma.TransactionClient, organizationId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`members:${organizationId}`}))`;
}

async function findMembership(tx: Prisma.TransactionClient, organizationId: string, membershipId: string): Promise<MembershipWithUser> {
  const membership = await tx.membership.findFirst({ where: { id: membershipId, organizationId }, include: { user: { select: { email: true, name: true } } } });
  if (!membership) throw new AppError("not_found", `No member ${membershipId}.`);
  return membership;
}

async function refuseLastOwner(tx: Prisma.TransactionClient, membership: MembershipWithUser, sentence: string): Promise<void> {
  if (membership.role !== "owner") return;
  const owners = await tx.membership.count({ where: { organizationId: membership.organizationId, role: "owner" } });
  if (owners <= 1) throw new AppError("conflict", `${sentence} Make another member an owner first.`);
}

export async function changeMemberRole({ ctx, input }: VerbArgs<{ membershipId: string } & ChangeMemberRoleInput>): Promise<MemberView> {
  const organizationId = requireOwner(ctx, "change roles");
  return ctx.engine.db.$transaction(async (tx) => {
    await lockMembers(tx, organizationId);
    const membership = await findMembership(tx, organizationId, input.membershipId);
    if (membership.role === input.role) return toMemberView(membership, ctx);
    if (input.role === "member") await refuseLastOwner(tx, membership, `${membership.user.email} is the organization's only owner.`);
    const updated = await tx.membership.update({
      where: { id: membership.id },
      data: { role: input.role },
      include: { user: { select: { email: true, name: true } } },
    });
    await recordAudit(tx, ctx, {
      organizationId,
      action: "member.change_role",
      target: { type: "membership", id: membership.id },
      metadata: { email: membership.user.email, from: membership.role, to: input.role },
    });
    return toMemberView(updated, ctx);
  });
}

/**
 * An owner removes anyone, a member only themself; the user's session loses the organization on its next request, and the API
 * keys they made for it are revoked (they already stop working: a key acts only while its maker is a member).
 */
export async function removeMember({ ctx, input }: VerbArgs<{ membershipId: string }>): Promise<void> {
  const organizationId = organizationOf(ctx);
  requireScope(ctx, "write");
  await ctx.engine.db.$transaction(async (tx) => {
    await lockMembers(tx, organizationId);
    const membership = await findMembership(tx, organizationId, input.membershipId);
    const isSelf = ctx.actor.type === "user" && ctx.actor.id === membership.userId;
    if (!isSelf && ctx.role !== "owner") throw new AppError("forbidden", "Only an owner of the organization can remove other members.");
    await refuseLastOwner(
      tx,
      membership,
      isSelf ? "You are the organization's only owner, so you cannot leave it." : `${membership.user.email} is the organization's only owner.`,
    );
    await tx.membership.delete({ where: { id: membership.id } });
    const keys = await tx.apiKey.updateMany({ where: { organizationId, createdById: membership.userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, ctx, {
      organizationId,
      action: isSelf ? "member.leave" : "member.remove",
      target: { type: "membership", id: membership.id },
      metadata: { email: membership.user.email, userId: membership.userId, role: membership.role, revokedApiKeys: keys.count },
    });
  });
}
