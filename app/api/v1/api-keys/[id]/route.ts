import { revokeApiKey } from "@/lib/api/api-keys";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { getDb } from "@/lib/db/client";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  DELETE: apiRoute(operations.revokeApiKey, ({ ctx, principal, params }) => revokeApiKey({ db: getDb(), ctx, role: principal.membershipRole, keyId: params.id })),
});
