import { auditFiltersSchema, auditPageSchema, auditQuerySchema } from "@/lib/audit-log/schemas";
import { z } from "zod";
import { adminMetricsSchema, METRICS_WINDOW_HOURS } from "@/lib/metrics/schemas";
import { listOrphansQuerySchema, orphanEndpointIdSchema, orphanPageSchema, orphanViewSchema } from "@/lib/links/orphan-schemas";
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
  adminListOrphans: defineOperation({
    operationId: "adminListOrphans",
    method: "GET",
    path: "/api/v1/admin/orphans",
    tag: "Admin",
    summary: "Endpoints of ours no live link claims, newest first",
    description:
      "Interface endpoints in our AWS account carrying our tags with no live link (a database restored from an older backup, an endpoint made by hand), found by the reconciler: each with its zones, age, estimated monthly cost and when the worker deletes it (ORPHAN_GRACE_SECONDS after it was first seen). One that a live link of its organization and service adopts, or that leaves AWS, leaves the list.",
    access: { scope: "read", by: ["admin"] },
    query: listOrphansQuerySchema,
    success: { status: 200, description: "A page of orphaned endpoints.", schema: orphanPageSchema },
  }),
  adminDeleteOrphan: defineOperation({
    operationId: "adminDeleteOrphan",
    method: "DELETE",
    path: "/api/v1/admin/orphans/{endpointId}",
    tag: "Admin",
    summary: "Delete an orphaned endpoint now",
    description:
      "Instead of at its `deleteAt`: the worker deletes the endpoint in AWS (unless a live link adopted it meanwhile) and it leaves the list. Audited as `orphan.delete`; the worker's deletion as `orphan.deleted`. Asking again changes nothing.",
    access: { scope: "write", by: ["admin"] },
    params: z.object({ endpointId: orphanEndpointIdSchema }),
    success: { status: 202, description: "The deletion is queued; the orphan as it is now (`deleteAt` now).", schema: orphanViewSchema },
  }),
};
