import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newToken, tokenState, TOKEN_TTL_MS } from "@/lib/auth/email-tokens";
import { tokenHash } from "@/lib/token-hash";

const NOW = new Date("2026-12-09T10:00:00Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe("mailed tokens", () => {
  it("are 32 random bytes, and only their SHA-256 is what is stored", () => {
    const token = newToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(newToken()).not.toBe(token);
    expect(tokenHash(token)).toBe(createHash("sha256").update(token).digest("hex"));
    expect(tokenHash(token)).not.toContain(token);
  });

  it("work until they expire, not at the instant of expiry", () => {
    expect(tokenState({ expiresAt: at(1), usedAt: null }, NOW)).toBe("usable");
    expect(tokenState({ expiresAt: at(0), usedAt: null }, NOW)).toBe("expired");
    expect(tokenState({ expiresAt: at(-60_000), usedAt: null }, NOW)).toBe("expired");
  });

  it("work once: a used token stays used, expired or not", () => {
    expect(tokenState({ expiresAt: at(60_000), usedAt: at(-1) }, NOW)).toBe("used");
    expect(tokenState({ expiresAt: at(-60_000), usedAt: at(-120_000) }, NOW)).toBe("used");
  });

  it("last under an hour for a password reset and a day for a verification", () => {
    expect(TOKEN_TTL_MS.password_reset).toBeGreaterThanOrEqual(30 * 60_000);
    expect(TOKEN_TTL_MS.password_reset).toBeLessThanOrEqual(60 * 60_000);
    expect(TOKEN_TTL_MS.verify_email).toBe(24 * 60 * 60_000);
  });
});
