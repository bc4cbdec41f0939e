import { z } from "zod";
import type { Link, VendorRegion } from "@/lib/db/generated/client";
import { dnsNamesSchema, linkCheckSchema, vendorSubnetSchema, type DnsNames, type LinkCheck, type VendorSubnet } from "./schemas";

/**
 * The JSON columns of Link and VendorRegion, parsed with zod here and nowhere else (Prisma types
 * them as JsonValue). Written by this code only, so a vendor region's subnets that do not parse
 * are a bug and throw; a link's checks and DNS names read as empty when absent or from an older shape.
 */

const subnetsSchema = z.array(vendorSubnetSchema);
const checksSchema = z.array(linkCheckSchema);

export function subnetsOf(region: { subnets: unknown }): VendorSubnet[] {
  return subnetsSchema.parse(region.subnets);
}

export function checksOf(link: Pick<Link, "checks">): LinkCheck[] {
  return checksSchema.safeParse(link.checks).data ?? [];
}

export function dnsNamesOfLink(link: Pick<Link, "dnsNames">): DnsNames {
  return dnsNamesSchema.safeParse(link.dnsNames).data ?? { regional: [], zonal: [] };
}

/** Our AZ IDs in a region that customers may use: the vendor subnets' zones less the excluded ones. */
export function suggestedAzIds(region: Pick<VendorRegion, "excludedAzIds"> & { subnets: unknown }): string[] {
  const zones = new Set(subnetsOf(region).map((s) => s.availabilityZoneId));
  return [...zones].filter((id) => !region.excludedAzIds.includes(id)).sort();
}
