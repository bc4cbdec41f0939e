import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Webhook signatures. The header is `PrivateLink-Signature: t=<unix seconds>,v1=<hex>`, where the
 * hex is HMAC-SHA256(secret, `${t}.${body}`) over the exact bytes of the body. Receivers check the
 * signature and that `t` is within the replay window. This file only uses node:crypto, so a
 * receiver can copy `verifyWebhookSignature` as it is (docs/WEBHOOKS.md).
 */

export const SIGNATURE_HEADER = "PrivateLink-Signature";
/** Default replay window: a signature older (or newer) than this many seconds is refused. */
export const REPLAY_WINDOW_SECONDS = 300;

export function computeSignature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

export function signatureHeader(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, body)}`;
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: "malformed" | "expired" | "mismatch" };

/**
 * Checks a delivery: `body` is the raw request body (a string, before any JSON parsing), `header`
 * the PrivateLink-Signature header. Several v1 entries are allowed (any one may match).
 */
export function verifyWebhookSignature({
  body,
  header,
  secret,
  toleranceSeconds = REPLAY_WINDOW_SECONDS,
  now = Math.floor(Date.now() / 1000),
}: {
  body: string;
  header: string | null | undefined;
  secret: string;
  toleranceSeconds?: number;
  now?: number;
}): SignatureCheck {
  if (!header) return { ok: false, reason: "malformed" };
  let timestamp = Number.NaN;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === "v1" && value && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (!Number.isFinite(timestamp) || signatures.length === 0) return { ok: false, reason: "malformed" };
  if (Math.abs(now - timestamp) > toleranceSeconds) return { ok: false, reason: "expired" };
  const expected = Buffer.from(computeSignature(secret, timestamp, body), "hex");
  const matches = signatures.some((candidate) => timingSafeEqual(Buffer.from(candidate, "hex"), expected));
  return matches ? { ok: true, timestamp } : { ok: false, reason: "mismatch" };
}
