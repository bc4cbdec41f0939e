import "server-only";
import { requireVendorAdmin, type VerbArgs } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import type { OrphanEndpoint } from "@/lib/db/generated/client";
import { collection, paginate, type Page } from "@/lib/pagination";
import { orphanViewSchema, type OrphanView } from "./orphan-schemas";

// AWS PrivateLink pricing, interface endpoints in us-east-1: $0.01 per VPC endpoint per Availability Zone per hour
// (https://aws.amazon.com/privatelink/pricing/, read 2026-12). Other regions cost about as much; data processing is extra
// and not counted: an orphan carries no traffic.
export const INTERFACE_ENDPOINT_USD_PER_AZ_HOUR = 0.01;
/** AWS bills a month as 730 hours in its examples. */
export const HOURS_PER_MONTH = 730;

const ORPHANS = collection("admin-orphans", "desc");

/** At least one zone: an endpoint whose zones we never learnt still bills for one. */
export function monthlyCostUsd(azCount: number): number {
  return Math.round(Math.max(azCount, 1) * INTERFACE_ENDPOINT_USD_PER_AZ_HOUR * HOURS_PER_MONTH * 100) / 100;
}

/** The open orphans, newest first. Settled ones stay in the table with how they ended; the audit log has their deletion. */
export async function listOrphans({ ctx, input }: VerbArgs<{ limit: number; cursor?: string }>): Promise<Page<OrphanView>> {
  requireVendorAdmin(ctx);
  const pages = paginate(ORPHANS, input);
  const rows = await ctx.engine.db.orphanEndpoint.findMany({ where: { AND: [{ settledAt: null }, pages.where] }, orderBy: pages.orderBy, take: pages.take });
  const now = new Date();
  const names = await organizationNames(ctx.engine.db, rows);
  return pages.page(rows, (row) => toOrphanView(row, now, names.get(row.organizationId ?? "") ?? null));
}

/** The names of the organizations the rows' tags name, by id (those that still exist). */
export async function organizationNames(db: Db, rows: Pick<OrphanEndpoint, "organizationId">[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((row) => (row.organizationId ? [row.organizationId] : [])))];
  const found = ids.length ? await db.organization.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  return new Map(found.map((org) => [org.id, org.name]));
}

export function toOrphanView(row: OrphanEndpoint, now: Date, organizationName: string | null): OrphanView {
  const view: OrphanView = {
    endpointId: row.endpointId,
    region: row.region,
    serviceName: row.serviceName,
    organizationId: row.organizationId,
    organizationName,
    linkId: row.linkId,
    azIds: row.azIds,
    awsCreatedAt: row.awsCreatedAt?.toISOString() ?? null,
    firstSeenAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    ageSeconds: Math.max(0, Math.floor((now.getTime() - (row.awsCreatedAt ?? row.createdAt).getTime()) / 1000)),
    deleteAt: row.deleteAt.toISOString(),
    graceRemainingSeconds: Math.max(0, Math.ceil((row.deleteAt.getTime() - now.getTime()) / 1000)),
    estimatedMonthlyCostUsd: monthlyCostUsd(row.azIds.length),
  };
  return orphanViewSchema.parse(view);
}
