import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { unsubscribeOperations } from "@/lib/api/notification-operations";
import { route } from "@/lib/api/route";
import { unsubscribe } from "@/lib/notifications/unsubscribe";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods<{ token: string }>({
  POST: apiRoute(unsubscribeOperations.unsubscribe, ({ ctx, params }) => unsubscribe({ ctx, input: { token: params.token } })),
  // A mail client without one-click support opens the List-Unsubscribe URL: the page that asks first.
  GET: route<{ token: string }>(async ({ url }) => Response.redirect(new URL(url.pathname.replace(/^\/api\/v1/, ""), url), 303)),
});
