import { AppError } from "@/lib/errors";
import { suggestedAzIds } from "@/lib/links/columns";
import type { KitInput, SetupKitQuery } from "./kit";

export type RegionRow = { region: string; subnets: unknown; cidrs: string[]; ports: number[]; crossRegionTo: string[]; excludedAzIds: string[] };

/**
 * The kit's facts for a service in `region`: reached from our region there (same-region links) and
 * from our other regions that list it in crossRegionTo. Ports, CIDRs and supported regions come
 * from all of them; AZ IDs only from our own region there (cross-region links need no shared zone).
 */
export function kitFacts(offered: RegionRow[], query: SetupKitQuery, principalArn: string): KitInput {
  const home = offered.find((r) => r.region === query.region);
  const reaching = offered.filter((r) => r.region !== query.region && r.crossRegionTo.includes(query.region));
  const sources = [...(home ? [home] : []), ...reaching];
  if (sources.length === 0) {
    const choices = [...new Set(offered.flatMap((r) => [r.region, ...r.crossRegionTo]))].sort();
    throw new AppError("validation_failed", `We do not reach services in ${query.region}.`, {
      invalidParams: [{ name: "region", reason: choices.length ? `Choose one of ${choices.join(", ")}` : "No region is offered yet" }],
    });
  }
  const offeredPorts = [...new Set(sources.flatMap((r) => r.ports))].sort((a, b) => a - b);
  const ports = query.ports ?? offeredPorts;
  const foreign = ports.filter((port) => !offeredPorts.includes(port));
  if (foreign.length) {
    throw new AppError("validation_failed", `We do not connect to port ${foreign.join(", ")} in ${query.region}.`, {
      invalidParams: [{ name: "ports", reason: `Choose among ${offeredPorts.join(", ")}` }],
    });
  }
  return {
    principalArn,
    region: query.region,
    target: query.target,
    ports,
    cidrs: [...new Set(sources.flatMap((r) => r.cidrs))],
    availabilityZoneIds: home ? suggestedAzIds(home) : [],
    supportedRegions: reaching.map((r) => r.region),
    s3GatewayEndpoint: query.s3GatewayEndpoint,
  };
}
