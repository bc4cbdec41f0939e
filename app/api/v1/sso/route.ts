import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { ssoOperations } from "@/lib/api/sso-operations";
import { deleteSsoProvider, getSsoSettings, setSsoProvider } from "@/lib/sso/provider";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(ssoOperations.getSsoSettings, ({ ctx }) => getSsoSettings({ ctx })),
  PATCH: apiRoute(ssoOperations.setSsoProvider, ({ ctx, body }) => setSsoProvider({ ctx, input: body })),
  DELETE: apiRoute(ssoOperations.deleteSsoProvider, ({ ctx }) => deleteSsoProvider({ ctx })),
});
