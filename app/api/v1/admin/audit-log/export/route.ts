import { adminOperations } from "@/lib/api/admin-operations";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { exportAuditLog } from "@/lib/audit-log/read-audit-log";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(adminOperations.adminExportAuditLog, async ({ ctx, query }) => ({
    fileName: `audit-log-${new Date().toISOString().slice(0, 10)}.csv`,
    contentType: "text/csv; charset=utf-8",
    body: exportAuditLog({ ctx, input: query }),
  })),
});
