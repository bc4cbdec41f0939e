import { createHmac, timingSafeEqual } from "node:crypto";

// `PrivateLink-Signature: t=<unix seconds>,v1=<hex>`, the hex HMAC-SHA256(secret, `${t}.${body}`) over the body's exact
// bytes. Only node:crypto, so a receiver can copy `verifyWebhookSignature` as it is (docs/WEBHOOKS.md).

export const SIGNATURE_HEADER = "PrivateLink-Signature";
/** A signature older (or newer) than this is refused. */
export const REPLAY_WINDOW_SECONDS = 300;

export function computeSignature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

export function signatureHeader(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, body)}`;
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: "malformed" | "expired" | "mismatch" };

/** `body` is the raw request body, before any JSON parsing; any one of several v1 entries may match. */
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
