import { createApiKey, listApiKeys } from "@/lib/api/api-keys";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(operations.listApiKeys, ({ ctx, query }) => listApiKeys({ ctx, input: query })),
  POST: apiRoute(operations.createApiKey, ({ ctx, body }) => createApiKey({ ctx, input: body })),
});
