import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma, User } from "@/lib/db/generated/client";
import { createOrganizationWithOwner } from "@/lib/orgs/create-organization";
import type { SessionClaims } from "./sessions";

type SsoProfile = { email?: string | null; name?: string | null; email_verified?: boolean } | undefined;

/** Why a single sign-on was refused; the sign-in page (or Settings, when linking) says what to do. */
export type SsoRefusal = "sso_account_exists" | "sso_no_email" | "sso_link_expired" | "sso_linked_elsewhere";

export type SsoOutcome = { user: User; linkedInto?: string } | { refused: SsoRefusal };

type SsoSignIn = { provider: string; subject: string; profile: SsoProfile };

// The identity's linked user; else, when the browser's session asked to link (Settings), that session's user; else the user
// with the same email, only when both the provider and we verified that address (a password sign-up proves nothing: whoever
// signed up first with someone's address would keep password access to their account); else a new user and organization.
export async function signInWithSso(db: Db, sso: SsoSignIn, session: SessionClaims | null): Promise<SsoOutcome> {
  const verifiedEmail = sso.profile?.email_verified === true ? sso.profile.email?.toLowerCase() : undefined;
  if (session && (await hasLinkIntent(db, session))) return linkToSession(db, sso, session, verifiedEmail);

  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: sso.provider, providerAccountId: sso.subject } },
    include: { user: true },
  });
  if (linked) return { user: await markVerified(db, linked.user, verifiedEmail) };

  const email = sso.profile?.email?.toLowerCase();
  if (!email) return { refused: "sso_no_email" };
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    if (existing) {
      if (!existing.emailVerifiedAt || verifiedEmail !== email) return { refused: "sso_account_exists" as const };
      await attach(tx, existing.id, sso, "verified_email");
      return { user: existing };
    }
    const user = await tx.user.create({
      data: { email, name: sso.profile?.name ?? null, role: "customer", emailVerifiedAt: verifiedEmail ? new Date() : null },
    });
    await tx.account.create({ data: { userId: user.id, provider: sso.provider, providerAccountId: sso.subject } });
    await createOrganizationWithOwner(tx, { name: sso.profile?.name ? `${sso.profile.name}'s organization` : email, userId: user.id });
    await tx.auditLog.create({ data: { actorType: "user", actorId: user.id, action: "user.sso_sign_up", targetType: "user", targetId: user.id } });
    return { user };
  });
}

async function hasLinkIntent(db: Db, { userId, sessionId }: SessionClaims): Promise<boolean> {
  return (await db.session.count({ where: { id: sessionId, userId, revokedAt: null, ssoLinkExpiresAt: { not: null } } })) > 0;
}

// The intent is used up whatever happens next, and only while it and its session are live: a single, short-lived permission.
async function linkToSession(db: Db, sso: SsoSignIn, session: SessionClaims, verifiedEmail: string | undefined): Promise<SsoOutcome> {
  return db.$transaction(async (tx) => {
    const now = new Date();
    const used = await tx.session.updateMany({
      where: { id: session.sessionId, userId: session.userId, revokedAt: null, expiresAt: { gt: now }, ssoLinkExpiresAt: { gt: now } },
      data: { ssoLinkExpiresAt: null },
    });
    if (used.count === 0) {
      await tx.session.updateMany({ where: { id: session.sessionId }, data: { ssoLinkExpiresAt: null } });
      return { refused: "sso_link_expired" as const };
    }
    const linked = await tx.account.findUnique({ where: { provider_providerAccountId: { provider: sso.provider, providerAccountId: sso.subject } } });
    if (linked && linked.userId !== session.userId) return { refused: "sso_linked_elsewhere" as const };
    if (!linked) await attach(tx, session.userId, sso, "settings");
    const user = await tx.user.findUniqueOrThrow({ where: { id: session.userId } });
    return { user: await markVerified(tx, user, verifiedEmail), linkedInto: session.sessionId };
  });
}

async function attach(tx: Prisma.TransactionClient, userId: string, sso: SsoSignIn, via: "settings" | "verified_email") {
  await tx.account.create({ data: { userId, provider: sso.provider, providerAccountId: sso.subject } });
  await tx.auditLog.create({
    data: { actorType: "user", actorId: userId, action: "user.sso_linked", targetType: "user", targetId: userId, metadata: { via } },
  });
}

/** The provider vouches for the address of an identity linked to this user: the address is verified from now on. */
async function markVerified(db: Db | Prisma.TransactionClient, user: User, verifiedEmail: string | undefined): Promise<User> {
  if (user.emailVerifiedAt || verifiedEmail !== user.email) return user;
  return db.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
}
