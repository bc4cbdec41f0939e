import "server-only";
import type { Plan, Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { byGenerosity, ENTITLEMENT_WORDS, type Entitlement } from "./schemas";

type Reader = Pick<Prisma.TransactionClient, "plan">;

/** The quota registration checks and views show: the organization's own when it has one, else its plan's. */
export function effectiveLinkQuota(org: { linkQuota: number | null }, plan: Pick<Plan, "linkQuota">): number {
  return org.linkQuota ?? plan.linkQuota;
}

/** What a link needs of its organization's plan: private links, and cross-region when the service is in another region. */
export function entitlementsFor(link: { region: string; serviceRegion: string; kind: "service" | "resource" }): Entitlement[] {
  return [
    "privateLinks",
    ...(link.serviceRegion === link.region ? [] : (["crossRegion"] as const)),
    ...(link.kind === "resource" ? (["resourceEndpoints"] as const) : []),
  ];
}

/**
 * Refuses (plan_not_eligible, 403) unless `plan` includes `entitlement`, naming both and the plans that do include it,
 * e.g. "The Team plan does not include private links; ask for Enterprise." `organizationName` words it for a vendor
 * admin acting on that organization instead of for its member.
 */
export async function requireEntitlement(db: Reader, plan: Plan, entitlement: Entitlement, organizationName?: string): Promise<void> {
  if (plan[entitlement]) return;
  const including = (await db.plan.findMany({ where: { [entitlement]: true } })).sort(byGenerosity).map((p) => p.name);
  const words = ENTITLEMENT_WORDS[entitlement];
  const who = organizationName ? `${organizationName} is on the ${plan.name} plan, which` : `The ${plan.name} plan`;
  const next =
    including.length === 0
      ? "no plan includes them now."
      : organizationName
        ? `move it to ${including.join(" or ")} first.`
        : `ask for ${including.join(" or ")}.`;
  throw new AppError("plan_not_eligible", `${who} does not include ${words}; ${next}`);
}
