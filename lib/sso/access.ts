import "server-only";
import type { Ctx } from "@/lib/context";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

export function requireOwner(ctx: Pick<Ctx, "organizationId" | "role">): string {
  if (!ctx.organizationId || ctx.role !== "owner") throw new AppError("forbidden", "Only an owner of the organization manages its single sign-on.");
  return ctx.organizationId;
}

/** The secret-box purpose of organizations' client secrets (lib/secret-box.ts). */
export const CLIENT_SECRET = "sso-client-secret";

export function authSecret(): string {
  const secret = getEnv().AUTH_SECRET;
  if (!secret) throw new AppError("conflict", "The portal has no AUTH_SECRET, so it cannot keep a client secret.");
  return secret;
}
