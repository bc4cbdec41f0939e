import "server-only";
import { ec2Client } from "@/lib/aws/config";
import { discoverVendorNetwork } from "@/lib/aws/network";
import type { Engine } from "@/lib/engine";

export type RegionSetup = { region: string; ports: number[]; crossRegionTo?: string[]; cidrs?: string[]; excludedAzIds?: string[] };

// The sandbox's regions (one VPC a region), for `npm run dev`, `npm start` and tests. A real deployment names its network
// with `npm run regions` or the console (lib/regions/save-region.ts), which AWS must confirm.
export async function syncVendorRegions(engine: Pick<Engine, "db" | "aws">, setups: RegionSetup[]) {
  for (const setup of setups) {
    const network = await discoverVendorNetwork(ec2Client(engine.aws, setup.region));
    const data = {
      isOffered: true,
      vpcId: network.vpcId,
      subnets: network.subnets,
      securityGroupIds: network.securityGroupIds,
      cidrs: setup.cidrs ?? [network.cidrBlock],
      ports: setup.ports,
      crossRegionTo: setup.crossRegionTo ?? [],
      // Left as stored unless given, so a start does not undo exclusions set since.
      ...(setup.excludedAzIds ? { excludedAzIds: setup.excludedAzIds } : {}),
    };
    await engine.db.vendorRegion.upsert({ where: { region: setup.region }, create: { region: setup.region, ...data }, update: data });
  }
}
