import "server-only";
import { getServerSession } from "next-auth";
import { getDb } from "@/lib/db/client";
import { authOptions } from "./options";

/**
 * Who is calling, read fresh from the database on every request: a deleted user or a revoked
 * membership takes effect at once, whatever the session cookie still says.
 */
export type SessionContext = {
  user: { id: string; email: string; name: string | null; role: "customer" | "admin" };
  memberships: { role: "owner" | "member"; organization: { id: string; slug: string; name: string; plan: string; approvalMode: string } }[];
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
  return { user: rest, memberships };
}
