import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { getDb } from "@/lib/db/client";
import { ACTIVE_ORGANIZATION_COOKIE, activeMembership } from "./active-organization";
import { authOptions } from "./options";

// Read fresh on every request: a deleted user or a revoked membership takes effect at once, whatever the session cookie says.
type Membership = { role: "owner" | "member"; organization: { id: string; slug: string; name: string; plan: string; approvalMode: string } };
export type SessionContext = {
  user: { id: string; email: string; name: string | null; role: "customer" | "admin" };
  memberships: Membership[];
  active: Membership | null;
};

export async function getSessionContext(): Promise<SessionContext | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await getDb().user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: { role: true, organization: { select: { id: true, slug: true, name: true, plan: true, approvalMode: true } } },
      },
    },
  });
  if (!user) return null;
  const { memberships, ...rest } = user;
  const chosen = (await cookies()).get(ACTIVE_ORGANIZATION_COOKIE)?.value;
  return { user: rest, memberships, active: activeMembership(memberships, chosen, (m) => m.organization.id) ?? null };
}
