import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "@/lib/secret-box";

const secret = "unit-secret-unit-secret-unit-secret-0123";

describe("secret box (AES-256-GCM, key from AUTH_SECRET by HKDF)", () => {
  it("opens what it sealed, and seals the same plaintext differently each time", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", { purpose: "mfa-totp", secret });
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(openSecret(sealed, { purpose: "mfa-totp", secret })).toBe("JBSWY3DPEHPK3PXP");
    expect(sealSecret("JBSWY3DPEHPK3PXP", { purpose: "mfa-totp", secret })).not.toBe(sealed);
  });

  it("refuses another purpose, another secret, and any altered byte", () => {
    const sealed = sealSecret("client-secret", { purpose: "mfa-totp", secret });
    expect(() => openSecret(sealed, { purpose: "oidc-client", secret })).toThrow();
    expect(() => openSecret(sealed, { purpose: "mfa-totp", secret: `${secret}x` })).toThrow();
    const [version, iv, ciphertext, tag] = sealed.split(".");
    const flipped = Buffer.from(ciphertext!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openSecret([version, iv, flipped.toString("base64url"), tag].join("."), { purpose: "mfa-totp", secret })).toThrow();
    expect(() => openSecret("not sealed", { purpose: "mfa-totp", secret })).toThrow();
  });

  it("needs AUTH_SECRET", () => {
    expect(() => sealSecret("x", { purpose: "mfa-totp", secret: undefined })).toThrow(/AUTH_SECRET/);
  });
});
