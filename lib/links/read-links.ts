import "server-only";
import { AppError } from "@/lib/errors";
import type { Ctx } from "./context";
import { organizationOf } from "./context";
import type { Engine } from "./engine";
import { findLinkFor } from "./persist";
import { principalFor } from "./principal";
import { suggestedAzIds } from "./schemas";
import type { LinkState } from "./state-machine";
import { toLinkEventView, toLinkView, type LinkEventView, type LinkView } from "./views";

/**
 * Keyset pagination over (createdAt, id) descending: the cursor is the last row's position, so
 * links added meanwhile never cause duplicates or gaps.
 */
export type Page<T> = { data: T[]; nextCursor: string | null };

function encodeCursor(link: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([link.createdAt.toISOString(), link.id])).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 9999 || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error("bad cursor");
    return { createdAt: date, id };
  } catch {
    throw new AppError("validation_failed", "The cursor is not one we gave out.", { invalidParams: [{ name: "cursor", reason: "Use nextCursor from a previous page" }] });
  }
}

export type ListLinksQuery = { limit: number; cursor?: string; state?: LinkState; region?: string; organizationId?: string };

/** Links the ctx may see: its organization's; for admins every organization's (or one, by id). */
export async function listLinks({ engine, ctx, query }: { engine: Pick<Engine, "db">; ctx: Ctx; query: ListLinksQuery }): Promise<Page<LinkView>> {
  const organizationId = ctx.isAdmin && !ctx.organizationId ? query.organizationId : organizationOf(ctx);
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await engine.db.link.findMany({
    where: {
      ...(organizationId ? { organizationId } : {}),
      ...(query.state ? { state: query.state } : {}),
      ...(query.region ? { region: query.region } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { data: page.map(toLinkView), nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!) : null };
}

export async function getLink({ engine, ctx, linkId }: { engine: Pick<Engine, "db">; ctx: Ctx; linkId: string }): Promise<LinkView> {
  return toLinkView(await findLinkFor(engine.db, ctx, linkId));
}

export async function listLinkEvents({ engine, ctx, linkId }: { engine: Pick<Engine, "db">; ctx: Ctx; linkId: string }): Promise<LinkEventView[]> {
  const link = await findLinkFor(engine.db, ctx, linkId);
  const events = await engine.db.linkEvent.findMany({ where: { linkId: link.id }, orderBy: { id: "asc" }, take: 1000 });
  return events.map(toLinkEventView);
}

export type Connectivity = {
  principalArn: string;
  principalMode: "per_organization" | "shared";
  regions: { region: string; availabilityZoneIds: string[]; cidrs: string[]; ports: number[]; crossRegionFrom: string[] }[];
};

/**
 * What a customer needs before setup: the principal to allowlist (created on first need) and, per
 * offered region, our AZ IDs (less the ones we exclude), the CIDRs to allow and the ports. `crossRegionFrom`: our regions that
 * can reach a service in this region.
 */
export async function getConnectivity({ engine, ctx }: { engine: Engine; ctx: Ctx }): Promise<Connectivity> {
  const org = await engine.db.organization.findUniqueOrThrow({ where: { id: organizationOf(ctx) } });
  const [principal, regions] = await Promise.all([principalFor(engine, org), engine.db.vendorRegion.findMany({ where: { isOffered: true }, orderBy: { region: "asc" } })]);
  return {
    principalArn: principal.arn,
    principalMode: engine.principals.mode,
    regions: regions.map((r) => ({
      region: r.region,
      availabilityZoneIds: suggestedAzIds(r),
      cidrs: r.cidrs,
      ports: r.ports,
      crossRegionFrom: regions.filter((other) => other.crossRegionTo.includes(r.region)).map((other) => other.region),
    })),
  };
}
