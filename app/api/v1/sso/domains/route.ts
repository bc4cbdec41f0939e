import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { ssoOperations } from "@/lib/api/sso-operations";
import { claimSsoDomain } from "@/lib/sso/domains";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(ssoOperations.claimSsoDomain, ({ ctx, body }) => claimSsoDomain({ ctx, input: body })),
});
