import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "@/lib/env";

// Secrets the portal must read back (a TOTP seed, an identity provider's client secret) are stored sealed with AES-256-GCM
// under a key derived from AUTH_SECRET by HKDF, one key per purpose, so a database dump alone reveals none of them and a sealed
// value of one purpose never opens as another's. Format: `v1.<iv>.<ciphertext>.<tag>`, base64url.

const VERSION = "v1";

function keyFor(purpose: string, secret: string | undefined): Buffer {
  if (!secret) throw new Error("AUTH_SECRET is not set: secrets cannot be sealed or opened without it.");
  return Buffer.from(hkdfSync("sha256", secret, "privatelink-portal/secret-box", `${VERSION}:${purpose}`, 32));
}

export function sealSecret(plaintext: string, { purpose, secret = getEnv().AUTH_SECRET }: { purpose: string; secret?: string }): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose, secret), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** Throws when the value was sealed for another purpose or secret, or was altered. */
export function openSecret(sealed: string, { purpose, secret = getEnv().AUTH_SECRET }: { purpose: string; secret?: string }): string {
  const [version, iv, ciphertext, tag] = sealed.split(".");
  if (version !== VERSION || !iv || ciphertext === undefined || !tag) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose, secret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
