import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { ssoOperations } from "@/lib/api/sso-operations";
import { removeSsoDomain } from "@/lib/sso/domains";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  DELETE: apiRoute(ssoOperations.removeSsoDomain, ({ ctx, params }) => removeSsoDomain({ ctx, input: { id: params.id } })),
});
