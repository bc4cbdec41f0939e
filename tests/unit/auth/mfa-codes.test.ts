import { URI, type TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { acceptedStep, hashRecoveryCode, newRecoveryCodes, newTotpSecret, RECOVERY_CODE_COUNT, totpOf } from "@/lib/auth/mfa/codes";

const secret = newTotpSecret();
// Mid-step, so the steps either side are whole 30-second steps away.
const now = Date.UTC(2026, 11, 7, 12, 0, 15);
const codeAt = (timestamp: number) => totpOf(secret).generate({ timestamp });
const stepAt = (timestamp: number) => BigInt(Math.floor(timestamp / 30_000));

describe("TOTP (RFC 6238: SHA-1, 6 digits, 30 s, one step either side)", () => {
  it("matches what any authenticator app computes from the otpauth URL", () => {
    const app = URI.parse(totpOf(secret, "admin@example.com").toString()) as TOTP;
    expect(app.algorithm).toBe("SHA1");
    expect(app.digits).toBe(6);
    expect(app.period).toBe(30);
    expect(acceptedStep(secret, app.generate({ timestamp: now }), { now })).toBe(stepAt(now));
  });

  it("accepts the previous and the next step's code, not two steps away", () => {
    expect(acceptedStep(secret, codeAt(now - 30_000), { now })).toBe(stepAt(now) - 1n);
    expect(acceptedStep(secret, codeAt(now + 30_000), { now })).toBe(stepAt(now) + 1n);
    expect(acceptedStep(secret, codeAt(now - 60_000), { now })).toBeNull();
    expect(acceptedStep(secret, codeAt(now + 60_000), { now })).toBeNull();
  });

  it("refuses a code of a step already used, or earlier than the last one used (replay)", () => {
    const code = codeAt(now);
    const step = acceptedStep(secret, code, { now });
    expect(step).not.toBeNull();
    expect(acceptedStep(secret, code, { now, lastUsedStep: step })).toBeNull();
    expect(acceptedStep(secret, codeAt(now - 30_000), { now, lastUsedStep: step })).toBeNull();
    expect(acceptedStep(secret, codeAt(now + 30_000), { now, lastUsedStep: step })).toBe(step! + 1n);
  });

  it("refuses anything but six digits, and another secret's code", () => {
    expect(acceptedStep(secret, "12345", { now })).toBeNull();
    expect(acceptedStep(secret, `${codeAt(now)}0`, { now })).toBeNull();
    expect(acceptedStep(newTotpSecret(), codeAt(now), { now })).toBeNull();
  });
});

describe("recovery codes", () => {
  it("are ten distinct codes of 50 random bits", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);
  });

  it("hash the same however they are typed back, and differ from each other", () => {
    const [code] = newRecoveryCodes();
    expect(hashRecoveryCode(` ${code!.toUpperCase().replace("-", " ")} `)).toBe(hashRecoveryCode(code!));
    expect(hashRecoveryCode(code!)).not.toBe(hashRecoveryCode(newRecoveryCodes()[0]!));
    expect(hashRecoveryCode(code!)).not.toContain(code!.replace("-", ""));
  });
});
