import { describe, expect, expectTypeOf, it } from "vitest";
import { LinkState as DatabaseLinkState } from "@/lib/db/generated/enums";
import {
  actionTarget,
  allowedActions,
  canTransition,
  HOLDS_ENDPOINT,
  InvalidTransitionError,
  isReleasable,
  isTerminal,
  LINK_ACTIONS,
  LINK_ACTION_NAMES,
  LINK_STATES,
  mayHaveEndpoint,
  pollDelayMs,
  RELEASABLE,
  transition,
  TRANSITIONS,
  type LinkState,
} from "@/lib/links/state-machine";

// The whole table, written out independently of the module: any change to the rules must change both.
const ALLOWED = new Set<string>([
  "verifying->pending_approval",
  "verifying->provisioning",
  "verifying->verification_failed",
  "verifying->deleted",
  "verification_failed->verifying",
  "verification_failed->deleted",
  "pending_approval->provisioning",
  "pending_approval->denied",
  "pending_approval->verifying",
  "pending_approval->deleted",
  "provisioning->pending_acceptance",
  "provisioning->available",
  "provisioning->failed",
  "provisioning->deleting",
  "pending_acceptance->available",
  "pending_acceptance->rejected",
  "pending_acceptance->expired",
  "pending_acceptance->failed",
  "pending_acceptance->deleting",
  "available->disconnected",
  "available->failed",
  "available->deleting",
  "rejected->deleting",
  "rejected->verifying",
  "disconnected->deleting",
  "disconnected->verifying",
  "failed->provisioning",
  "failed->deleting",
  "failed->verifying",
  "expired->deleting",
  "expired->verifying",
  "deleting->deleted",
  "deleting->failed",
  "denied->deleted",
]);

const PAIRS = LINK_STATES.flatMap((from) => LINK_STATES.map((to) => [from, to] as [LinkState, LinkState]));

describe("link state machine", () => {
  it("knows every state of the database enum", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...LINK_STATES].sort());
  });

  it.each(PAIRS.filter(([from, to]) => ALLOWED.has(`${from}->${to}`)))("allows %s -> %s", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(transition(from, to)).toBe(to);
  });

  it.each(PAIRS.filter(([from, to]) => !ALLOWED.has(`${from}->${to}`)))("refuses %s -> %s", (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => transition(from, to)).toThrow(InvalidTransitionError);
    expect(() => transition(from, to)).toThrow(`a link cannot go from ${from} to ${to}`);
  });

  it("has exactly one terminal state, and every state can reach it", () => {
    expect(LINK_STATES.filter(isTerminal)).toEqual(["deleted"]);
    for (const start of LINK_STATES) {
      const seen = new Set<LinkState>([start]);
      const queue = [start];
      while (queue.length) {
        for (const next of TRANSITIONS[queue.shift()!]) {
          if (seen.has(next)) continue;
          seen.add(next);
          queue.push(next);
        }
      }
      expect(seen.has("deleted"), `${start} can reach deleted`).toBe(true);
    }
  });

  it("polls links in transition often, settled links rarely, and finished links never", () => {
    expect(pollDelayMs("pending_acceptance", { fastMs: 1, slowMs: 2 })).toBe(1);
    expect(pollDelayMs("deleting", { fastMs: 1, slowMs: 2 })).toBe(1);
    expect(pollDelayMs("available", { fastMs: 1, slowMs: 2 })).toBe(2);
    expect(pollDelayMs("deleted")).toBeNull();
    expect(pollDelayMs("verifying")).toBeNull();
  });

  it("is the database's enum: one LinkState type", () => {
    expectTypeOf<DatabaseLinkState>().toEqualTypeOf<LinkState>();
    expect(Object.values(DatabaseLinkState).sort()).toEqual([...LINK_STATES].sort());
  });

  it("polls exactly the states that may hold an endpoint", () => {
    expect(LINK_STATES.filter((state) => pollDelayMs(state) !== null).sort()).toEqual([...HOLDS_ENDPOINT].sort());
  });
});

// The actions, written out independently of the module, as the API documents them.
const ACTIONS: Record<string, { member: LinkState[]; admin: LinkState[] }> = {
  verify: { member: ["verification_failed", "pending_approval"], admin: ["verification_failed", "pending_approval"] },
  approve: { member: [], admin: ["pending_approval"] },
  deny: { member: [], admin: ["pending_approval"] },
  retry: { member: [], admin: ["failed"] },
  delete: { member: LINK_STATES.filter((s) => s !== "deleting" && s !== "deleted"), admin: LINK_STATES.filter((s) => s !== "deleting" && s !== "deleted") },
  reconcile: { member: [], admin: ["provisioning", "pending_acceptance", "available", "rejected", "disconnected", "failed", "expired", "deleting"] },
  probe: { member: ["available"], admin: ["available"] },
  release: { member: [], admin: ["rejected", "disconnected", "expired"] },
  reconnect: { member: ["rejected", "disconnected", "expired", "failed"], admin: ["rejected", "disconnected", "expired", "failed"] },
};

describe("link actions", () => {
  it("name every action, and each moves a link only along the transition table", () => {
    expect(LINK_ACTION_NAMES).toEqual(Object.keys(ACTIONS));
    for (const action of LINK_ACTION_NAMES) {
      if (action === "reconcile" || action === "probe" || action === "release") continue;
      for (const from of LINK_ACTIONS[action].from) expect(canTransition(from, actionTarget(action, from)), `${action} from ${from}`).toBe(true);
    }
    expect(LINK_ACTIONS.reconcile.to).toBeNull();
    expect(LINK_ACTIONS.probe.to).toBeNull();
    expect(LINK_ACTIONS.release.to).toBeNull();
  });

  it("release only links the customer turned away, never one it could still accept", () => {
    expect(RELEASABLE).toEqual(["rejected", "disconnected", "expired"]);
    expect(isReleasable("pending_acceptance")).toBe(false);
    // Every releasable state holds an endpoint, and is left only for deletion or to reconnect.
    for (const state of RELEASABLE) {
      expect(mayHaveEndpoint(state)).toBe(true);
      expect(TRANSITIONS[state]).toEqual(["deleting", "verifying"]);
    }
  });

  it.each(LINK_STATES)("offer each role exactly its actions in %s", (state) => {
    for (const role of ["member", "admin"] as const) {
      const expected = Object.entries(ACTIONS)
        .filter(([, by]) => by[role].includes(state))
        .map(([action]) => action);
      expect(allowedActions(state, role)).toEqual(expected);
    }
  });

  it("delete a link that never had an endpoint at once, and one that may have one through deleting", () => {
    for (const state of LINK_ACTIONS.delete.from) expect(actionTarget("delete", state)).toBe(mayHaveEndpoint(state) ? "deleting" : "deleted");
    expect(actionTarget("delete", "verification_failed")).toBe("deleted");
    expect(actionTarget("delete", "available")).toBe("deleting");
  });
});
