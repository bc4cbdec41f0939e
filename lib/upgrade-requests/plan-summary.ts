import "server-only";
import { organizationOf, type Ctx } from "@/lib/context";
import { PLANS_WITH_PRIVATE_LINKS } from "@/lib/links/register-link";
import { PLAN_ALLOWS, PLAN_RANK, type Plan, type PlanSummary } from "./schemas";
import { toUpgradeRequestView } from "./upgrade-requests";

/** What the organization's plan allows, before any AWS work: the Setup and register pages show it. */
export async function getPlanSummary({ ctx }: { ctx: Ctx }): Promise<PlanSummary> {
  const organizationId = organizationOf(ctx);
  const { db } = ctx.engine;
  const [org, activeLinks, regions, latest] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: organizationId } }),
    db.link.count({ where: { organizationId, state: { not: "deleted" } } }),
    db.vendorRegion.findMany({ where: { isOffered: true }, orderBy: { region: "asc" }, select: { region: true } }),
    db.upgradeRequest.findFirst({ where: { organizationId }, orderBy: { createdAt: "desc" }, include: { organization: { select: { name: true } } } }),
  ]);
  return {
    plan: org.plan,
    allowsPrivateLinks: (PLANS_WITH_PRIVATE_LINKS as readonly string[]).includes(org.plan),
    allows: PLAN_ALLOWS[org.plan],
    linkQuota: org.linkQuota,
    activeLinks,
    regions: regions.map((r) => r.region),
    upgrades: (Object.keys(PLAN_RANK) as Plan[]).filter((plan) => PLAN_RANK[plan] > PLAN_RANK[org.plan]),
    latestRequest: latest ? toUpgradeRequestView(latest) : null,
  };
}
