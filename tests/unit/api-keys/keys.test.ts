import { describe, expect, it } from "vitest";
import { demoApiKey, generateApiKey, parseApiKey, secretMatches } from "@/lib/api-keys/keys";
import { tokenHash } from "@/lib/token-hash";

describe("API keys", () => {
  it("have a visible prefix and a 32-character secret, stored as its SHA-256 only", () => {
    const { key, prefix, secretHash } = generateApiKey();
    expect(key).toMatch(/^plk_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$/);
    const parsed = parseApiKey(key)!;
    expect(parsed.prefix).toBe(prefix);
    expect(secretHash).toBe(tokenHash(parsed.secret));
    expect(secretHash).not.toContain(parsed.secret);
    expect(generateApiKey().key).not.toBe(key);
  });

  it("match only their own secret", () => {
    const { key, secretHash } = generateApiKey();
    const { secret } = parseApiKey(key)!;
    expect(secretMatches(secret, secretHash)).toBe(true);
    expect(secretMatches(`${secret.slice(0, -1)}${secret.endsWith("a") ? "b" : "a"}`, secretHash)).toBe(false);
    expect(secretMatches(secret, "00")).toBe(false);
  });

  it("refuse other shapes", () => {
    for (const key of ["", "plk_", "plk_abcdefgh_short", "sk_abcdefgh_0123456789abcdef0123456789abcdef", "plk_abcdefg!_0123456789abcdef0123456789abcdef"])
      expect(parseApiKey(key)).toBeNull();
  });

  it("demo keys are the same on every run, and differ per label", () => {
    expect(demoApiKey("acme")).toEqual(demoApiKey("acme"));
    expect(demoApiKey("acme").key).not.toBe(demoApiKey("globex").key);
    expect(demoApiKey("acme").key).toMatch(/^plk_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$/);
  });
});
