import { AppError } from "@/lib/errors";

/** Who acts, for whom. Every verb takes one and scopes every read and write by it. */
export type Actor = { type: "user" | "api_key" | "system"; id: string | null };

export type Ctx = {
  actor: Actor;
  /** The organization acted for; null for vendor admins and the system acting across organizations. */
  organizationId: string | null;
  isAdmin: boolean;
  requestId?: string;
};

export const SYSTEM: Ctx = { actor: { type: "system", id: null }, organizationId: null, isAdmin: true };

/** The organization a customer verb acts on; an admin without one cannot use customer verbs. */
export function organizationOf(ctx: Ctx): string {
  if (!ctx.organizationId) throw new AppError("forbidden", "This needs a member of an organization.");
  return ctx.organizationId;
}

export function requireAdmin(ctx: Ctx): void {
  if (!ctx.isAdmin) throw new AppError("forbidden", "This needs a vendor admin.");
}
