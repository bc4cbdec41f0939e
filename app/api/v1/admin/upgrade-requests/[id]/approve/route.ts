import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { upgradeRequestOperations } from "@/lib/api/upgrade-request-operations";
import { approveUpgradeRequest } from "@/lib/upgrade-requests/upgrade-requests";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(upgradeRequestOperations.approveUpgradeRequest, ({ ctx, params, body }) => approveUpgradeRequest({ ctx, input: { id: params.id, ...body } })),
});
