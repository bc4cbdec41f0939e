import "server-only";
import { recordAudit } from "@/lib/audit";
import { isVendorAdmin, organizationOf, type Ctx, type VerbArgs } from "@/lib/context";
import type { ApiKey } from "@/lib/db/generated/client";
import { collection, paginate, type PageQuery } from "@/lib/pagination";
import { AppError } from "@/lib/errors";
import { generateApiKey } from "./keys";
import { apiKeyViewSchema, type ApiKeyView, type CreateApiKeyInput } from "./schemas";

// Managed by people signed in: an organization's owners manage its keys, vendor admins the admin keys. A key cannot manage
// keys: a leaked key must not be able to mint more.

const API_KEYS = collection("api-keys", "desc");

/** organizationId null: the vendor's admin keys. */
function requireKeyManager(ctx: Ctx): { organizationId: string | null } {
  if (ctx.actor.type === "api_key") throw new AppError("forbidden", "API keys are managed signed in to the portal, not with an API key.");
  if (isVendorAdmin(ctx)) return { organizationId: null };
  const organizationId = organizationOf(ctx);
  if (ctx.role !== "owner") throw new AppError("forbidden", "Only an owner of the organization manages its API keys.");
  return { organizationId };
}

export function toApiKeyView(key: ApiKey): ApiKeyView {
  return apiKeyViewSchema.parse({
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  });
}

export async function createApiKey({ ctx, input }: VerbArgs<CreateApiKeyInput>) {
  const { organizationId } = requireKeyManager(ctx);
  const generated = generateApiKey();
  const key = await ctx.engine.db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        organizationId,
        isAdmin: organizationId === null,
        name: input.name,
        prefix: generated.prefix,
        secretHash: generated.secretHash,
        scopes: input.scopes,
        createdById: ctx.actor.id,
      },
    });
    await recordAudit(tx, ctx, {
      organizationId,
      action: "api_key.create",
      target: { type: "api_key", id: created.id },
      metadata: { prefix: created.prefix, scopes: input.scopes },
    });
    return created;
  });
  return { ...toApiKeyView(key), key: generated.key };
}

export async function listApiKeys({ ctx, input: query }: VerbArgs<PageQuery>) {
  const { organizationId } = requireKeyManager(ctx);
  const filters = { organizationId, isAdmin: organizationId === null };
  const pages = paginate(API_KEYS, query, filters);
  const keys = await ctx.engine.db.apiKey.findMany({ where: { ...filters, ...pages.where }, orderBy: pages.orderBy, take: pages.take });
  return pages.page(keys, toApiKeyView);
}

/** At once: the next request with the key is a 401. Revoking twice changes nothing. */
export async function revokeApiKey({ ctx, input: { keyId } }: VerbArgs<{ keyId: string }>) {
  const { organizationId } = requireKeyManager(ctx);
  return ctx.engine.db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: keyId, organizationId, isAdmin: organizationId === null } });
    if (!key) throw new AppError("not_found", `No API key ${keyId}.`);
    // Guarded, so of two concurrent revocations only one records it.
    const { count } = await tx.apiKey.updateMany({ where: { id: key.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count > 0)
      await recordAudit(tx, ctx, { organizationId, action: "api_key.revoke", target: { type: "api_key", id: key.id }, metadata: { prefix: key.prefix } });
    return toApiKeyView(await tx.apiKey.findUniqueOrThrow({ where: { id: key.id } }));
  });
}
