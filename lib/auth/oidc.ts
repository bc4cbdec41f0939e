import "server-only";
import type { Db } from "@/lib/db/client";
import { createOrganizationWithOwner } from "@/lib/orgs/create-organization";

type SsoProfile = { email?: string | null; name?: string | null; email_verified?: boolean } | undefined;

// The linked user; else the user with the same email, linked only when the provider verified it; else a new user with a new
// organization, like sign-up.
export async function signInWithSso(db: Db, { provider, subject, profile }: { provider: string; subject: string; profile: SsoProfile }) {
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId: subject } },
    include: { user: true },
  });
  if (linked) return linked.user;

  const email = profile?.email?.toLowerCase();
  if (!email) return null;
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    if (existing && profile?.email_verified !== true) return null;
    const user = existing ?? (await tx.user.create({ data: { email, name: profile?.name ?? null, role: "customer" } }));
    await tx.account.create({ data: { userId: user.id, provider, providerAccountId: subject } });
    if (!existing) await createOrganizationWithOwner(tx, { name: profile?.name ? `${profile.name}'s organization` : email, userId: user.id });
    await tx.auditLog.create({
      data: { actorType: "user", actorId: user.id, action: existing ? "user.sso_linked" : "user.sso_sign_up", targetType: "user", targetId: user.id },
    });
    return user;
  });
}
