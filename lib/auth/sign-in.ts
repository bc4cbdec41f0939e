import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { dummyPasswordHash, verifyPassword } from "./password";
import { clear, hit, peek } from "./rate-limit";
import type { SignInInput } from "./schemas";

/**
 * Failed sign-ins are throttled per account and per client address, in the database so the limit
 * holds across replicas. A refused attempt is not verified at all (no oracle while locked).
 */
export const SIGN_IN_LIMITS = {
  perAccount: { max: 5, windowMs: 15 * 60_000 },
  perAddress: { max: 30, windowMs: 15 * 60_000 },
} as const;

export type SignedInUser = { id: string; email: string; name: string | null; role: "customer" | "admin" };

export async function signInWithPassword(db: Db, input: SignInInput, address: string | null): Promise<SignedInUser> {
  const keys = [
    { key: `sign-in:account:${input.email}`, ...SIGN_IN_LIMITS.perAccount },
    ...(address ? [{ key: `sign-in:address:${address}`, ...SIGN_IN_LIMITS.perAddress }] : []),
  ];
  for (const { key, max } of keys) {
    const window = await peek(db, key);
    if (window && window.count >= max) {
      const minutes = Math.max(1, Math.ceil((window.resetAt.getTime() - Date.now()) / 60_000));
      throw new AppError("too_many_requests", `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, {
        retryAfter: minutes * 60,
      });
    }
  }

  const user = await db.user.findUnique({ where: { email: input.email } });
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.passwordHash || !valid) {
    for (const { key, windowMs } of keys) await hit(db, key, windowMs);
    throw new AppError("invalid_credentials", "Email or password is incorrect.");
  }

  await clear(db, keys[0]!.key);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await db.auditLog.create({
    data: { actorType: "user", actorId: user.id, action: "user.sign_in", targetType: "user", targetId: user.id },
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
