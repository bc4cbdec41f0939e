import "server-only";
import { notFound, redirect } from "next/navigation";
import { MFA_SETUP_PATH, mfaGapOf } from "./mfa/gate";
import { getSessionContext, type SessionContext } from "./session";

/** For pages: no session sends the visitor to sign in; a non-admin on an admin page sees 404. */
export async function pageSession(): Promise<SessionContext> {
  const context = await getSessionContext();
  if (!context) redirect("/sign-in");
  return context;
}

export async function pageAdmin(): Promise<SessionContext> {
  const context = await pageSession();
  if (context.user.role !== "admin") notFound();
  if (mfaGapOf({ actsAsAdmin: true, organizationRequiresMfa: false, hasSecondFactor: context.user.hasSecondFactor })) redirect(MFA_SETUP_PATH);
  return context;
}

/** For the portal's pages: a member of an organization that requires a second factor, without one, is sent to set it up. */
export async function pagePortal(): Promise<SessionContext> {
  const context = await pageSession();
  const requiresMfa = context.active?.organization.requireMfa ?? false;
  if (mfaGapOf({ actsAsAdmin: false, organizationRequiresMfa: requiresMfa, hasSecondFactor: context.user.hasSecondFactor })) redirect(MFA_SETUP_PATH);
  return context;
}
