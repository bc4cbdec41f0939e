import { createApiKey, listApiKeys } from "@/lib/api-keys/manage-api-keys";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { apiKeyOperations } from "@/lib/api/api-key-operations";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(apiKeyOperations.listApiKeys, ({ ctx, query }) => listApiKeys({ ctx, input: query })),
  POST: apiRoute(apiKeyOperations.createApiKey, ({ ctx, body }) => createApiKey({ ctx, input: body })),
});
