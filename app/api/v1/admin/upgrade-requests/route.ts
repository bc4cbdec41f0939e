import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { upgradeRequestOperations } from "@/lib/api/upgrade-request-operations";
import { listUpgradeRequestsForAdmin } from "@/lib/upgrade-requests/upgrade-requests";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(upgradeRequestOperations.adminListUpgradeRequests, ({ ctx, query }) => listUpgradeRequestsForAdmin({ ctx, input: query })),
});
