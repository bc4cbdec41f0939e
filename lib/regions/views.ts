import "server-only";
import type { VendorRegion } from "@/lib/db/generated/client";
import type { Ctx } from "@/lib/context";
import { subnetsOf, suggestedAzIds } from "@/lib/links/columns";
import { HOLDS_ENDPOINT } from "@/lib/links/state-machine";
import type { RegionView } from "./schemas";

type LinkInExcludedZone = RegionView["linksInExcludedZones"][number];

/** How many links in excluded zones a region view lists; the admin sees the rest by the link list's region filter. */
export const EXCLUDED_ZONE_LINKS_SHOWN = 50;

export function toRegionView(row: VendorRegion, linksInExcludedZones: LinkInExcludedZone[] = []): RegionView {
  const subnets = subnetsOf(row);
  return {
    region: row.region,
    isOffered: row.isOffered,
    vpcId: row.vpcId,
    subnetIds: subnets.map((s) => s.subnetId),
    subnets,
    securityGroupIds: row.securityGroupIds,
    cidrs: row.cidrs,
    ports: row.ports,
    excludedAzIds: row.excludedAzIds,
    crossRegionTo: row.crossRegionTo,
    offeredAzIds: suggestedAzIds(row),
    linksInExcludedZones,
    updatedAt: row.updatedAt.toISOString(),
  };
}

// A zone excluded after a link got its endpoint there is never used again, but the link is left as it is: moving a live
// endpoint would cut its customer's connections. The admin sees them here (from the endpoint's addresses) and decides.
export async function toRegionViews(db: Ctx["engine"]["db"], rows: VendorRegion[]): Promise<RegionView[]> {
  const excluding = rows.filter((row) => row.excludedAzIds.length > 0);
  const found = excluding.length
    ? await db.$queryRaw<(LinkInExcludedZone & { region: string })[]>`
        SELECT l.region, l.id, l.name, l."organizationId", array_agg(DISTINCT a->>'azId' ORDER BY a->>'azId') AS "azIds"
        FROM "Link" l CROSS JOIN jsonb_array_elements(l."endpointAddresses") a
        JOIN "VendorRegion" r ON r.region = l.region AND a->>'azId' = ANY(r."excludedAzIds")
        WHERE l.region = ANY(${excluding.map((row) => row.region)}) AND l.state::text = ANY(${[...HOLDS_ENDPOINT]})
          AND l."endpointReleasedAt" IS NULL
        GROUP BY l.region, l.id, l.name, l."organizationId"
        ORDER BY l.region, l.name
        LIMIT ${EXCLUDED_ZONE_LINKS_SHOWN * excluding.length}`
    : [];
  return rows.map((row) =>
    toRegionView(
      row,
      found
        .filter((link) => link.region === row.region)
        .slice(0, EXCLUDED_ZONE_LINKS_SHOWN)
        .map(({ id, name, organizationId, azIds }) => ({ id, name, organizationId, azIds })),
    ),
  );
}
