import "server-only";
import { ec2Client } from "@/lib/aws/config";
import { describeEndpoints, describeEndpointService, zoneIdsByName, type EndpointSnapshot } from "@/lib/aws/ec2";
import { AwsCallError } from "@/lib/aws/errors";
import { TAG_LINK_ID } from "@/lib/aws/tags";
import type { Link, VendorRegion } from "@/lib/db/generated/client";
import type { Engine } from "@/lib/engine";
import type { ServiceFacts } from "./checks";
import type { AwsPrincipal } from "@/lib/orgs/principal";
import { subnetsOf } from "./columns";

/** Its AZs as AZ IDs, the same in every account (AZ names are not). */
export async function describeServiceAs(
  engine: Engine,
  link: Pick<Link, "region" | "serviceName" | "serviceRegion">,
  credentials: AwsPrincipal["credentials"],
  principalArn: string,
): Promise<ServiceFacts | { failure: AwsCallError["failure"] }> {
  const ec2 = ec2Client(engine.aws, link.region, credentials);
  try {
    const serviceRegion = link.serviceRegion !== link.region ? link.serviceRegion : undefined;
    const [service, zones] = await Promise.all([
      describeEndpointService(ec2, link.serviceName, { principal: principalArn, serviceRegion }),
      zoneIdsByName(ec2),
    ]);
    return {
      serviceType: service.serviceType,
      owner: service.owner,
      acceptanceRequired: service.acceptanceRequired,
      availabilityZoneIds: service.availabilityZoneIds ?? service.availabilityZones.map((name) => zones.get(name) ?? name),
      privateDnsName: service.privateDnsName,
      privateDnsNameVerificationState: service.privateDnsNameVerificationState,
      supportedIpAddressTypes: service.supportedIpAddressTypes,
    };
  } catch (error) {
    // Throttling and outages are retried by the job; anything else is the customer's to fix.
    if (error instanceof AwsCallError && !error.retryable) return { failure: error.failure };
    throw error;
  }
}

/** No retry brings these back: the endpoint is replaced (and a link tagged on it no longer claims it: orphans.ts). */
export const STALE_ENDPOINT_STATES = new Set(["failed", "rejected", "expired"]);

/** Endpoints of this link that still exist, found by our tag (for adoption after a crash). */
export async function taggedEndpoints(ec2: ReturnType<typeof ec2Client>, linkId: string): Promise<EndpointSnapshot[]> {
  const found = await describeEndpoints(ec2, { tag: { key: TAG_LINK_ID, values: [linkId] } });
  return found.filter((e) => e.state !== "deleted" && e.state !== "deleting");
}

/**
 * One subnet per Availability Zone we may use (never a zone the region excludes), only in zones the service shares;
 * cross-region (`serviceAzIds` null) every zone we may use, as AWS places a cross-region endpoint in any of ours.
 */
export function subnetsFor(region: Pick<VendorRegion, "excludedAzIds"> & { subnets: unknown }, serviceAzIds: string[] | null): string[] {
  const byZone = new Map<string, string>();
  for (const subnet of subnetsOf(region)) {
    if (region.excludedAzIds.includes(subnet.availabilityZoneId)) continue;
    if (serviceAzIds && !serviceAzIds.includes(subnet.availabilityZoneId)) continue;
    if (!byZone.has(subnet.availabilityZoneId)) byZone.set(subnet.availabilityZoneId, subnet.subnetId);
  }
  return [...byZone.values()];
}
