import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { ssoPublicOperations } from "@/lib/api/sso-operations";
import { requestClientAddress } from "@/lib/auth/client-address";
import { admitSsoDiscovery } from "@/lib/auth/sign-in";
import { discoverSso } from "@/lib/sso/sign-in";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(ssoPublicOperations.discoverSso, async ({ ctx, body, request }) => {
    await admitSsoDiscovery(ctx.engine.db, requestClientAddress(request));
    return discoverSso(ctx.engine.db, body.email);
  }),
});
