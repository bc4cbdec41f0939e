import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { adminOperations } from "@/lib/api/admin-operations";
import { readMetricsHistory } from "@/lib/metrics/history";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(adminOperations.adminGetMetrics, ({ ctx }) => readMetricsHistory({ ctx, input: {} })),
});
