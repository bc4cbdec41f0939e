import { createApiKey, listApiKeys } from "@/lib/api/api-keys";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { getDb } from "@/lib/db/client";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(operations.listApiKeys, ({ ctx, principal, query }) => listApiKeys({ db: getDb(), ctx, role: principal.membershipRole, query })),
  POST: apiRoute(operations.createApiKey, ({ ctx, principal, body }) => createApiKey({ db: getDb(), ctx, role: principal.membershipRole, input: body })),
});
