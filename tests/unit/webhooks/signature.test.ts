import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeSignature, REPLAY_WINDOW_SECONDS, signatureHeader, verifyWebhookSignature } from "@/lib/webhooks/signature";

const secret = "whsec_test-secret";
const body = JSON.stringify({ id: "42", type: "link.available", data: { note: "héllo" } });
const now = 1_800_000_000;

describe("webhook signatures", () => {
  it("signs `${t}.${body}` with HMAC-SHA256 as documented", () => {
    const expected = createHmac("sha256", secret).update(`${now}.${body}`).digest("hex");
    expect(computeSignature(secret, now, body)).toBe(expected);
    expect(signatureHeader(secret, body, now)).toBe(`t=${now},v1=${expected}`);
  });

  it("accepts its own signature within the replay window, on either side", () => {
    const header = signatureHeader(secret, body, now);
    expect(verifyWebhookSignature({ body, header, secret, now })).toEqual({ ok: true, timestamp: now });
    expect(verifyWebhookSignature({ body, header, secret, now: now + REPLAY_WINDOW_SECONDS }).ok).toBe(true);
    expect(verifyWebhookSignature({ body, header, secret, now: now - REPLAY_WINDOW_SECONDS }).ok).toBe(true);
  });

  it("refuses a replay outside the window", () => {
    const header = signatureHeader(secret, body, now);
    expect(verifyWebhookSignature({ body, header, secret, now: now + REPLAY_WINDOW_SECONDS + 1 })).toEqual({ ok: false, reason: "expired" });
    expect(verifyWebhookSignature({ body, header, secret, now: now + 10, toleranceSeconds: 5 })).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a changed body, another secret, or a moved timestamp", () => {
    const header = signatureHeader(secret, body, now);
    expect(verifyWebhookSignature({ body: body.replace("42", "43"), header, secret, now })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyWebhookSignature({ body, header, secret: "whsec_other", now })).toEqual({ ok: false, reason: "mismatch" });
    const moved = header.replace(`t=${now}`, `t=${now + 1}`);
    expect(verifyWebhookSignature({ body, header: moved, secret, now })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("accepts any matching v1 among several (secret rotation)", () => {
    const header = `t=${now},v1=${"0".repeat(64)},v1=${computeSignature(secret, now, body)}`;
    expect(verifyWebhookSignature({ body, header, secret, now }).ok).toBe(true);
  });

  it.each([null, "", "garbage", `t=${now}`, "v1=abcd", `t=abc,v1=${"a".repeat(64)}`, `t=${now},v1=zz`])("calls header %j malformed", (header) => {
    expect(verifyWebhookSignature({ body, header, secret, now })).toEqual({ ok: false, reason: "malformed" });
  });
});
