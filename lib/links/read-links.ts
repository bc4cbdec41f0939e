import "server-only";
import { keysetPage, toPage, type Page } from "@/lib/db/keyset";
import type { Ctx } from "./context";
import { organizationOf } from "./context";
import type { Engine } from "./engine";
import { findLinkFor } from "./persist";
import { principalFor } from "./principal";
import { suggestedAzIds } from "./schemas";
import type { LinkState } from "./state-machine";
import { toLinkEventView, toLinkView, type LinkEventView, type LinkView } from "./views";

export type ListLinksQuery = { limit: number; cursor?: string; state?: LinkState; region?: string; organizationId?: string };

/** Links the ctx may see, newest first: its organization's; for admins every organization's (or one, by id). */
export async function listLinks({ engine, ctx, query }: { engine: Pick<Engine, "db">; ctx: Ctx; query: ListLinksQuery }): Promise<Page<LinkView>> {
  const organizationId = ctx.isAdmin && !ctx.organizationId ? query.organizationId : organizationOf(ctx);
  const { where, ...page } = keysetPage(query.cursor, query.limit, "desc");
  const rows = await engine.db.link.findMany({
    where: {
      ...(organizationId ? { organizationId } : {}),
      ...(query.state ? { state: query.state } : {}),
      ...(query.region ? { region: query.region } : {}),
      ...where,
    },
    ...page,
  });
  return toPage(rows, query.limit, toLinkView);
}

export async function getLink({ engine, ctx, linkId }: { engine: Pick<Engine, "db">; ctx: Ctx; linkId: string }): Promise<LinkView> {
  return toLinkView(await findLinkFor(engine.db, ctx, linkId));
}

/** A link's timeline, oldest first. */
export async function listLinkEvents({ engine, ctx, linkId, query }: { engine: Pick<Engine, "db">; ctx: Ctx; linkId: string; query: { limit: number; cursor?: string } }): Promise<Page<LinkEventView>> {
  const link = await findLinkFor(engine.db, ctx, linkId);
  const { where, ...page } = keysetPage(query.cursor, query.limit, "asc", "sequence");
  const events = await engine.db.linkEvent.findMany({ where: { linkId: link.id, ...where }, ...page });
  return toPage(events, query.limit, toLinkEventView);
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
