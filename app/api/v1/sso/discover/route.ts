import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { ssoPublicOperations } from "@/lib/api/sso-operations";
import { discoverSso } from "@/lib/sso/sign-in";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(ssoPublicOperations.discoverSso, ({ ctx, body }) => discoverSso(ctx.engine.db, body.email)),
});
