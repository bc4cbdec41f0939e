import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { openSecret } from "@/lib/secret-box";
import { authSecret, CLIENT_SECRET } from "./access";
import { domainOfEmail } from "./domain-proof";
import { ORG_PROVIDER_PREFIX, orgProviderId, type SsoDiscovery } from "./schemas";

// Signing in through an organization's own provider. Its owner controls what that provider asserts, so it is trusted only for
// addresses in the organization's verified domains, and only when it says it verified the address: anything else would let
// one organization's provider sign in as anyone.

type Tx = Prisma.TransactionClient;

/** The enabled provider whose organization holds the email's domain verified; null for any other address. */
async function providerForEmail(db: Db, email: string) {
  const domain = domainOfEmail(email);
  if (!domain) return null;
  const claim = await db.ssoDomain.findFirst({ where: { domain, verifiedAt: { not: null } }, select: { organizationId: true } });
  if (!claim) return null;
  const sso = await db.organizationSso.findUnique({ where: { organizationId: claim.organizationId } });
  return sso?.enabled ? sso : null;
}

/** What the sign-in page offers an address. Depends on its domain alone, so it tells nothing of who has an account. */
export async function discoverSso(db: Db, email: string): Promise<SsoDiscovery> {
  const sso = await providerForEmail(db, email);
  if (!sso) return { sso: null };
  const providerId = orgProviderId(sso.organizationId);
  return { sso: { providerId, displayName: sso.displayName, signInUrl: `/api/auth/signin/${providerId}`, required: sso.requireSso } };
}

/** The provider the address must sign in with, when its organization requires single sign-on. */
export async function requiredSsoFor(db: Db, email: string): Promise<{ providerId: string; displayName: string } | null> {
  const sso = await providerForEmail(db, email);
  return sso?.requireSso ? { providerId: orgProviderId(sso.organizationId), displayName: sso.displayName } : null;
}

export type OrganizationProvider = { id: string; organizationId: string; displayName: string; issuer: string; clientId: string; clientSecret: string };

/** next-auth's provider `org-<organizationId>`, when that organization's provider is enabled. */
export async function loadOrganizationProvider(db: Db, providerId: string): Promise<OrganizationProvider | null> {
  if (!providerId.startsWith(ORG_PROVIDER_PREFIX)) return null;
  const organizationId = providerId.slice(ORG_PROVIDER_PREFIX.length);
  if (!/^[0-9a-f-]{36}$/i.test(organizationId)) return null;
  const sso = await db.organizationSso.findUnique({ where: { organizationId } });
  if (!sso?.enabled) return null;
  const { displayName, issuer, clientId } = sso;
  return {
    id: providerId,
    organizationId,
    displayName,
    issuer,
    clientId,
    clientSecret: openSecret(sso.clientSecretEncrypted, { purpose: CLIENT_SECRET, secret: authSecret() }),
  };
}

export type OrganizationSsoRefusal = "sso_no_email" | "sso_email_unverified" | "sso_domain_not_claimed" | "sso_linked_elsewhere";
export type OrganizationSsoOutcome = { user: { id: string }; joined: boolean } | { refused: OrganizationSsoRefusal };

type Profile = { email?: string | null; name?: string | null; email_verified?: boolean | string } | undefined;

// First sign-in of someone of the domain: a new user (no password), or the user who already has that address; either joins
// the organization as a member (a member or owner already stays as is), just in time. Audited.
export async function signInWithOrganizationSso(db: Db, sso: { organizationId: string; subject: string; profile: Profile }): Promise<OrganizationSsoOutcome> {
  const email = sso.profile?.email?.trim().toLowerCase();
  if (!email) return { refused: "sso_no_email" };
  // Some providers send the claim as a string.
  if (sso.profile?.email_verified !== true && sso.profile?.email_verified !== "true") return { refused: "sso_email_unverified" };
  const domain = domainOfEmail(email);
  const provider = orgProviderId(sso.organizationId);
  return db.$transaction(async (tx) => {
    const claim = domain && (await tx.ssoDomain.findFirst({ where: { organizationId: sso.organizationId, domain, verifiedAt: { not: null } } }));
    if (!claim) return { refused: "sso_domain_not_claimed" as const };
    const identity = await tx.account.findUnique({ where: { provider_providerAccountId: { provider, providerAccountId: sso.subject } } });
    let user = await tx.user.findUnique({ where: { email } });
    if (identity && identity.userId !== user?.id) return { refused: "sso_linked_elsewhere" as const };
    if (!user) {
      user = await tx.user.create({ data: { email, name: sso.profile?.name ?? null, role: "customer", emailVerifiedAt: new Date() } });
      await audit(tx, sso.organizationId, user.id, "user.sso_sign_up", { provider });
    } else if (!user.emailVerifiedAt) {
      // Nobody had proved this address. Unless the organization already took this account in, whoever signed up with it may
      // not be this person: the password they chose goes and their sessions end, so the account the provider's person gets is
      // theirs alone (a reset mail gives them a password).
      const isMember = (await tx.membership.count({ where: { organizationId: sso.organizationId, userId: user.id } })) > 0;
      const now = new Date();
      await tx.user.update({ where: { id: user.id }, data: { emailVerifiedAt: now, ...(isMember ? {} : { passwordHash: null }) } });
      if (!isMember) {
        await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
        await audit(tx, sso.organizationId, user.id, "user.unproved_password_cleared", { provider, hadPassword: user.passwordHash !== null });
      }
    }
    if (!identity) {
      await tx.account.create({ data: { userId: user.id, provider, providerAccountId: sso.subject } });
      await audit(tx, sso.organizationId, user.id, "user.sso_linked", { provider, via: "organization_domain" });
    }
    const joined = await joinAsMember(tx, sso.organizationId, user.id);
    if (joined) await audit(tx, sso.organizationId, user.id, "member.sso_join", { provider, role: "member", domain });
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    return { user: { id: user.id }, joined };
  });
}

async function joinAsMember(tx: Tx, organizationId: string, userId: string): Promise<boolean> {
  const created = await tx.membership.createMany({ data: [{ organizationId, userId, role: "member" }], skipDuplicates: true });
  return created.count > 0;
}

async function audit(tx: Tx, organizationId: string, userId: string, action: string, metadata: Prisma.InputJsonValue) {
  await tx.auditLog.create({ data: { organizationId, actorType: "user", actorId: userId, action, targetType: "user", targetId: userId, metadata } });
}
