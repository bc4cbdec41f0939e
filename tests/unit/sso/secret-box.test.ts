import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "@/lib/sso/secret-box";

const SECRET = "an-auth-secret-of-at-least-32-characters!";

describe("client secrets at rest", () => {
  it("opens what it sealed, and never stores the plaintext", () => {
    const sealed = sealSecret("s3cr3t-client-value", SECRET);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("s3cr3t");
    expect(openSecret(sealed, SECRET)).toBe("s3cr3t-client-value");
  });

  it("seals the same secret differently each time (a fresh nonce)", () => {
    expect(sealSecret("same", SECRET)).not.toBe(sealSecret("same", SECRET));
  });

  it("refuses to open under another AUTH_SECRET", () => {
    expect(() => openSecret(sealSecret("value", SECRET), `${SECRET}-rotated`)).toThrow();
  });

  it("refuses a changed ciphertext, tag or nonce instead of answering another secret", () => {
    const [version, nonce, tag, ciphertext] = sealSecret("value-to-tamper", SECRET).split(".") as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString("base64url");
    };
    for (const changed of [
      [version, flip(nonce), tag, ciphertext],
      [version, nonce, flip(tag), ciphertext],
      [version, nonce, tag, flip(ciphertext)],
    ]) {
      expect(() => openSecret(changed.join("."), SECRET)).toThrow();
    }
  });

  it("refuses what is not a sealed secret", () => {
    for (const value of ["", "plain", "v2.a.b.c", "v1.a.b", "v1.a.b.c.d"]) expect(() => openSecret(value, SECRET), value).toThrow();
  });
});
