import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { tokenHash } from "@/lib/token-hash";

// The prefix is visible (listed, logged, looked up by); the secret is 190 random bits, so a plain SHA-256 of it is a safe
// stored form (no salt or slow hash needed for high-entropy secrets).

const KEY_PATTERN = /^plk_([A-Za-z0-9]{8})_([A-Za-z0-9]{32})$/;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomText(length: number, bytes: Buffer = randomBytes(length * 2)): string {
  let text = "";
  // 62 symbols: reject bytes >= 248 (4 * 62) so every symbol is equally likely.
  for (const byte of bytes) {
    if (byte < 248) text += ALPHABET[byte % 62];
    if (text.length === length) return text;
  }
  return text + randomText(length - text.length);
}

export type GeneratedKey = { key: string; prefix: string; secretHash: string };

export function generateApiKey(): GeneratedKey {
  return keyFrom(randomText(8), randomText(32));
}

/** A key that is the same on every run, for demo data only (derived from a label). */
export function demoApiKey(label: string): GeneratedKey {
  const stream = createHash("sha512").update(`privatelink-portal demo api key ${label}`).digest();
  const more = createHash("sha512").update(stream).digest();
  const bytes = Buffer.concat([stream, more]);
  return keyFrom(randomText(8, bytes.subarray(0, 40)), randomText(32, bytes.subarray(40)));
}

function keyFrom(prefix: string, secret: string): GeneratedKey {
  return { key: `plk_${prefix}_${secret}`, prefix, secretHash: tokenHash(secret) };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key);
  return match ? { prefix: match[1]!, secret: match[2]! } : null;
}

export function secretMatches(secret: string, secretHash: string): boolean {
  const presented = Buffer.from(tokenHash(secret), "hex");
  const stored = Buffer.from(secretHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
