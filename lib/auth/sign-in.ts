import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { dummyPasswordHash, verifyPassword } from "./password";
import { clear, hitAll, unhit } from "./rate-limit";
import type { SignInInput } from "./schemas";

// Each attempt is counted before the password is checked: of any number of concurrent attempts at most the limit are checked,
// and a refused one is not verified at all (no oracle while locked). A success clears the account's count and gives the address
// its attempt back, so the limits count failures.
export const SIGN_IN_LIMITS = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 30 } as const;

export type SignedInUser = { id: string; email: string; name: string | null; role: "customer" | "admin" };

export async function signInWithPassword(db: Db, input: SignInInput, address: string | null): Promise<SignedInUser> {
  const accountKey = `sign-in:account:${input.email}`;
  const addressKey = address ? `sign-in:address:${address}` : null;
  const maxOf = (key: string) => (key === accountKey ? SIGN_IN_LIMITS.perAccount : SIGN_IN_LIMITS.perAddress);
  const windows = await hitAll(db, addressKey ? [accountKey, addressKey] : [accountKey], SIGN_IN_LIMITS.windowMs);
  const over = windows.filter((w) => w.count > maxOf(w.key)).sort((a, b) => b.resetAt.getTime() - a.resetAt.getTime())[0];
  if (over) {
    const minutes = Math.max(1, Math.ceil((over.resetAt.getTime() - Date.now()) / 60_000));
    throw new AppError("too_many_requests", `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, {
      retryAfter: minutes * 60,
    });
  }

  const user = await db.user.findUnique({ where: { email: input.email } });
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.passwordHash || !valid) throw new AppError("invalid_credentials", "Email or password is incorrect.");

  await clear(db, accountKey);
  if (addressKey) await unhit(db, addressKey);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await db.auditLog.create({
    data: { actorType: "user", actorId: user.id, action: "user.sign_in", targetType: "user", targetId: user.id },
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
