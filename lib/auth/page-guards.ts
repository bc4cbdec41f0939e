import "server-only";
import { notFound, redirect } from "next/navigation";
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
  return context;
}
