import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requiredSsoFor } from "@/lib/sso/sign-in";
import { hasSecondFactor } from "./mfa/second-factor";
import { dummyPasswordHash, verifyPassword } from "./password";
import { addressGroup } from "./client-address";
import { admitInTurn, clear, hitAll, tooMany, unhit } from "./rate-limit";
import type { SignInInput } from "./schemas";

// A lock is per account *and* client address: failures from one address lock that address out of that account, never the
// account's owner elsewhere. Each attempt is counted before the password is checked, so of any number of concurrent attempts
// from one address at most the limit are checked, and a refused one is not verified at all (no oracle while locked). Across
// addresses an account has a ceiling that slows instead: past it, each check waits, longer the more failures, at most a few
// seconds. Waiting rather than refusing keeps the owner able to sign in: a "one check every few seconds" pace would go to
// whoever asks first, and an attacker asks all the time. A success takes its own attempt back, so the limits count failures.
export const SIGN_IN_LIMITS = { windowMs: 15 * 60_000, perAccountAndAddress: 5, perAddress: 30, accountCeiling: 10, maxDelayMs: 4000 } as const;

// The sign-in page looks up each distinct domain typed once. Far beyond what a person types, and a client cannot walk a list of
// domains to learn which organizations claim them and what they call their provider.
export const SSO_DISCOVERY_LIMITS = { windowMs: 60_000, perAddress: 60 } as const;

/** Counts one domain lookup of the sign-in page for its client (an IPv6 client's /64); 429 past the limit. */
export async function admitSsoDiscovery(db: Db, address: string | null): Promise<void> {
  const key = `sso-discover:address:${address ? addressGroup(address) : "unknown"}`;
  await admitInTurn(db, [[key, SSO_DISCOVERY_LIMITS.perAddress]], SSO_DISCOVERY_LIMITS.windowMs, "Too many sign-in lookups");
}

/** The wait before a check when the account has had `attempts` counted in the window (this one included). */
export function ceilingDelayMs(attempts: number): number {
  const over = attempts - SIGN_IN_LIMITS.accountCeiling;
  return over <= 0 ? 0 : Math.min(SIGN_IN_LIMITS.maxDelayMs, 250 * 2 ** (over - 1));
}

export type SignedInUser = { id: string; email: string; name: string | null; role: "customer" | "admin" };
/** `needsSecondFactor`: the password was right, but the person has MFA; nothing is recorded until the second step (mfa/challenge.ts). */
export type PasswordChecked = SignedInUser & { needsSecondFactor: boolean };

type Options = { wait?: (ms: number) => Promise<unknown> };

export async function signInWithPassword(db: Db, input: SignInInput, address: string | null, { wait = sleep }: Options = {}): Promise<PasswordChecked> {
  // Decided by the address's domain alone, before any account is looked at: the answer is the same whether one exists or not.
  const required = await requiredSsoFor(db, input.email);
  if (required) throw new AppError("sso_required", `Your organization signs you in through ${required.displayName}, not with a password.`);
  const pairKey = `sign-in:account-address:${input.email}|${address ?? "unknown"}`;
  const addressKey = address ? `sign-in:address:${address}` : null;
  const accountKey = `sign-in:account:${input.email}`;
  const maxOf = (key: string) => (key === pairKey ? SIGN_IN_LIMITS.perAccountAndAddress : SIGN_IN_LIMITS.perAddress);
  const windows = await hitAll(db, addressKey ? [pairKey, addressKey] : [pairKey], SIGN_IN_LIMITS.windowMs);
  const over = windows.filter((w) => w.count > maxOf(w.key)).sort((a, b) => b.resetAt.getTime() - a.resetAt.getTime())[0];
  if (over) throw tooMany("Too many failed sign-ins", over.resetAt);
  // Only attempts that will be checked count toward the ceiling: a locked-out address cannot slow the owner down by knocking.
  const [account] = await hitAll(db, [accountKey], SIGN_IN_LIMITS.windowMs);
  const delay = ceilingDelayMs(account?.count ?? 0);
  if (delay > 0) await wait(delay);

  const user = await db.user.findUnique({ where: { email: input.email } });
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.passwordHash || !valid) throw new AppError("invalid_credentials", "Email or password is incorrect.");

  await clear(db, pairKey);
  await unhit(db, accountKey);
  if (addressKey) await unhit(db, addressKey);
  const signedIn = { id: user.id, email: user.email, name: user.name, role: user.role };
  if (await hasSecondFactor(db, user.id)) return { ...signedIn, needsSecondFactor: true };
  await recordSignIn(db, user.id);
  return { ...signedIn, needsSecondFactor: false };
}

export async function recordSignIn(db: Db, userId: string, metadata?: { via: string; secondFactor: string }): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { lastSignInAt: new Date() } });
  await db.auditLog.create({ data: { actorType: "user", actorId: userId, action: "user.sign_in", targetType: "user", targetId: userId, metadata } });
}
