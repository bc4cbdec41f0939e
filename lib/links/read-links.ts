import "server-only";
import { isVendorAdmin, organizationOf, type Ctx, type VerbArgs } from "@/lib/context";
import { Prisma } from "@/lib/db/generated/client";
import { likeLiteral } from "@/lib/db/like";
import { jsonRows, keysetSql, organizationIs, runScopedRead, type ScopedRead } from "@/lib/db/scoped-read";
import { AppError } from "@/lib/errors";
import { principalArnForSetup } from "@/lib/orgs/principal";
import { collection, keysetOf, paginate, type Page } from "@/lib/pagination";
import { suggestedAzIds } from "./columns";
import { findLinkFor } from "./persist";
import type { LinkKind } from "./schemas";
import type { LinkState } from "./state-machine";
import { LINK_VIEW_COLUMNS, linkViewRowOfJson, toLinkEventView, toLinkView, type Connectivity, type LinkEventView, type LinkView } from "./views";

export type ListLinksQuery = {
  limit: number;
  cursor?: string;
  state?: LinkState;
  region?: string;
  kind?: LinkKind;
  q?: string;
  includeDeleted?: "true" | "false";
  organizationId?: string;
};

const LINKS = collection("links", "desc");
const LINK_EVENTS = collection("link-events", "asc", "sequence");
const VIEW_COLUMNS = Prisma.raw(LINK_VIEW_COLUMNS.map((column) => `"${column}"`).join(", "));
const ANY = Prisma.sql`TRUE`;

/** Admins see every organization's links (or one's, by id). */
export function linksPageRead(query: ListLinksQuery): ScopedRead<Page<LinkView>, Ctx> {
  const keyset = keysetSql(keysetOf(LINKS, query));
  // The text anywhere, in any case; its % and _ are text.
  const pattern = query.q === undefined ? null : `%${likeLiteral(query.q)}%`;
  // Deleted links are history: out of the list unless asked for, by the flag or by naming their state.
  const withDeleted = query.includeDeleted === "true";
  return {
    scope: (ctx) => (isVendorAdmin(ctx) ? (query.organizationId ?? null) : organizationOf(ctx)),
    sql: (organizationId) =>
      jsonRows(
        Prisma.sql`SELECT ${VIEW_COLUMNS} FROM "Link"
          WHERE ${organizationIs(organizationId)}
            AND ${query.state ? Prisma.sql`"state" = ${query.state}::"LinkState"` : withDeleted ? ANY : Prisma.sql`"state" <> 'deleted'::"LinkState"`}
            AND ${query.region ? Prisma.sql`"region" = ${query.region}` : ANY}
            AND ${query.kind ? Prisma.sql`"kind" = ${query.kind}::"LinkKind"` : ANY}
            AND ${pattern ? Prisma.sql`("name" ILIKE ${pattern} OR "serviceName" ILIKE ${pattern} OR "endpointId" ILIKE ${pattern})` : ANY}
            AND ${keyset.after}
          ORDER BY ${keyset.orderBy} LIMIT ${keyset.take}`,
        keyset.orderBy,
      ),
    answer: (rows, ctx) => {
      const filters = {
        organizationId: isVendorAdmin(ctx) ? query.organizationId : organizationOf(ctx),
        state: query.state,
        region: query.region,
        kind: query.kind,
      };
      // Checks the cursor against this list (its filters), as paginate() does before a Prisma read.
      const pages = paginate(LINKS, query, { ...filters, q: query.q, withDeleted });
      return pages.page(rows.map(linkViewRowOfJson), (link) => toLinkView(link, ctx));
    },
  };
}

export async function listLinks({ ctx, input }: VerbArgs<ListLinksQuery>): Promise<Page<LinkView>> {
  return runScopedRead(ctx.engine.db, linksPageRead(input), ctx);
}

export function linkRead(linkId: string): ScopedRead<LinkView, Ctx> {
  return {
    scope: (ctx) => (isVendorAdmin(ctx) ? null : organizationOf(ctx)),
    sql: (organizationId) => jsonRows(Prisma.sql`SELECT ${VIEW_COLUMNS} FROM "Link" WHERE "id" = ${linkId}::uuid AND ${organizationIs(organizationId)}`),
    answer: ([row], ctx) => {
      if (!row) throw new AppError("not_found", `No link ${linkId}.`);
      return toLinkView(linkViewRowOfJson(row), ctx);
    },
  };
}

export async function getLink({ ctx, input }: VerbArgs<{ linkId: string }>): Promise<LinkView> {
  return runScopedRead(ctx.engine.db, linkRead(input.linkId), ctx);
}

export async function listLinkEvents({ ctx, input }: VerbArgs<{ linkId: string; limit: number; cursor?: string }>): Promise<Page<LinkEventView>> {
  const link = await findLinkFor(ctx.engine.db, ctx, input.linkId);
  const pages = paginate(LINK_EVENTS, input, { linkId: link.id });
  const events = await ctx.engine.db.linkEvent.findMany({ where: { linkId: link.id, ...pages.where }, orderBy: pages.orderBy, take: pages.take });
  return pages.page(events, toLinkEventView);
}

// The principal is read, never made here: until the organization's role exists, this view (its Setup page) queues the job that
// makes it. `crossRegionFrom`: our regions that can reach a service in this region, none when the plan has no cross-region links.
export async function getConnectivity({ ctx }: { ctx: Ctx }): Promise<Connectivity> {
  const { engine } = ctx;
  const org = await engine.db.organization.findUniqueOrThrow({ where: { id: organizationOf(ctx) }, include: { entitlements: true } });
  const [principalArn, regions] = await Promise.all([
    principalArnForSetup(ctx, org),
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
      crossRegionFrom: org.entitlements.crossRegion ? regions.filter((other) => other.crossRegionTo.includes(r.region)).map((other) => other.region) : [],
    })),
  };
}
