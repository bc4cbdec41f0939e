import { z } from "zod";
import { apiKeyPageSchema, apiKeyViewSchema, createApiKeyInputSchema, createdApiKeySchema } from "@/lib/api-keys/schemas";
import { pageQuerySchema } from "@/lib/pagination";
import { defineOperation } from "./operation";
import { shownOnce } from "./shown-once";
import { idParam } from "./params";

/** API keys (app/api/v1/api-keys), managed signed in to the portal: lib/api-keys' verbs decide who may. */
export const apiKeyOperations = {
  createApiKey: defineOperation({
    operationId: "createApiKey",
    method: "POST",
    path: "/api/v1/api-keys",
    tag: "API keys",
    summary: "Create an API key (organization owners and vendor admins, signed in)",
    description: "The whole key is in this answer only; we store its hash. An owner creates a key of their organization; a vendor admin creates an admin key.",
    access: { scope: "write", by: ["owner", "admin"], sessionOnly: true },
    body: createApiKeyInputSchema,
    success: { status: 201, description: "The key, with its secret.", schema: shownOnce(createdApiKeySchema, "key").meta({ id: "CreatedApiKey" }) },
    secretField: "key",
  }),
  listApiKeys: defineOperation({
    operationId: "listApiKeys",
    method: "GET",
    path: "/api/v1/api-keys",
    tag: "API keys",
    summary: "Your organization's API keys, or a vendor admin's admin keys (without secrets)",
    access: { scope: "read", by: ["owner", "admin"], sessionOnly: true },
    query: pageQuerySchema(50),
    success: { status: 200, description: "A page of keys, newest first.", schema: apiKeyPageSchema },
  }),
  revokeApiKey: defineOperation({
    operationId: "revokeApiKey",
    method: "DELETE",
    path: "/api/v1/api-keys/{id}",
    tag: "API keys",
    summary: "Revoke an API key; it stops working at once",
    access: { scope: "write", by: ["owner", "admin"], sessionOnly: true },
    params: z.object({ id: idParam("API key", "The key's id.") }),
    success: { status: 200, description: "The key, revoked.", schema: apiKeyViewSchema },
  }),
};
