import { describe, expect, it } from "vitest";
import { fleetFiltersOf } from "@/components/admin/fleet-filters";

describe("the fleet's filters from its address", () => {
  it("keeps the valid ones (the last of a repeated one) and leaves out the rest", () => {
    const organizationId = "8315b518-db3d-42f4-b11c-56fc05466745";
    expect(fleetFiltersOf({ organizationId, state: ["failed", "available"], region: "us-east-1", q: " db " })).toEqual({
      organizationId,
      state: "available",
      region: "us-east-1",
      q: "db",
    });
    expect(fleetFiltersOf({ organizationId: "not-an-id", state: "sleeping", region: "mars-1", limit: "5", stuck: "true" })).toEqual({});
  });
});
