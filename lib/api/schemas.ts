import { z } from "zod";
import { pageQuerySchema } from "@/lib/page-query";
import { linkStateSchema, REGION_PATTERN } from "@/lib/links/schemas";
import { linkEventViewSchema, linkViewSchema } from "@/lib/links/views";
import { API_SCOPES } from "@/lib/context";

/** Request and response shapes of /api/v1 that are not the domain's own; also documented in OpenAPI. */

export const listLinksQuerySchema = pageQuerySchema(25).extend({
  state: linkStateSchema.optional().describe("Only links in this state."),
  region: z.string().regex(REGION_PATTERN, "Expected an AWS region such as us-east-1").optional().describe("Only links in this region of ours."),
  q: z
    .string()
    .trim()
    .min(1, "Search for at least one character")
    .max(200, "Use at most 200 characters")
    .optional()
    .describe("Only links whose name, service name or endpoint id contains this, in any case."),
});
export type ListLinksQueryInput = z.infer<typeof listLinksQuerySchema>;

export const linkPageSchema = z.object({ data: z.array(linkViewSchema), nextCursor: z.string().nullable() });
export const linkEventPageSchema = z.object({ data: z.array(linkEventViewSchema), nextCursor: z.string().nullable() });

export const connectivitySchema = z.object({
  principalArn: z.string().describe("Allowlist this principal on your endpoint service."),
  principalMode: z.enum(["per_organization", "shared"]),
  regions: z.array(
    z.object({
      region: z.string(),
      availabilityZoneIds: z.array(z.string()),
      cidrs: z.array(z.string()),
      ports: z.array(z.number().int()),
      crossRegionFrom: z.array(z.string()),
    }),
  ),
});

export const apiScopeSchema = z.enum(API_SCOPES);

export const createApiKeyInputSchema = z.object({
  name: z.string({ error: "Name the key" }).trim().min(1, "Name the key").max(100, "Use at most 100 characters"),
  scopes: z
    .array(apiScopeSchema, { error: "Choose scopes: read, write" })
    .min(1, "Choose at least one scope")
    .max(2, "read and write are the only scopes")
    .refine((scopes) => new Set(scopes).size === scopes.length, "List each scope once"),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInputSchema>;

export const apiKeyViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe("The visible part of the key: plk_<prefix>_..."),
  scopes: z.array(apiScopeSchema),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable().describe("Recorded to the minute."),
  revokedAt: z.iso.datetime().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyViewSchema>;

export const createdApiKeySchema = apiKeyViewSchema.extend({ key: z.string().describe("The whole key. Shown only in this answer; store it now.") });
export const apiKeyPageSchema = z.object({ data: z.array(apiKeyViewSchema), nextCursor: z.string().nullable() });

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string(),
  code: z.string(),
  requestId: z.string(),
  invalidParams: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
});

export const emptyBodySchema = z.object({}).describe("No fields; the body may be omitted.");
