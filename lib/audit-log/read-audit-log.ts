import "server-only";
import { requireVendorAdmin, type VerbArgs } from "@/lib/context";
import type { AuditLog, Prisma } from "@/lib/db/generated/client";
import { likeLiteral } from "@/lib/db/like";
import { collection, paginate, type Page } from "@/lib/pagination";
import { actorLabelOf, changesOf, summaryOf } from "./describe";
import type { AuditEntryView, AuditFilters, AuditQuery } from "./schemas";

const AUDIT = collection("audit-log", "desc");
const EXPORT_BATCH = 1000;

export async function listAuditLog({ ctx, input }: VerbArgs<AuditQuery>): Promise<Page<AuditEntryView>> {
  requireVendorAdmin(ctx);
  const { limit, cursor, ...filters } = input;
  const pages = paginate(AUDIT, { limit, cursor }, filters);
  const rows = await ctx.engine.db.auditLog.findMany({ where: { AND: [whereOf(filters), pages.where] }, orderBy: pages.orderBy, take: pages.take });
  return pages.page(rows, toAuditEntryView);
}

/**
 * The same rows as CSV, streamed: read a thousand at a time as the client takes them, so an
 * export of any size holds one batch in memory. Filters as for the list.
 */
export function exportAuditLog({ ctx, input }: VerbArgs<AuditFilters>): ReadableStream<Uint8Array> {
  requireVendorAdmin(ctx);
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let isHeaderSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!isHeaderSent) {
        isHeaderSent = true;
        controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(",")}\r\n`));
        return;
      }
      const page = await listAuditLog({ ctx, input: { ...input, limit: EXPORT_BATCH, cursor } });
      if (page.data.length > 0) controller.enqueue(encoder.encode(page.data.map((row) => csvLine(row)).join("")));
      if (!page.nextCursor) return controller.close();
      cursor = page.nextCursor;
    },
  });
}

export function toAuditEntryView(row: AuditLog): AuditEntryView {
  const metadata = row.metadata && typeof row.metadata === "object" && !Array.isArray(row.metadata) ? (row.metadata as Record<string, unknown>) : {};
  const target = { type: row.targetType, id: row.targetId, name: row.targetName };
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    actor: { type: row.actorType, id: row.actorId, name: row.actorName, email: row.actorEmail },
    organizationId: row.organizationId,
    organization: organizationOf(row),
    action: row.action,
    target,
    summary: summaryOf({ action: row.action, target, metadata }),
    ...changesOf(metadata),
    metadata,
    requestId: row.requestId,
  };
}

/** A deleted organization keeps its name here (its id is gone); rows from before names were kept show the id alone. */
function organizationOf(row: AuditLog): AuditEntryView["organization"] {
  if (row.organizationName) return { id: row.organizationId, name: row.organizationName };
  return row.organizationId ? { id: row.organizationId, name: row.organizationId.slice(0, 8) } : null;
}

function whereOf(filters: AuditFilters): Prisma.AuditLogWhereInput {
  const { actorType, actorId, organizationId, action, from, to } = filters;
  return {
    actorType,
    actorId,
    organizationId,
    ...(action ? { action: action.endsWith(".") ? { startsWith: likeLiteral(action) } : action } : {}),
    ...(from || to ? { createdAt: { ...(from ? { gte: new Date(from) } : {}), ...(to ? { lt: new Date(to) } : {}) } } : {}),
  };
}

/** The admin page's columns, then the ids a script would join on. */
export const CSV_COLUMNS = [
  "created_at",
  "actor",
  "actor_email",
  "organization",
  "summary",
  "changes",
  "details",
  "actor_type",
  "actor_id",
  "organization_id",
  "action",
  "target_type",
  "target_id",
  "request_id",
];

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with a quote. */
export function csvLine(row: AuditEntryView): string {
  const cells = [
    row.createdAt,
    actorLabelOf(row.actor),
    row.actor.email,
    row.organization?.name,
    row.summary,
    row.changes.map((c) => `${c.field}: ${c.before} → ${c.after}`).join("; "),
    row.details.map((d) => `${d.field}: ${d.value}`).join("; "),
    row.actor.type,
    row.actor.id,
    row.organizationId,
    row.action,
    row.target.type,
    row.target.id,
    row.requestId,
  ];
  return `${cells.map((cell) => csvCell(cell ?? "")).join(",")}\r\n`;
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
