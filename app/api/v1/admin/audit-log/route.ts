import { adminOperations } from "@/lib/api/admin-operations";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { listAuditLog } from "@/lib/audit-log/read-audit-log";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(adminOperations.adminListAuditLog, ({ ctx, query }) => listAuditLog({ ctx, input: query })),
});
