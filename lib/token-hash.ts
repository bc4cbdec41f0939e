import { createHash } from "node:crypto";

/**
 * How a secret handed to a person is kept at rest (email and invitation tokens, MFA challenges, API key secrets, recovery
 * codes): its SHA-256, in hex. A lookup by this hash finds the row; the secret itself is never stored.
 */
export function tokenHash(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
