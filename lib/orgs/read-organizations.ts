import "server-only";
import type { Db } from "@/lib/db/client";
import type { Organization } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { requireAdmin, type Ctx } from "@/lib/links/context";
import { organizationViewSchema, type OrganizationView } from "./schemas";

/** Every organization for vendor admins, oldest first, keyset-paginated by (createdAt, id). */
export async function listOrganizationsForAdmin({ db, ctx, query }: { db: Db; ctx: Ctx; query: { limit: number; cursor?: string } }) {
  requireAdmin(ctx);
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db.organization.findMany({
    where: after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {},
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const counts = await activeLinkCounts(db, page.map((o) => o.id));
  return {
    data: page.map((org) => toOrganizationView(org, counts.get(org.id) ?? 0)),
    nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!) : null,
  };
}

export async function activeLinkCounts(db: Db, organizationIds: string[]): Promise<Map<string, number>> {
  const groups = await db.link.groupBy({ by: ["organizationId"], where: { organizationId: { in: organizationIds }, state: { not: "deleted" } }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.organizationId, g._count._all]));
}

export function toOrganizationView(org: Organization, activeLinks: number): OrganizationView {
  return organizationViewSchema.parse({
    id: org.id,
    slug: org.slug,
    name: org.name,
    plan: org.plan,
    approvalMode: org.approvalMode,
    linkQuota: org.linkQuota,
    activeLinks,
    createdAt: org.createdAt.toISOString(),
  });
}

function encodeCursor(org: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([org.createdAt.toISOString(), org.id])).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 9999 || typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error("bad cursor");
    return { createdAt: date, id };
  } catch {
    throw new AppError("validation_failed", "The cursor is not one we gave out.", { invalidParams: [{ name: "cursor", reason: "Use nextCursor from a previous page" }] });
  }
}
