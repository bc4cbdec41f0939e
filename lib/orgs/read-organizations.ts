import "server-only";
import type { Db } from "@/lib/db/client";
import { likeLiteral } from "@/lib/db/like";
import { isUuid } from "@/lib/validation";
import { collection, paginate } from "@/lib/pagination";
import type { Organization, Plan } from "@/lib/db/generated/client";
import { effectiveLinkQuota } from "@/lib/plans/entitlements";
import { requireVendorAdmin, type VerbArgs } from "@/lib/context";
import { organizationViewSchema, type OrganizationView } from "./schemas";

const ORGANIZATIONS = collection("organizations", "asc");

/** What toOrganizationView needs beside the row. */
export const ORGANIZATION_VIEW_INCLUDE = { _count: { select: { memberships: true } }, entitlements: true } as const;

export async function listOrganizationsForAdmin({ ctx, input }: VerbArgs<{ limit: number; cursor?: string; q?: string }>) {
  requireVendorAdmin(ctx);
  const { db } = ctx.engine;
  const { q, ...query } = input;
  const pages = paginate(ORGANIZATIONS, query, { q });
  const contains = q ? { contains: likeLiteral(q), mode: "insensitive" as const } : null;
  // An id finds its organization too: a picker given one from a link names it.
  const search = q && contains ? { OR: [{ name: contains }, { slug: contains }, ...(isUuid(q) ? [{ id: q }] : [])] } : {};
  const rows = await db.organization.findMany({
    where: { AND: [search, pages.where] },
    orderBy: pages.orderBy,
    take: pages.take,
    include: ORGANIZATION_VIEW_INCLUDE,
  });
  const counts = await activeLinkCounts(
    db,
    rows.slice(0, query.limit).map((o) => o.id),
  );
  return pages.page(rows, (org) => toOrganizationView(org, counts.get(org.id) ?? 0));
}

export async function activeLinkCounts(db: Db, organizationIds: string[]): Promise<Map<string, number>> {
  const groups = await db.link.groupBy({
    by: ["organizationId"],
    where: { organizationId: { in: organizationIds }, state: { not: "deleted" } },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.organizationId, g._count._all]));
}

export function toOrganizationView(org: Organization & { _count: { memberships: number }; entitlements: Plan }, activeLinks: number): OrganizationView {
  return organizationViewSchema.parse({
    id: org.id,
    slug: org.slug,
    name: org.name,
    plan: org.plan,
    planName: org.entitlements.name,
    approvalMode: org.approvalMode,
    linkQuota: effectiveLinkQuota(org, org.entitlements),
    linkQuotaOverride: org.linkQuota,
    activeLinks,
    memberCount: org._count.memberships,
    createdAt: org.createdAt.toISOString(),
  });
}
