import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// Client secrets of organizations' providers, at rest: AES-256-GCM under a key derived from AUTH_SECRET (HKDF-SHA256, its own
// `info`, so the key is used for nothing else). Whoever reads the database alone learns nothing of a secret, and a changed
// row (ciphertext, tag or nonce) fails to open instead of becoming another secret. Rotating AUTH_SECRET makes stored secrets
// unreadable: owners enter them again. Format: `v1.<nonce>.<tag>.<ciphertext>`, base64url.

const VERSION = "v1";
const INFO = "privatelink-portal/sso-client-secret/v1";

function keyOf(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, Buffer.alloc(0), INFO, 32));
}

export function sealSecret(plaintext: string, authSecret: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(authSecret), nonce);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, nonce, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The secret sealed by `sealSecret` under the same AUTH_SECRET; throws on anything else. */
export function openSecret(sealed: string, authSecret: string): string {
  const [version, nonce, tag, ciphertext, ...rest] = sealed.split(".");
  if (version !== VERSION || !nonce || !tag || ciphertext === undefined || rest.length > 0) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", keyOf(authSecret), Buffer.from(nonce, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
