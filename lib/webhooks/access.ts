import { AppError } from "@/lib/errors";
import { organizationOf, type Ctx } from "@/lib/links/context";

/**
 * Who calls a webhook verb. It has the shape of lib/api's Principal, so routes pass theirs as is;
 * lib/webhooks does not depend on lib/api.
 */
export type WebhookCaller = {
  kind: "api_key" | "session";
  ctx: Ctx;
  /** "read", "write" for keys; sessions hold both. */
  scopes: readonly string[];
  /** The user's role in ctx's organization (sessions only). */
  membershipRole: "owner" | "member" | null;
};

/** Members (and read keys) see their organization's webhooks. Returns the organization id. */
export function authorizeRead(caller: WebhookCaller): string {
  const organizationId = organizationOf(caller.ctx);
  if (!caller.scopes.includes("read") && !caller.scopes.includes("write")) throw new AppError("forbidden", "This API key lacks the read scope.");
  return organizationId;
}

/**
 * Only owners manage webhooks: a webhook sends every link event to a URL of its creator's choice.
 * A write-scoped API key counts as an owner's (only owners issue keys).
 */
export function authorizeWrite(caller: WebhookCaller): string {
  const organizationId = organizationOf(caller.ctx);
  if (!caller.scopes.includes("write")) throw new AppError("forbidden", "This API key lacks the write scope.");
  if (caller.kind === "session" && caller.membershipRole !== "owner") throw new AppError("forbidden", "Only organization owners can manage webhooks.");
  return organizationId;
}
