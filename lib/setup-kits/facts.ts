import { AppError } from "@/lib/errors";
import { suggestedAzIds } from "@/lib/links/columns";
import { isResourceTarget, isServiceTarget, type KitInput } from "./kit";
import type { SetupKitQuery } from "./query";
import { accountOfPrincipal, type ResourceKitInput } from "./resource-kit";

export type RegionRow = { region: string; subnets: unknown; cidrs: string[]; ports: number[]; crossRegionTo: string[]; excludedAzIds: string[] };

/**
 * The kit's facts for a service in `region`: reached from our region there (same-region links) and
 * from our other regions that list it in crossRegionTo. Ports, CIDRs and supported regions come
 * from all of them; AZ IDs only from our own region there (cross-region links need no shared zone).
 */
export function kitFacts(offered: RegionRow[], query: SetupKitQuery, principalArn: string): KitInput {
  const { target } = query;
  if (!isServiceTarget(target)) throw invalidTarget(target);
  const home = offered.find((r) => r.region === query.region);
  const reaching = offered.filter((r) => r.region !== query.region && r.crossRegionTo.includes(query.region));
  const sources = [...(home ? [home] : []), ...reaching];
  if (sources.length === 0) {
    const choices = [...new Set(offered.flatMap((r) => [r.region, ...r.crossRegionTo]))].sort();
    throw new AppError("validation_failed", `We do not reach services in ${query.region}.`, {
      invalidParams: [{ name: "region", reason: choices.length ? `Choose one of ${choices.join(", ")}` : "No region is offered yet" }],
    });
  }
  const ports = chosenPorts(sources, query);
  return {
    principalArn,
    region: query.region,
    target,
    ports,
    cidrs: [...new Set(sources.flatMap((r) => r.cidrs))],
    availabilityZoneIds: home ? suggestedAzIds(home) : [],
    supportedRegions: reaching.map((r) => r.region),
    s3GatewayEndpoint: query.s3GatewayEndpoint,
  };
}

/**
 * A resource kit's facts: only a region of ours, since a Resource endpoint is in the region of its
 * resource configuration (no cross-region), and its AZ IDs, ports and our account. An RDS database
 * by ARN has no ports to choose.
 */
export function resourceKitFacts(offered: RegionRow[], query: SetupKitQuery, principalArn: string): ResourceKitInput {
  const { target } = query;
  if (query.kind !== "resource" || !isResourceTarget(target)) throw invalidTarget(target);
  const home = offered.find((r) => r.region === query.region);
  if (!home) {
    const choices = offered.map((r) => r.region).sort();
    throw new AppError("validation_failed", `We reach resources only in our own regions, and ${query.region} is not one of them.`, {
      invalidParams: [{ name: "region", reason: choices.length ? `Choose one of ${choices.join(", ")}` : "No region is offered yet" }],
    });
  }
  const availabilityZoneIds = suggestedAzIds(home);
  if (availabilityZoneIds.length === 0) {
    throw new AppError("validation_failed", `We use none of our zones in ${query.region} at the moment, and a resource gateway must share one with us.`, {
      invalidParams: [{ name: "region", reason: "Choose another region" }],
    });
  }
  return {
    vendorAccountId: accountOfPrincipal(principalArn),
    region: query.region,
    target,
    ports: target === "rds-arn" ? [] : chosenPorts([home], query),
    availabilityZoneIds,
  };
}

function chosenPorts(sources: RegionRow[], query: SetupKitQuery): number[] {
  const offeredPorts = [...new Set(sources.flatMap((r) => r.ports))].sort((a, b) => a - b);
  const ports = query.ports ?? offeredPorts;
  const foreign = ports.filter((port) => !offeredPorts.includes(port));
  if (foreign.length) {
    throw new AppError("validation_failed", `We do not connect to port ${foreign.join(", ")} in ${query.region}.`, {
      invalidParams: [{ name: "ports", reason: `Choose among ${offeredPorts.join(", ")}` }],
    });
  }
  return ports;
}

/** The query schema keeps targets to their kind; this holds the facts to it too. */
function invalidTarget(target: string): AppError {
  return new AppError("validation_failed", `The target ${target} is not one of this kind's.`, {
    invalidParams: [{ name: "target", reason: "Choose a target of the kit's kind" }],
  });
}
