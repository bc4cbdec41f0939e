import "server-only";
import { randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { tokenHash } from "@/lib/token-hash";

// TOTP as RFC 6238 with the parameters every authenticator app reads from an otpauth:// URL: SHA-1, 6 digits, 30 s. A code is
// accepted one step either side of now (clocks drift), and only for a step later than the last accepted one, so a code seen
// over a shoulder or replayed from a log is refused even within its 30 seconds.

export const TOTP_PARAMS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpOf(secretBase32: string, label = "account"): TOTP {
  return new TOTP({ issuer: "PrivateLink Portal", label, ...TOTP_PARAMS, secret: Secret.fromBase32(secretBase32) });
}

/** The step `code` belongs to within the window around `now`, when it is later than `lastUsedStep`; else null. */
export function acceptedStep(
  secretBase32: string,
  code: string,
  { now = Date.now(), lastUsedStep = null }: { now?: number; lastUsedStep?: bigint | null } = {},
): bigint | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = totpOf(secretBase32);
  const delta = totp.validate({ token: code, timestamp: now, window: TOTP_WINDOW });
  if (delta === null) return null;
  const step = BigInt(totp.counter({ timestamp: now }) + delta);
  return lastUsedStep !== null && step <= lastUsedStep ? null : step;
}

/** Ten codes such as `k3m9p-x2q7r` (base32 without look-alikes), shown once. */
export function newRecoveryCodes(): string[] {
  const alphabet = "0abcdefghjkmnpqrstuvwxyz23456789"; // 32 letters: a byte modulo 32 is unbiased
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(10)].map((byte) => alphabet[byte % alphabet.length]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Spaces, dashes and case do not matter when a recovery code is typed back. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

export function hashRecoveryCode(code: string): string {
  return tokenHash(normalizeRecoveryCode(code));
}

export function isTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s/g, ""));
}
