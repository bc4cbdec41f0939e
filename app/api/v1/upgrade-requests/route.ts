import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { upgradeRequestOperations } from "@/lib/api/upgrade-request-operations";
import { listUpgradeRequests, requestUpgrade } from "@/lib/upgrade-requests/upgrade-requests";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(upgradeRequestOperations.listUpgradeRequests, ({ ctx, query }) => listUpgradeRequests({ ctx, input: query })),
  POST: apiRoute(upgradeRequestOperations.createUpgradeRequest, ({ ctx, body }) => requestUpgrade({ ctx, input: body })),
});
