import { describe, expect, it } from "vitest";
import { kindOf } from "@/lib/notifications/dispatch";
import { readUnsubscribeToken, unsubscribeToken } from "@/lib/notifications/unsubscribe";

const KEY = "k".repeat(32);
const USER = "0b7c6a3e-1d2f-4a5b-8c9d-0e1f2a3b4c5d";

describe("unsubscribe tokens", () => {
  it("name their person and kind, for whoever holds AUTH_SECRET only", () => {
    const token = unsubscribeToken(USER, "link_available", KEY);
    expect(token).toMatch(/^[\w.-]+$/);
    expect(readUnsubscribeToken(token, KEY)).toEqual({ userId: USER, kind: "link_available" });
    expect(readUnsubscribeToken(token, "x".repeat(32))).toBeNull();
  });

  it("refuse any change: another kind, another person, a cut or lengthened signature", () => {
    const token = unsubscribeToken(USER, "link_available", KEY);
    const [user, kind, signature] = token.split(".") as [string, string, string];
    const other = "1b7c6a3e-1d2f-4a5b-8c9d-0e1f2a3b4c5d";
    for (const forged of [
      `${user}.0.${signature}`,
      `${other}.${kind}.${signature}`,
      `${user}.${kind}.${signature.slice(0, -2)}`,
      `${user}.${kind}.${signature}AA`,
      `${user}.${kind}.${signature}.x`,
      `${user}.9.${signature}`,
      `${user}.${kind}`,
      "",
      "not-a-token",
    ]) {
      expect(readUnsubscribeToken(forged, KEY), forged).toBeNull();
    }
  });
});

describe("which events are news", () => {
  const event = (over: Partial<Parameters<typeof kindOf>[0]>) =>
    kindOf({ kind: "state", fromState: null, toState: "verifying", toConnectivity: null, ...over });

  it("maps transitions and connectivity to the kinds people choose", () => {
    expect(event({ fromState: "provisioning", toState: "pending_acceptance" })).toBe("link_needs_acceptance");
    expect(event({ fromState: "pending_acceptance", toState: "available" })).toBe("link_available");
    expect(event({ fromState: "pending_acceptance", toState: "rejected" })).toBe("link_rejected");
    expect(event({ fromState: "pending_acceptance", toState: "expired" })).toBe("link_rejected");
    expect(event({ fromState: "available", toState: "disconnected" })).toBe("link_disconnected");
    expect(event({ fromState: "verifying", toState: "pending_approval" })).toBe("approvals_waiting");
    expect(event({ kind: "connectivity", fromState: "available", toState: "available", toConnectivity: "degraded" })).toBe("link_degraded");
    expect(event({ kind: "connectivity", fromState: "available", toState: "available", toConnectivity: "ok" })).toBeNull();
    expect(event({ fromState: "verifying", toState: "provisioning" })).toBeNull();
    expect(event({ kind: "addresses", fromState: "available", toState: "available" })).toBeNull();
  });
});
