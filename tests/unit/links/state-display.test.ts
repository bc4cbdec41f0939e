import { describe, expect, it } from "vitest";
import { releaseSentence, SERVICE_DELETED } from "@/lib/links/state-display";

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
