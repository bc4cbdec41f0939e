import "server-only";
import { adminMfa } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Who must have a second factor before acting: a vendor admin acting as one when ADMIN_MFA is required, and a member of an
// organization whose owners require it, acting for it. API keys are never asked: a key is made by a person signed in (with their
// second factor, when it is required) and is a credential of its own.

export type MfaGap = "admin" | "organization";

export const MFA_SETUP_PATH = "/mfa-setup";

export function mfaGapOf({
  actsAsAdmin,
  organizationRequiresMfa,
  hasSecondFactor,
}: {
  actsAsAdmin: boolean;
  organizationRequiresMfa: boolean;
  hasSecondFactor: boolean;
}): MfaGap | null {
  if (hasSecondFactor) return null;
  if (actsAsAdmin) return adminMfa() === "required" ? "admin" : null;
  return organizationRequiresMfa ? "organization" : null;
}

/** For a session's database read of the user: whether they hold a confirmed TOTP or a passkey. */
export const SECOND_FACTOR_SELECT = { totp: { select: { confirmedAt: true } }, _count: { select: { passkeys: true } } } as const;

export function holdsSecondFactor(user: { totp: { confirmedAt: Date | null } | null; _count: { passkeys: number } }): boolean {
  return Boolean(user.totp?.confirmedAt) || user._count.passkeys > 0;
}

export function mfaRequiredError(gap: MfaGap): AppError {
  const who = gap === "admin" ? "Vendor admins need" : "Your organization requires its members to have";
  return new AppError(
    "mfa_required",
    `${who} a second factor. Set up an authenticator app or a passkey in the portal at ${MFA_SETUP_PATH} (Settings, Security), then try again.`,
  );
}
