import { auditFiltersSchema, auditPageSchema, auditQuerySchema } from "@/lib/audit-log/schemas";
import { defineOperation, fileAnswerSchema } from "./operation";

/** The vendor admin's audit log: read page by page, or exported whole as CSV. */
export const auditOperations = {
  adminListAuditLog: defineOperation({
    operationId: "adminListAuditLog",
    method: "GET",
    path: "/api/v1/admin/audit-log",
    tag: "Admin",
    summary: "The audit log, newest first",
    description: "Every customer, admin, API key and system action; filter by actor, organization, action (or a prefix such as `link.`) and time.",
    access: { scope: "read", admin: true },
    query: auditQuerySchema,
    success: { status: 200, description: "A page of audit entries.", schema: auditPageSchema },
  }),
  adminExportAuditLog: defineOperation({
    operationId: "adminExportAuditLog",
    method: "GET",
    path: "/api/v1/admin/audit-log/export",
    tag: "Admin",
    summary: "The audit log as CSV, streamed",
    description: "The same filters as the list; every matching entry, newest first, streamed as it is read (any size).",
    access: { scope: "read", admin: true },
    query: auditFiltersSchema,
    success: {
      status: 200,
      description: "The entries as CSV.",
      schema: fileAnswerSchema,
      files: [{ mediaType: "text/csv", description: "one entry per line, with a header" }],
    },
  }),
};
