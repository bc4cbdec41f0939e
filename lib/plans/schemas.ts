import { z } from "zod";

// Client-safe: the console's forms parse with these, and the portal's plan panel words a plan with them.

/** What a plan may allow; each is a boolean column of Plan. */
export const ENTITLEMENTS = ["privateLinks", "crossRegion", "resourceEndpoints"] as const;
export type Entitlement = (typeof ENTITLEMENTS)[number];

/** The entitlement in a customer's words, e.g. in a plan_not_eligible refusal. */
export const ENTITLEMENT_WORDS: Record<Entitlement, string> = {
  privateLinks: "private links",
  crossRegion: "cross-region links",
  resourceEndpoints: "resource endpoints",
};

export const MAX_LINK_QUOTA = 10_000;

export const planKeySchema = z
  .string({ error: "Expected a plan key" })
  .regex(/^[a-z][a-z0-9-]{0,39}$/, "Expected a lowercase key such as team: letters, digits and dashes, starting with a letter, at most 40");

const linkQuotaSchema = z
  .number({ error: "Expected a whole number" })
  .int("Expected a whole number")
  .min(0, "At least 0")
  .max(MAX_LINK_QUOTA, `At most ${MAX_LINK_QUOTA}`);
const flag = (description: string) => z.boolean({ error: "Expected true or false" }).describe(description);

const entitlementFields = {
  privateLinks: flag("Organizations on the plan may register and hold private links."),
  crossRegion: flag("Links may reach a service in another region than the link's (where that region's `crossRegionTo` allows it)."),
  resourceEndpoints: flag("Resource endpoints (links of kind `resource`: no load balancer, a resource configuration shared through AWS RAM)."),
  linkQuota: linkQuotaSchema.describe("Links (not deleted) an organization on the plan may hold, unless its own quota overrides it."),
};

export const createPlanInputSchema = z
  .object({
    key: planKeySchema.describe("The plan's key, never changed: what organizations and upgrade requests name."),
    name: z.string({ error: "Name the plan" }).trim().min(1, "Name the plan").max(60, "Use at most 60 characters").describe("Shown to customers, e.g. Team."),
    ...entitlementFields,
  })
  .meta({ id: "CreatePlanInput" });
export type CreatePlanInput = z.infer<typeof createPlanInputSchema>;

export const updatePlanInputSchema = z
  .object({
    privateLinks: entitlementFields.privateLinks.optional(),
    crossRegion: entitlementFields.crossRegion.optional(),
    resourceEndpoints: entitlementFields.resourceEndpoints.optional(),
    linkQuota: entitlementFields.linkQuota.optional(),
  })
  .refine(
    (input) => Object.values(input).some((value) => value !== undefined),
    "Change at least one of privateLinks, crossRegion, resourceEndpoints, linkQuota",
  )
  .meta({ id: "UpdatePlanInput" });
export type UpdatePlanInput = z.infer<typeof updatePlanInputSchema>;

export const planViewSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    privateLinks: z.boolean(),
    crossRegion: z.boolean(),
    resourceEndpoints: z.boolean(),
    linkQuota: z.number().int(),
    organizations: z.number().int().describe("Organizations on the plan now."),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Plan" });
export type PlanView = z.infer<typeof planViewSchema>;

export const planListSchema = z.object({ data: z.array(planViewSchema) }).meta({ id: "PlanList" });

export type PlanEntitlements = Pick<PlanView, "key" | "name" | Entitlement | "linkQuota">;

/** Whether `candidate` gives something `current` does not: what makes it an upgrade worth asking for. */
export function offersMore(candidate: PlanEntitlements, current: PlanEntitlements): boolean {
  return ENTITLEMENTS.some((e) => candidate[e] && !current[e]) || candidate.linkQuota > current.linkQuota;
}

/** Least to most: by entitlements, then quota, then key; so lists and upgrade choices read in one order. */
export function byGenerosity(a: PlanEntitlements, b: PlanEntitlements): number {
  const count = (plan: PlanEntitlements) => ENTITLEMENTS.filter((e) => plan[e]).length;
  return count(a) - count(b) || a.linkQuota - b.linkQuota || a.key.localeCompare(b.key);
}

/**
 * What the plan allows, in the portal's words: only what registration and approval check (resource endpoints are
 * not offered yet, so they are not promised). `linkQuota` is the organization's effective quota.
 */
export function describePlan(plan: PlanEntitlements, linkQuota: number): string {
  if (!plan.privateLinks) return `No private links: the ${plan.name} plan lets you read the setup steps and kits, but not register a link.`;
  const regions = plan.crossRegion
    ? "a service in our regions or, cross-region, in a region one of ours reaches"
    : "a service in the same region as the link (no cross-region links)";
  return `Private links to ${regions}, up to ${linkQuota} link${linkQuota === 1 ? "" : "s"} at a time.`;
}
