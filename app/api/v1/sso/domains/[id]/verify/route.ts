import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { ssoOperations } from "@/lib/api/sso-operations";
import { verifySsoDomain } from "@/lib/sso/domains";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(ssoOperations.verifySsoDomain, ({ ctx, params }) => verifySsoDomain({ ctx, input: { id: params.id } })),
});
