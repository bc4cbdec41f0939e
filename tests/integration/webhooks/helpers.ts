import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ApiScope, Ctx } from "@/lib/context";
import type { Engine } from "@/lib/engine";
import { registerLink } from "@/lib/links/register-link";
import type { WebhookSettings } from "@/lib/webhooks/settings";

export const ownerOf = (ctx: Ctx): Ctx => ({ ...ctx, role: "owner" });
export const memberOf = (ctx: Ctx): Ctx => ({ ...ctx, role: "member" });
/** The organization's API key with these scopes (it acts as the organization's owner would). */
export const keyOf = (ctx: Ctx, scopes: ApiScope[]): Ctx => ({ ...ctx, actor: { type: "api_key", id: randomUUID() }, role: "owner", scopes });

/** The ctx with the webhook settings narrowed (a fake resolver, production's SSRF rules...). */
export const withWebhookSettings = (ctx: Ctx, webhooks: Partial<WebhookSettings>): Ctx => ({
  ...ctx,
  engine: { ...ctx.engine, overrides: { ...ctx.engine.overrides, webhooks } },
});

let services = 0;

/** Registers a link to a made-up service name: one `link.verifying` event, no AWS call. */
export async function registerSomeLink(engine: Engine, ctx: Ctx) {
  services += 1;
  const serviceName = `com.amazonaws.vpce.us-east-1.vpce-svc-${services.toString(16).padStart(17, "0")}`;
  return registerLink({ ctx: { ...ctx, engine }, input: { name: `db-${services}`, serviceName, region: "us-east-1" } });
}

/** A self-signed certificate for `host`, made with openssl in `dir` (key.pem, cert.pem). */
export function selfSignedCertificate(dir: string, host: string): { key: Buffer; cert: Buffer } {
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  const subject = ["-subj", `/CN=${host}`, "-addext", `subjectAltName=DNS:${host}`];
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", ...subject], { stdio: "ignore" });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}
