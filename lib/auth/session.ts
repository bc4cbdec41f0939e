import "server-only";
import { cookies } from "next/headers";
import { getDb } from "@/lib/db/client";
import { ACTIVE_ORGANIZATION_COOKIE, activeMembership } from "./active-organization";
import { holdsSecondFactor, SECOND_FACTOR_SELECT } from "./mfa/gate";
import { liveSession, noteSeen, seenSession, sessionClaimsOf } from "./sessions";

// Read fresh on every request: a deleted user, a revoked membership or a session that ended takes effect at once, whatever the
// session cookie says.
type Membership = {
  role: "owner" | "member";
  organization: { id: string; slug: string; name: string; plan: string; approvalMode: string; requireMfa: boolean };
};
export type SessionContext = {
  /** `hasSecondFactor`: a confirmed TOTP or a passkey (page-guards.ts sends those who need one to set it up). */
  user: {
    id: string;
    email: string;
    name: string | null;
    role: "customer" | "admin";
    emailVerifiedAt: Date | null;
    isVerificationExempt: boolean;
    hasSecondFactor: boolean;
  };
  memberships: Membership[];
  active: Membership | null;
};

export async function getSessionContext(): Promise<SessionContext | null> {
  const jar = await cookies();
  const claims = await sessionClaimsOf(Object.fromEntries(jar.getAll().map((cookie) => [cookie.name, cookie.value])));
  if (!claims) return null;
  const user = await getDb().user.findFirst({
    where: { id: claims.userId, sessions: { some: liveSession(claims.sessionId) } },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      emailVerifiedAt: true,
      isVerificationExempt: true,
      sessions: seenSession(claims.sessionId),
      ...SECOND_FACTOR_SELECT,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: { role: true, organization: { select: { id: true, slug: true, name: true, plan: true, approvalMode: true, requireMfa: true } } },
      },
    },
  });
  if (!user) return null;
  const { memberships, sessions, totp, _count, ...rest } = user;
  await noteSeen(getDb(), claims.sessionId, sessions[0]?.lastSeenAt);
  return {
    user: { ...rest, hasSecondFactor: holdsSecondFactor({ totp, _count }) },
    memberships,
    active: activeMembership(memberships, jar.get(ACTIVE_ORGANIZATION_COOKIE)?.value, (m) => m.organization.id) ?? null,
  };
}
