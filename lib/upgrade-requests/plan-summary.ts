import "server-only";
import { organizationOf, type Ctx } from "@/lib/context";
import { effectiveLinkQuota } from "@/lib/plans/entitlements";
import { byGenerosity, describePlan, offersMore, type PlanEntitlements } from "@/lib/plans/schemas";
import type { PlanSummary } from "./schemas";
import { toUpgradeRequestView } from "./upgrade-requests";

/** What the organization's plan allows, before any AWS work, beside every plan: the home, Setup and register pages show it (GET /api/v1/plan). */
export async function getPlanSummary({ ctx }: { ctx: Ctx }): Promise<PlanSummary> {
  const organizationId = organizationOf(ctx);
  const { db } = ctx.engine;
  const [org, plans, activeLinks, regions, latest] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: organizationId }, include: { entitlements: true } }),
    db.plan.findMany(),
    db.link.count({ where: { organizationId, state: { not: "deleted" } } }),
    db.vendorRegion.findMany({ where: { isOffered: true }, orderBy: { region: "asc" }, select: { region: true } }),
    db.upgradeRequest.findFirst({ where: { organizationId }, orderBy: { createdAt: "desc" }, include: { organization: { select: { name: true } } } }),
  ]);
  const plan = org.entitlements;
  const linkQuota = effectiveLinkQuota(org, plan);
  return {
    plan: factsOf(plan),
    allows: describePlan(plan, linkQuota),
    linkQuota,
    activeLinks,
    regions: regions.map((r) => r.region),
    upgrades: plans
      .filter((other) => offersMore(other, plan))
      .sort(byGenerosity)
      .map((other) => ({ key: other.key, name: other.name, allows: describePlan(other, other.linkQuota) })),
    plans: plans.sort(byGenerosity).map((each) => ({ ...factsOf(each), allows: describePlan(each, each.linkQuota) })),
    latestRequest: latest ? toUpgradeRequestView(latest) : null,
  };
}

const factsOf = (plan: PlanEntitlements) => ({
  key: plan.key,
  name: plan.name,
  privateLinks: plan.privateLinks,
  crossRegion: plan.crossRegion,
  resourceEndpoints: plan.resourceEndpoints,
  linkQuota: plan.linkQuota,
});
