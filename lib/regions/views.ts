import "server-only";
import type { VendorRegion } from "@/lib/db/generated/client";
import { subnetsOf, suggestedAzIds } from "@/lib/links/columns";
import type { RegionView } from "./schemas";

export function toRegionView(row: VendorRegion): RegionView {
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
    updatedAt: row.updatedAt.toISOString(),
  };
}
