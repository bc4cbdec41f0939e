import { describe, expect, it } from "vitest";
import {
  canTransition,
  InvalidTransitionError,
  isTerminal,
  LINK_STATES,
  pollDelayMs,
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
  "disconnected->deleting",
  "failed->provisioning",
  "failed->deleting",
  "expired->deleting",
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
});
