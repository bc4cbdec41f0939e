import { organizationOf, requireScope, type Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";

/** Any member, and keys of either scope; answers the organization id. */
export function authorizeRead(ctx: Ctx): string {
  const organizationId = organizationOf(ctx);
  if (!ctx.scopes.includes("read") && !ctx.scopes.includes("write")) throw new AppError("forbidden", "This API key lacks the read scope.");
  return organizationId;
}

// Only owners: a webhook sends every link event to a URL of its creator's choice. A write-scoped key counts as an owner's
// while its maker is one.
export function authorizeWrite(ctx: Ctx): string {
  const organizationId = organizationOf(ctx);
  requireScope(ctx, "write");
  if (ctx.role !== "owner") throw new AppError("forbidden", "Only organization owners can manage webhooks.");
  return organizationId;
}
