import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { ssoOperations } from "@/lib/api/sso-operations";
import { adminListSsoDomains, adminVerifySsoDomain } from "@/lib/sso/domains";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(ssoOperations.adminListSsoDomains, ({ ctx, params }) => adminListSsoDomains({ ctx, input: { organizationId: params.id } })),
  POST: apiRoute(ssoOperations.adminVerifySsoDomain, ({ ctx, body, params }) => adminVerifySsoDomain({ ctx, input: { organizationId: params.id, ...body } })),
});
