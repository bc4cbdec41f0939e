import "server-only";
import type { Db } from "@/lib/db/client";
import { collection, paginate } from "@/lib/pagination";
import type { Organization } from "@/lib/db/generated/client";
import { requireVendorAdmin, type VerbArgs } from "@/lib/context";
import { organizationViewSchema, type OrganizationView } from "./schemas";

const ORGANIZATIONS = collection("organizations", "asc");

export async function listOrganizationsForAdmin({ ctx, input: query }: VerbArgs<{ limit: number; cursor?: string }>) {
  requireVendorAdmin(ctx);
  const { db } = ctx.engine;
  const pages = paginate(ORGANIZATIONS, query);
  const rows = await db.organization.findMany({
    where: pages.where,
    orderBy: pages.orderBy,
    take: pages.take,
    include: { _count: { select: { memberships: true } } },
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

export function toOrganizationView(org: Organization & { _count: { memberships: number } }, activeLinks: number): OrganizationView {
  return organizationViewSchema.parse({
    id: org.id,
    slug: org.slug,
    name: org.name,
    plan: org.plan,
    approvalMode: org.approvalMode,
    linkQuota: org.linkQuota,
    activeLinks,
    memberCount: org._count.memberships,
    createdAt: org.createdAt.toISOString(),
  });
}
