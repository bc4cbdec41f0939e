import { z } from "zod";
import { API_SCOPES } from "@/lib/context";

export const apiScopeSchema = z.enum(API_SCOPES).meta({ id: "ApiScope" });

export const createApiKeyInputSchema = z
  .object({
    name: z.string({ error: "Name the key" }).trim().min(1, "Name the key").max(100, "Use at most 100 characters"),
    scopes: z
      .array(apiScopeSchema, { error: "Choose scopes: read, write" })
      .min(1, "Choose at least one scope")
      .max(2, "read and write are the only scopes")
      .refine((scopes) => new Set(scopes).size === scopes.length, "List each scope once"),
  })
  .meta({ id: "CreateApiKeyInput" });
export type CreateApiKeyInput = z.infer<typeof createApiKeyInputSchema>;

export const apiKeyViewSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().describe("The visible part of the key: plk_<prefix>_..."),
    scopes: z.array(apiScopeSchema),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable().describe("Recorded to the minute."),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "ApiKey" });
export type ApiKeyView = z.infer<typeof apiKeyViewSchema>;

/** Named (CreatedApiKey) where the API answers it: lib/api/api-key-operations.ts. */
export const createdApiKeySchema = apiKeyViewSchema.extend({ key: z.string().describe("The whole key. Shown only in this answer; store it now.") });
export const apiKeyPageSchema = z.object({ data: z.array(apiKeyViewSchema), nextCursor: z.string().nullable() }).meta({ id: "ApiKeyPage" });
