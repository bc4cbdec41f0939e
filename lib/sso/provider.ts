import "server-only";
import { recordAudit } from "@/lib/audit";
import type { Ctx, VerbArgs } from "@/lib/context";
import type { OrganizationSso, SsoDomain } from "@/lib/db/generated/client";
import { appUrl, getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sealSecret } from "@/lib/secret-box";
import { authSecret, CLIENT_SECRET, requireOwner } from "./access";
import { toSsoDomainView } from "./domains";
import { checkIssuer } from "./issuer";
import { orgProviderId, ssoProviderViewSchema, ssoSettingsSchema, type SetSsoProviderInput, type SsoProviderView, type SsoSettings } from "./schemas";

// An organization's own OpenID Connect provider, managed by its owners (by session or by an owner's API key, as webhooks are).
// Every change is audited without the secret; the secret is sealed (secret-box.ts) and only whether one is set is answered.

export function redirectUriOf(organizationId: string): string {
  return `${appUrl()}/api/auth/callback/${orgProviderId(organizationId)}`;
}

function toProviderView(sso: OrganizationSso): SsoProviderView {
  return ssoProviderViewSchema.parse({
    providerId: orgProviderId(sso.organizationId),
    displayName: sso.displayName,
    issuer: sso.issuer,
    clientId: sso.clientId,
    hasClientSecret: sso.clientSecretEncrypted.length > 0,
    enabled: sso.enabled,
    requireSso: sso.requireSso,
    updatedAt: sso.updatedAt.toISOString(),
  });
}

function toSettings(organizationId: string, sso: OrganizationSso | null, domains: SsoDomain[]): SsoSettings {
  return ssoSettingsSchema.parse({
    provider: sso ? toProviderView(sso) : null,
    domains: domains.map(toSsoDomainView),
    redirectUri: redirectUriOf(organizationId),
  });
}

async function settingsOf(ctx: Ctx, organizationId: string): Promise<SsoSettings> {
  const { db } = ctx.engine;
  const [sso, domains] = await Promise.all([
    db.organizationSso.findUnique({ where: { organizationId } }),
    db.ssoDomain.findMany({ where: { organizationId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  ]);
  return toSettings(organizationId, sso, domains);
}

export async function getSsoSettings({ ctx }: { ctx: Ctx }): Promise<SsoSettings> {
  return settingsOf(ctx, requireOwner(ctx));
}

// The issuer is checked before the transaction: a slow provider holds no lock.
export async function setSsoProvider({ ctx, input }: VerbArgs<SetSsoProviderInput>): Promise<SsoSettings> {
  const organizationId = requireOwner(ctx);
  const env = getEnv();
  const existing = await ctx.engine.db.organizationSso.findUnique({ where: { organizationId } });
  if (!existing && !input.clientSecret) {
    throw new AppError("validation_failed", "Enter the client secret your provider gave the portal.", {
      invalidParams: [{ name: "clientSecret", reason: "Required when the provider is first set up" }],
    });
  }
  const issuer = existing && existing.issuer === input.issuer ? existing.issuer : await checkIssuer(input.issuer, env);
  const clientSecretEncrypted = input.clientSecret
    ? sealSecret(input.clientSecret, { purpose: CLIENT_SECRET, secret: authSecret() })
    : existing!.clientSecretEncrypted;
  const fields = { displayName: input.displayName, issuer, clientId: input.clientId, enabled: input.enabled, requireSso: input.requireSso };
  await ctx.engine.db.$transaction(async (tx) => {
    await tx.organizationSso.upsert({
      where: { organizationId },
      create: { organizationId, ...fields, clientSecretEncrypted },
      update: { ...fields, clientSecretEncrypted },
    });
    await recordAudit(tx, ctx, {
      organizationId,
      action: existing ? "sso.update" : "sso.create",
      target: { type: "organization", id: organizationId },
      metadata: { ...fields, clientSecretChanged: input.clientSecret !== undefined },
    });
  });
  return settingsOf(ctx, organizationId);
}

/** Its people's identities stay (Account rows); signing in through it stops, and a password works again for them. */
export async function deleteSsoProvider({ ctx }: { ctx: Ctx }): Promise<SsoSettings> {
  const organizationId = requireOwner(ctx);
  await ctx.engine.db.$transaction(async (tx) => {
    const removed = await tx.organizationSso.deleteMany({ where: { organizationId } });
    if (removed.count === 0) throw new AppError("not_found", "Your organization has no single sign-on provider.");
    await recordAudit(tx, ctx, { organizationId, action: "sso.delete", target: { type: "organization", id: organizationId } });
  });
  return settingsOf(ctx, organizationId);
}
