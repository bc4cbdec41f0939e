import "server-only";
import { requireVendorAdmin, type Ctx } from "@/lib/context";
import type { Plan } from "@/lib/db/generated/client";
import { byGenerosity, type PlanView } from "./schemas";

export function toPlanView(row: Plan, organizations: number): PlanView {
  return {
    key: row.key,
    name: row.name,
    privateLinks: row.privateLinks,
    crossRegion: row.crossRegion,
    resourceEndpoints: row.resourceEndpoints,
    linkQuota: row.linkQuota,
    organizations,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A handful of plans, so one page, least to most. */
export async function listPlans({ ctx }: { ctx: Ctx }): Promise<{ data: PlanView[] }> {
  requireVendorAdmin(ctx);
  const rows = await ctx.engine.db.plan.findMany({ include: { _count: { select: { organizations: true } } } });
  return { data: rows.sort(byGenerosity).map((row) => toPlanView(row, row._count.organizations)) };
}
