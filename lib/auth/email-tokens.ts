import "server-only";
import { randomBytes } from "node:crypto";
import type { EmailTokenPurpose, Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { tokenHash } from "@/lib/token-hash";

// A link mailed to a user's address carries a token: 32 random bytes, of which only the SHA-256 is stored, so a copy of the
// database opens no account. Looking it up by its hash is the comparison (an index lookup of a value the caller cannot
// steer towards a stored one), so no timing comparison is needed. A token is used once, before it expires, and a newer
// token of the same purpose replaces the older ones: only the latest email works.

export const TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = { password_reset: 45 * 60_000, verify_email: 24 * 60 * 60_000 };

export type TokenRow = { id: string; userId: string; email: string; expiresAt: Date; usedAt: Date | null };

export type TokenState = "usable" | "used" | "expired";

/** Pure: used first (a used token stays used), then expired. */
export function tokenState(token: Pick<TokenRow, "expiresAt" | "usedAt">, now: Date): TokenState {
  if (token.usedAt) return "used";
  return token.expiresAt.getTime() > now.getTime() ? "usable" : "expired";
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The one answer to an unknown, used, replaced or expired token, so none of them tells an outsider more than another. */
export function invalidToken(what: string, again: string): AppError {
  return new AppError("token_invalid", `This ${what} link is no longer valid: it was already used, a newer one replaced it, or it expired. ${again}`);
}

/** A new token for the user's address; every earlier one of the purpose stops working. Answers the token, to be mailed. */
export async function issueToken(
  tx: Prisma.TransactionClient,
  { userId, email, purpose, now = new Date() }: { userId: string; email: string; purpose: EmailTokenPurpose; now?: Date },
): Promise<{ id: string; token: string; expiresAt: Date }> {
  await tx.emailToken.deleteMany({ where: { userId, purpose } });
  const token = newToken();
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS[purpose]);
  const row = await tx.emailToken.create({ data: { userId, email, purpose, tokenHash: tokenHash(token), expiresAt }, select: { id: true } });
  return { id: row.id, token, expiresAt };
}

/**
 * Marks the token used and answers its row, or throws `invalid`. The update is guarded by "not used, not expired", so of two
 * requests with one token exactly one gets it. A token whose address is no longer the user's proves nothing and is refused.
 */
export async function useToken(tx: Prisma.TransactionClient, { token, purpose, invalid }: { token: string; purpose: EmailTokenPurpose; invalid: AppError }) {
  const now = new Date();
  const hash = tokenHash(token);
  const used = await tx.emailToken.updateMany({ where: { tokenHash: hash, purpose, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (used.count === 0) throw invalid;
  const row = await tx.emailToken.findUniqueOrThrow({
    where: { tokenHash: hash },
    select: { id: true, userId: true, email: true, user: { select: { email: true } } },
  });
  if (row.user.email !== row.email) throw invalid;
  return { id: row.id, userId: row.userId, email: row.email };
}
