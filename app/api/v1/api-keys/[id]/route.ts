import { revokeApiKey } from "@/lib/api/api-keys";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  DELETE: apiRoute(operations.revokeApiKey, ({ ctx, params }) => revokeApiKey({ ctx, input: { keyId: params.id } })),
});
