import { auditFiltersSchema, auditPageSchema, auditQuerySchema } from "@/lib/audit-log/schemas";
import { adminMetricsSchema, METRICS_WINDOW_HOURS } from "@/lib/metrics/schemas";
import { defineOperation, fileAnswerSchema } from "./operation";

/** The vendor admin's audit log (read page by page, or exported whole as CSV) and the console's charts. */
export const adminOperations = {
  adminListAuditLog: defineOperation({
    operationId: "adminListAuditLog",
    method: "GET",
    path: "/api/v1/admin/audit-log",
    tag: "Admin",
    summary: "The audit log, newest first",
    description: "Every customer, admin, API key and system action; filter by actor, organization, action (or a prefix such as `link.`) and time.",
    access: { scope: "read", by: ["admin"] },
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
    access: { scope: "read", by: ["admin"] },
    query: auditFiltersSchema,
    success: {
      status: 200,
      description: "The entries as CSV.",
      schema: fileAnswerSchema,
      files: [{ mediaType: "text/csv", description: "one entry per line, with a header" }],
    },
  }),
  adminGetMetrics: defineOperation({
    operationId: "adminGetMetrics",
    method: "GET",
    path: "/api/v1/admin/metrics",
    tag: "Admin",
    summary: `The fleet by hour over the last ${METRICS_WINDOW_HOURS} hours: the console's charts`,
    description:
      "Links by state and region now; per hour, register-to-available time percentiles, failures, and the job queues as workers sampled them every five minutes. For Prometheus, scrape /api/metrics instead.",
    access: { scope: "read", by: ["admin"] },
    success: { status: 200, description: "The figures.", schema: adminMetricsSchema },
  }),
};
