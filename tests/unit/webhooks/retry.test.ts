import { describe, expect, it } from "vitest";
import { retryDelayMs } from "@/lib/webhooks/deliver-webhook";
import { DELIVERY_POLICY } from "@/lib/webhooks/settings";

describe("webhook retry delays", () => {
  it("double with each attempt up to the cap, scaled into [0.5, 1) by jitter", () => {
    const policy = { retryBaseMs: 30_000, retryMaxMs: 3_600_000 };
    expect(retryDelayMs(1, policy, () => 0)).toBe(15_000);
    expect(retryDelayMs(1, policy, () => 0.999999)).toBeCloseTo(30_000, -1);
    expect(retryDelayMs(2, policy, () => 0)).toBe(30_000);
    expect(retryDelayMs(5, policy, () => 0)).toBe(240_000);
    expect(retryDelayMs(20, policy, () => 0)).toBe(1_800_000);
    expect(retryDelayMs(20, policy, () => 0.999999)).toBeLessThanOrEqual(3_600_000);
  });

  it("spreads retries of the same attempt", () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(3)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(60_000);
      expect(delay).toBeLessThan(120_000);
    }
  });

  it("gives up within a day with the defaults", () => {
    let total = 0;
    for (let attempt = 1; attempt < DELIVERY_POLICY.maxAttempts; attempt++) total += retryDelayMs(attempt, DELIVERY_POLICY, () => 0.999999);
    expect(total).toBeLessThan(24 * 3_600_000);
  });
});
