import { describe, expect, it } from "vitest";
import { byGenerosity, createPlanInputSchema, describePlan, offersMore, updatePlanInputSchema, type PlanEntitlements } from "@/lib/plans/schemas";

const plan = (key: string, entitlements: Partial<PlanEntitlements> = {}): PlanEntitlements => ({
  key,
  name: key[0]!.toUpperCase() + key.slice(1),
  privateLinks: false,
  crossRegion: false,
  resourceEndpoints: false,
  linkQuota: 10,
  ...entitlements,
});

const free = plan("free");
const team = plan("team", { privateLinks: true, crossRegion: true });
const enterprise = plan("enterprise", { privateLinks: true, crossRegion: true, resourceEndpoints: true });
const bulk = plan("bulk", { privateLinks: true, linkQuota: 100 });

describe("plans", () => {
  it("orders plans least to most: entitlements, then quota, then key", () => {
    expect([enterprise, bulk, free, team].sort(byGenerosity).map((p) => p.key)).toEqual(["free", "bulk", "team", "enterprise"]);
  });

  it("calls a plan an upgrade when it gives something the current one does not", () => {
    expect(offersMore(team, free)).toBe(true);
    expect(offersMore(free, team)).toBe(false);
    expect(offersMore(team, team)).toBe(false);
    expect(offersMore(bulk, team)).toBe(true); // more links
    expect(offersMore(team, bulk)).toBe(true); // cross-region
    expect(offersMore(team, enterprise)).toBe(false);
  });

  it("words only what registration checks, with the organization's quota", () => {
    expect(describePlan(free, 10)).toBe("No private links: the Free plan lets you read the setup steps and kits, but not register a link.");
    expect(describePlan(team, 25)).toContain("cross-region");
    expect(describePlan(team, 25)).toContain("up to 25 links");
    expect(describePlan(bulk, 1)).toBe("Private links to a service in the same region as the link (no cross-region links), up to 1 link at a time.");
    expect(describePlan(enterprise, 10)).not.toMatch(/resource/i);
  });

  it("takes a lowercase key and at least one change", () => {
    const body = { key: "startup", name: "Startup", privateLinks: true, crossRegion: false, resourceEndpoints: false, linkQuota: 5 };
    expect(createPlanInputSchema.safeParse(body).success).toBe(true);
    for (const key of ["Startup", "1st", "with space", "a".repeat(41), ""]) expect(createPlanInputSchema.safeParse({ ...body, key }).success).toBe(false);
    expect(updatePlanInputSchema.safeParse({}).success).toBe(false);
    expect(updatePlanInputSchema.safeParse({ linkQuota: 0 }).success).toBe(true);
  });
});
