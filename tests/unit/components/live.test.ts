import { describe, expect, it } from "vitest";
import {
  bulkNews,
  count,
  failureNews,
  LINK_ACTION_NEWS,
  linkChanges,
  planChanges,
  queueArrivals,
  upgradeAnswerNews,
  upgradeArrivals,
} from "@/components/live/changes";
import { countUnchanged, livePoll, LIVE_POLL, backoffDelayMs } from "@/components/live/poll";

describe("how often a live page reads again", () => {
  it("starts at 2 s and backs off by half again per unchanged read, never beyond 8 s", () => {
    expect([0, 1, 2, 3, 4, 5, 20].map((n) => backoffDelayMs(n))).toEqual([2_000, 3_000, 4_500, 6_750, 8_000, 8_000, 8_000]);
    expect(backoffDelayMs(-1)).toBe(LIVE_POLL.minMs);
  });

  it("counts a read once however often it is asked, and starts over when the answer changes", () => {
    const a = { n: 1 };
    let seen = countUnchanged(undefined, a, 1);
    expect(seen.unchanged).toBe(0);
    seen = countUnchanged(seen, a, 2);
    seen = countUnchanged(seen, a, 2);
    expect(seen.unchanged).toBe(1);
    seen = countUnchanged(seen, a, 3);
    expect(seen.unchanged).toBe(2);
    seen = countUnchanged(seen, { n: 2 }, 4);
    expect(seen.unchanged).toBe(0);
  });

  it("as a refetchInterval: backs off for the same answer, resets for a new one, stays fast while something moves", () => {
    type Page = { moving: boolean };
    const interval = livePoll<Page>((page) => page.moving);
    const settled = { moving: false };
    const query = { state: { data: settled as Page | undefined, dataUpdatedAt: 1 } };
    const delays = [1, 2, 3, 4, 5].map((at) => {
      query.state = { data: settled, dataUpdatedAt: at };
      return interval(query);
    });
    expect(delays).toEqual([2_000, 3_000, 4_500, 6_750, 8_000]);
    query.state = { data: { moving: false }, dataUpdatedAt: 6 };
    expect(interval(query)).toBe(2_000);
    query.state = { data: { moving: true }, dataUpdatedAt: 7 };
    expect(interval(query)).toBe(2_000);
    query.state = { data: query.state.data, dataUpdatedAt: 8 };
    expect(interval(query)).toBe(2_000);
  });
});

describe("what a live page toasts", () => {
  const link = (id: string, name: string, state: "available" | "deleting" | "pending_acceptance" | "provisioning") => ({ id, name, state });

  it("a link whose state changed, in words; one gone while deleting is deleted; the rest say nothing", () => {
    const before = [link("1", "billing-db", "pending_acceptance"), link("2", "orders", "deleting"), link("3", "quiet", "available")];
    const after = [link("1", "billing-db", "available"), link("3", "quiet", "available")];
    expect(linkChanges(before, after)).toEqual([
      { message: "billing-db is available", key: "1" },
      { message: "orders is deleted", key: "2" },
    ]);
    expect(linkChanges([link("1", "a", "provisioning")], [link("1", "a", "pending_acceptance")])[0]?.message).toBe(
      "a is waiting for you to accept the connection in your AWS account",
    );
  });

  const summary = (
    key: string,
    name: string,
    linkQuota: number,
    latestRequest: { id: string; status: string; requestedPlan: string; reason: string | null } | null,
  ) => ({
    plan: { key, name },
    linkQuota,
    latestRequest,
  });

  it("a new plan by name, a new quota with its plural, a declined request with its reason", () => {
    const open = { id: "r", status: "open", requestedPlan: "team", reason: null };
    expect(planChanges(summary("free", "Free", 0, open), summary("team", "Team", 10, { ...open, status: "approved" }))).toEqual(["Your plan is now Team"]);
    expect(planChanges(summary("team", "Team", 10, null), summary("team", "Team", 1, null))).toEqual(["You may now hold 1 link"]);
    expect(planChanges(summary("team", "Team", 10, null), summary("team", "Team", 25, null))).toEqual(["You may now hold 25 links"]);
    expect(
      planChanges(summary("free", "Free", 0, open), summary("free", "Free", 0, { ...open, status: "denied", reason: "Sign the order form first" })),
    ).toEqual(["Your request for the team plan was declined: Sign the order form first"]);
    expect(planChanges(summary("free", "Free", 0, open), summary("free", "Free", 0, open))).toEqual([]);
  });

  it("what joined the admin queues since the last read", () => {
    const queued = (id: string, name: string) => ({ id, name, organization: { name: "Acme" } });
    expect(queueArrivals([queued("1", "a")], [queued("1", "a"), queued("2", "billing-db")])).toEqual(["Acme asks to approve billing-db"]);
    expect(queueArrivals([queued("1", "a")], [])).toEqual([]);
    const ask = (id: string) => ({ id, organizationName: "Pia Networks", requestedPlan: "team" });
    expect(upgradeArrivals([], [ask("1")])).toEqual(["Pia Networks asks for the team plan"]);
  });

  it("actions confirmed, counts with plurals, failures with what to do", () => {
    expect(LINK_ACTION_NEWS.approve("billing-db")).toBe("Approved billing-db: its endpoint is being created");
    expect(upgradeAnswerNews({ id: "1", organizationName: "Pia", requestedPlan: "team", status: "approved" })).toBe("Pia is now on the team plan");
    expect(bulkNews("Approved", 3, 3)).toBe("Approved 3 links");
    expect(bulkNews("Approved", 2, 3)).toBe("Approved 2 of 3 links");
    expect(count(1, "link")).toBe("1 link");
    expect(count(1200, "link")).toBe("1,200 links");
    expect(failureNews("ask for the Team plan", "We could not reach the portal. Check your connection and try again.")).toBe(
      "Could not ask for the Team plan. We could not reach the portal. Check your connection and try again.",
    );
  });
});
