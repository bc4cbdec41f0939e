import { z } from "zod";
import type { Link, VendorRegion } from "@/lib/db/generated/client";
import type { Diagnosis, ProbeTarget } from "./probes/schemas";
import {
  dnsNamesSchema,
  endpointAddressSchema,
  linkCheckSchema,
  vendorSubnetSchema,
  type DnsNames,
  type EndpointAddress,
  type LinkCheck,
  type VendorSubnet,
} from "./schemas";

// The JSON columns, parsed here and nowhere else. Written by this code only: subnets that do not parse are a bug and
// throw; checks and DNS names absent or from an older shape read as empty.

const subnetsSchema = z.array(vendorSubnetSchema);
const checksSchema = z.array(linkCheckSchema);
const addressesSchema = z.array(endpointAddressSchema);

export function subnetsOf(region: { subnets: unknown }): VendorSubnet[] {
  return subnetsSchema.parse(region.subnets);
}

export function checksOf(link: Pick<Link, "checks">): LinkCheck[] {
  return checksSchema.safeParse(link.checks).data ?? [];
}

export function dnsNamesOfLink(link: Pick<Link, "dnsNames">): DnsNames {
  return dnsNamesSchema.safeParse(link.dnsNames).data ?? { regional: [], zonal: [] };
}

export function endpointAddressesOf(link: Pick<Link, "endpointAddresses">): EndpointAddress[] {
  return addressesSchema.safeParse(link.endpointAddresses).data ?? [];
}

// Probe results (a link's last, and each LinkProbe row) are written only by recordProbe, from the probe's own typed answer,
// and read on every link view: not parsed again (tests/unit/links/views.test.ts holds the view to its schema). Anything
// else reads as nothing.
export function probeTargetsOf(column: unknown): ProbeTarget[] {
  return Array.isArray(column) ? (column as ProbeTarget[]) : [];
}

export function probeDiagnosisOf(column: unknown): Diagnosis[] {
  return Array.isArray(column) ? (column as Diagnosis[]) : [];
}

export function suggestedAzIds(region: Pick<VendorRegion, "excludedAzIds"> & { subnets: unknown }): string[] {
  const zones = new Set(subnetsOf(region).map((s) => s.availabilityZoneId));
  return [...zones].filter((id) => !region.excludedAzIds.includes(id)).sort();
}
