import "server-only";
import { requireVendorAdmin, type Ctx, type VerbArgs } from "@/lib/context";
import type { Link, Organization, Prisma } from "@/lib/db/generated/client";
import { likeLiteral } from "@/lib/db/like";
import { AppError } from "@/lib/errors";
import { principalArnOf } from "@/lib/orgs/principal";
import { collection, paginate, type Page } from "@/lib/pagination";
import { STUCK_DEGRADED, STUCK_RULES, type AdminLinkDetail, type AdminLinkView, type AdminListLinksQuery } from "./admin-schemas";
import { toLinkEventView, toLinkView } from "./views";

const ADMIN_LINKS = collection("admin-links", "desc");

export async function listLinksForAdmin({ ctx, input: query }: VerbArgs<AdminListLinksQuery>): Promise<Page<AdminLinkView>> {
  requireVendorAdmin(ctx);
  const { limit, cursor, ...filters } = query;
  const pages = paginate(ADMIN_LINKS, { limit, cursor }, filters);
  const rows = await ctx.engine.db.link.findMany({
    where: { AND: [whereOf(filters), pages.where] },
    orderBy: pages.orderBy,
    take: pages.take,
    include: { organization: true },
  });
  return pages.page(rows, (link) => toAdminLinkView(link, ctx));
}

export async function getLinkForAdmin({ ctx, input }: VerbArgs<{ linkId: string }>): Promise<AdminLinkDetail> {
  requireVendorAdmin(ctx);
  const { db } = ctx.engine;
  const link = await db.link.findUnique({ where: { id: input.linkId }, include: { organization: true } });
  if (!link) throw new AppError("not_found", `No link ${input.linkId}.`);
  const events = await db.linkEvent.findMany({ where: { linkId: link.id }, orderBy: { id: "desc" }, take: 50 });
  return {
    link: toAdminLinkView(link, ctx),
    principalArn: await principalArnOf(ctx.engine, link.organization).catch(() => null),
    nextCheckAt: link.nextCheckAt?.toISOString() ?? null,
    events: events.map(toLinkEventView),
  };
}

export function toAdminLinkView(link: Link & { organization: Organization }, viewer: Pick<Ctx, "role" | "scopes">): AdminLinkView {
  const { organization } = link;
  return {
    ...toLinkView(link, viewer),
    organization: { id: organization.id, name: organization.name, plan: organization.plan, approvalMode: organization.approvalMode },
  };
}

function whereOf(filters: Omit<AdminListLinksQuery, "limit" | "cursor">): Prisma.LinkWhereInput {
  const { state, region, kind, organizationId, errorCode, createdBefore, stuck, q } = filters;
  const now = Date.now();
  // The text anywhere, in any case; its % and _ are text, as in the customer's list (read-links.ts).
  const text = q ? { contains: likeLiteral(q), mode: "insensitive" as const } : undefined;
  return {
    state,
    region,
    kind,
    organizationId,
    lastErrorCode: errorCode,
    ...(createdBefore ? { createdAt: { lt: new Date(createdBefore) } } : {}),
    AND: [
      stuck
        ? {
            OR: [
              ...STUCK_RULES.map((rule) => ({ state: rule.state, stateChangedAt: { lt: new Date(now - rule.afterMs) } })),
              { state: STUCK_DEGRADED.state, degraded: true },
            ],
          }
        : {},
      q
        ? {
            OR: [
              { name: text },
              { serviceName: text },
              { endpointId: q },
              { serviceOwnerAccountId: q },
              { organization: { OR: [{ name: text }, { slug: q.toLowerCase() }] } },
            ],
          }
        : {},
    ],
  };
}
