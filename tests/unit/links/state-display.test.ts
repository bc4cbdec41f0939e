import { describe, expect, it } from "vitest";
import { targetFactsOf } from "@/lib/links/kind-display";
import { linkStepsOf, nextStepOf, releaseSentence, SERVICE_DELETED, showsErrorOf, stepOf, STATE_DISPLAY } from "@/lib/links/state-display";
import { LINK_STATES } from "@/lib/links/state-machine";

const day = (iso: string) => iso.slice(0, 10);
const link = { state: "rejected" as const, releaseAt: null, endpointReleasedAt: null, lastError: null };

describe("releaseSentence", () => {
  it("says when our endpoint will go, then when it went, and why", () => {
    expect(releaseSentence({ ...link, releaseAt: "2026-12-15T10:00:00.000Z" }, day)).toBe(
      "You rejected this connection. We will delete our endpoint on 2026-12-15.",
    );
    expect(releaseSentence({ ...link, state: "disconnected", endpointReleasedAt: "2026-12-15T10:00:01.000Z" }, day)).toBe(
      "You revoked this connection after it was available. Our endpoint was deleted on 2026-12-15.",
    );
    expect(releaseSentence({ ...link, state: "expired", releaseAt: "2026-12-15T10:00:00.000Z" }, day)).toMatch(/^Nobody accepted/);
    expect(releaseSentence({ ...link, endpointReleasedAt: "2026-12-15T10:00:01.000Z", lastError: { code: SERVICE_DELETED } }, day)).toBe(
      "You deleted your endpoint service. Our endpoint was deleted on 2026-12-15.",
    );
  });

  it("says nothing for a link that is not turned away, or with nothing due", () => {
    expect(releaseSentence({ ...link, state: "pending_acceptance", releaseAt: "2026-12-15T10:00:00.000Z" }, day)).toBeNull();
    expect(releaseSentence({ ...link, state: "available" }, day)).toBeNull();
    expect(releaseSentence(link, day)).toBeNull();
  });
});

describe("a resource link's progress", () => {
  it("has no acceptance step: past it, each state stands one step further along", () => {
    expect(linkStepsOf("service")).toEqual(["Verify", "Approve", "Create endpoint", "Accept", "Available"]);
    expect(linkStepsOf("resource")).toEqual(["Verify", "Approve", "Create endpoint", "Available"]);
    expect(stepOf("provisioning", "resource")).toEqual({ index: 2, isStopped: false });
    expect(stepOf("available", "resource")).toEqual({ index: 4, isStopped: false }); // past the last
    expect(stepOf("disconnected", "resource")).toEqual({ index: 3, isStopped: true }); // stopped at Available
    expect(stepOf("deleted", "resource")).toBeNull();
    for (const state of LINK_STATES) expect(stepOf(state, "service")).toEqual(STATE_DISPLAY[state].step);
  });

  it("says a resource link's next step in its own words where they differ, and a service link's elsewhere", () => {
    expect(nextStepOf("provisioning", "resource")).toBe("We are creating the resource endpoint in our VPC.");
    expect(nextStepOf("disconnected", "resource")).toMatch(/the cause and what to do are below\.$/);
    // The last error says which cut it off (the share, the configuration, the association) and what to do.
    expect(showsErrorOf("disconnected", "resource")).toBe(true);
    expect(showsErrorOf("disconnected", "service")).toBe(false);
    expect(showsErrorOf("failed", "service")).toBe(true);
    expect(nextStepOf("provisioning", "service")).toBe(STATE_DISPLAY.provisioning.nextStep);
    expect(nextStepOf("denied", "resource")).toBe(STATE_DISPLAY.denied.nextStep);
    expect(releaseSentence({ ...link, kind: "resource", state: "disconnected", releaseAt: "2026-12-15T10:00:00.000Z" }, day)).toBe(
      "Your resource configuration was cut off from our endpoint after the link was available. We will delete our endpoint on 2026-12-15.",
    );
  });

  it("names what it connects to: the configuration and the RAM share carrying it", () => {
    const service = { kind: "service" as const, serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", resourceShareArn: null };
    expect(targetFactsOf(service)).toEqual([["Endpoint service", service.serviceName]]);
    const arn = "arn:aws:vpc-lattice:us-east-1:222222222222:resourceconfiguration/rcfg-0123456789abcdef0";
    expect(targetFactsOf({ kind: "resource", serviceName: arn, resourceShareArn: null })).toEqual([
      ["Resource configuration", arn],
      ["RAM resource share", "not named: we accept the owner account's invitation"],
    ]);
  });
});
