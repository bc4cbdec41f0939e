import { revokeApiKey } from "@/lib/api-keys/manage-api-keys";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { apiKeyOperations } from "@/lib/api/api-key-operations";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  DELETE: apiRoute(apiKeyOperations.revokeApiKey, ({ ctx, params }) => revokeApiKey({ ctx, input: { keyId: params.id } })),
});
