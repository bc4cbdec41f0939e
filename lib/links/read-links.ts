import "server-only";
import { isVendorAdmin, organizationOf, type Ctx, type VerbArgs } from "@/lib/context";
import { principalArnOf } from "@/lib/orgs/principal";
import { collection, paginate, type Page } from "@/lib/pagination";
import { suggestedAzIds } from "./columns";
import { findLinkFor } from "./persist";
import type { LinkState } from "./state-machine";
import { watchLink } from "./watch-link";
import { toLinkEventView, toLinkView, type LinkEventView, type LinkView } from "./views";

export type ListLinksQuery = { limit: number; cursor?: string; state?: LinkState; region?: string; q?: string; organizationId?: string };

const LINKS = collection("links", "desc");
const LINK_EVENTS = collection("link-events", "asc", "sequence");

/** Links the ctx may see, newest first: its organization's; for admins every organization's (or one, by id). */
export async function listLinks({ ctx, input: query }: VerbArgs<ListLinksQuery>): Promise<Page<LinkView>> {
  const organizationId = isVendorAdmin(ctx) ? query.organizationId : organizationOf(ctx);
  const filters = { organizationId, state: query.state, region: query.region };
  const pages = paginate(LINKS, query, { ...filters, q: query.q });
  const search = query.q
    ? { AND: [{ OR: (["name", "serviceName", "endpointId"] as const).map((field) => ({ [field]: { contains: query.q, mode: "insensitive" as const } })) }] }
    : {};
  const rows = await ctx.engine.db.link.findMany({ where: { ...filters, ...search, ...pages.where }, orderBy: pages.orderBy, take: pages.take });
  return pages.page(rows, (link) => toLinkView(link, ctx));
}

/** One link; a person reading it has it checked against AWS often while they look (watchLink). */
export async function getLink({ ctx, input }: VerbArgs<{ linkId: string }>): Promise<LinkView> {
  const link = await findLinkFor(ctx.engine.db, ctx, input.linkId);
  await watchLink(ctx, link.id);
  return toLinkView(link, ctx);
}

/** A link's timeline, oldest first. */
export async function listLinkEvents({ ctx, input }: VerbArgs<{ linkId: string; limit: number; cursor?: string }>): Promise<Page<LinkEventView>> {
  const link = await findLinkFor(ctx.engine.db, ctx, input.linkId);
  const pages = paginate(LINK_EVENTS, input, { linkId: link.id });
  const events = await ctx.engine.db.linkEvent.findMany({ where: { linkId: link.id, ...pages.where }, orderBy: pages.orderBy, take: pages.take });
  return pages.page(events, toLinkEventView);
}

export type Connectivity = {
  principalArn: string;
  principalMode: "per_organization" | "shared";
  regions: { region: string; availabilityZoneIds: string[]; cidrs: string[]; ports: number[]; crossRegionFrom: string[] }[];
};

/**
 * What a customer needs before setup: the principal to allowlist (read, never made here: the
 * organization's setup job and verification make it) and, per offered region, our AZ IDs (less the
 * ones we exclude), the CIDRs to allow and the ports. `crossRegionFrom`: our regions that can reach
 * a service in this region.
 */
export async function getConnectivity({ ctx }: { ctx: Ctx }): Promise<Connectivity> {
  const { engine } = ctx;
  const org = await engine.db.organization.findUniqueOrThrow({ where: { id: organizationOf(ctx) } });
  const [principalArn, regions] = await Promise.all([
    principalArnOf(engine, org),
    engine.db.vendorRegion.findMany({ where: { isOffered: true }, orderBy: { region: "asc" } }),
  ]);
  return {
    principalArn,
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
