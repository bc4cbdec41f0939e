import type { Ctx } from "@/lib/links/context";
import type { Engine } from "@/lib/links/engine";
import { registerLink } from "@/lib/links/register-link";
import type { WebhookCaller } from "@/lib/webhooks/access";

export const ownerOf = (ctx: Ctx): WebhookCaller => ({ kind: "session", ctx, scopes: ["read", "write"], membershipRole: "owner" });
export const memberOf = (ctx: Ctx): WebhookCaller => ({ kind: "session", ctx, scopes: ["read", "write"], membershipRole: "member" });
export const keyOf = (ctx: Ctx, scopes: string[]): WebhookCaller => ({ kind: "api_key", ctx: { ...ctx, actor: { type: "api_key", id: null } }, scopes, membershipRole: null });

let services = 0;

/** Registers a link to a made-up service name: one `link.verifying` event, no AWS call. */
export async function registerSomeLink(engine: Engine, ctx: Ctx) {
  services += 1;
  const serviceName = `com.amazonaws.vpce.us-east-1.vpce-svc-${services.toString(16).padStart(17, "0")}`;
  return registerLink({ engine, ctx, input: { name: `db-${services}`, serviceName, region: "us-east-1" } });
}
