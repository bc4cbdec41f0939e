import "server-only";
import { getDb } from "@/lib/db/client";

/** Every organization, oldest first, in keyset pages (for vendor admins; callers check the role). */
export async function listOrganizations({ after, limit }: { after?: string; limit: number }) {
  const db = getDb();
  const [total, rows] = await Promise.all([
    db.organization.count(),
    db.organization.findMany({
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit + 1,
      ...(after && /^[0-9a-f-]{36}$/i.test(after) ? { cursor: { id: after }, skip: 1 } : {}),
      select: { id: true, slug: true, name: true, plan: true, approvalMode: true, _count: { select: { memberships: true } } },
    }),
  ]);
  const items = rows.slice(0, limit).map(({ _count, ...org }) => ({ ...org, memberCount: _count.memberships }));
  return { total, items, nextCursor: rows.length > limit ? items.at(-1)?.id ?? null : null };
}
