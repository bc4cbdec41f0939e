import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { upgradeRequestOperations } from "@/lib/api/upgrade-request-operations";
import { getPlanSummary } from "@/lib/upgrade-requests/plan-summary";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(upgradeRequestOperations.getPlanSummary, ({ ctx }) => getPlanSummary({ ctx })),
});
