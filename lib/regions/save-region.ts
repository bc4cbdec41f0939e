import "server-only";
import { recordAudit } from "@/lib/audit";
import { ec2Client } from "@/lib/aws/config";
import { AwsCallError } from "@/lib/aws/errors";
import { checkVendorNetwork, type VendorNetwork } from "@/lib/aws/network";
import { requireVendorAdmin, type VerbArgs } from "@/lib/context";
import type { VendorRegion } from "@/lib/db/generated/client";
import { AppError, type InvalidParam } from "@/lib/errors";
import { subnetsOf } from "@/lib/links/columns";
import { invalidParamsOf } from "@/lib/validation";
import { regionSettingsSchema, type RegionChanges, type RegionSettings, type RegionView } from "./schemas";
import { toRegionViews } from "./views";

// The merged settings are checked whole, then held to AWS as the control principal (every id must exist in the region and
// belong to the VPC), and the subnets' AZ IDs stored as AWS answers them. Nothing is written unless every check passes.
export async function saveRegion({ ctx, input }: VerbArgs<{ region: string; changes: RegionChanges }>): Promise<RegionView> {
  requireVendorAdmin(ctx);
  const { db, aws } = ctx.engine;
  const { region, changes } = input;
  const stored = await db.vendorRegion.findUnique({ where: { region } });
  const merged = { isOffered: true, excludedAzIds: [], crossRegionTo: [], ...(stored ? settingsOf(stored) : {}), ...changes };
  const parsed = regionSettingsSchema.partial({ cidrs: true }).safeParse(merged);
  if (!parsed.success) {
    const detail = stored
      ? "Some settings are invalid; see invalidParams."
      : `A new region needs a VPC, subnets, security groups and ports; see invalidParams.`;
    throw new AppError("validation_failed", detail, { invalidParams: invalidParamsOf(parsed.error) });
  }
  const settings = parsed.data;
  if (settings.crossRegionTo.includes(region)) {
    throw invalid("crossRegionTo", `${region} reaches its own services without cross-region; list only other regions.`);
  }

  const network = await checkWithAws(aws, region, settings);
  const zoneProblems = zoneCoverageProblems(network, settings);
  if (zoneProblems.length > 0) throw new AppError("validation_failed", zoneProblems[0]!.reason, { invalidParams: zoneProblems });

  const data = {
    isOffered: settings.isOffered,
    vpcId: network.vpcId,
    subnets: network.subnets,
    securityGroupIds: settings.securityGroupIds,
    cidrs: settings.cidrs ?? [network.cidrBlock],
    ports: settings.ports,
    excludedAzIds: settings.excludedAzIds,
    crossRegionTo: settings.crossRegionTo,
  };
  const saved = await db.$transaction(async (tx) => {
    const row = await tx.vendorRegion.upsert({ where: { region }, create: { region, ...data }, update: data });
    await recordAudit(tx, ctx, {
      organizationId: null,
      action: stored ? "region.update" : "region.create",
      target: { type: "region", id: region },
      metadata: { before: stored ? settingsOf(stored) : null, after: settingsOf(row) },
    });
    return row;
  });
  return (await toRegionViews(db, [saved]))[0]!;
}

export function settingsOf(row: VendorRegion): RegionSettings {
  return {
    isOffered: row.isOffered,
    vpcId: row.vpcId,
    subnetIds: subnetsOf(row).map((s) => s.subnetId),
    securityGroupIds: row.securityGroupIds,
    cidrs: row.cidrs,
    ports: row.ports,
    excludedAzIds: row.excludedAzIds,
    crossRegionTo: row.crossRegionTo,
  };
}

async function checkWithAws(aws: Parameters<typeof ec2Client>[0], region: string, settings: Pick<RegionSettings, "vpcId" | "subnetIds" | "securityGroupIds">) {
  try {
    const checked = await checkVendorNetwork(ec2Client(aws, region), region, settings);
    if (checked.network) return checked.network;
    throw new AppError("validation_failed", `AWS does not confirm this network: ${checked.problems.map((p) => p.reason).join(" ")}`, {
      invalidParams: checked.problems,
    });
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    throw new AppError(
      "aws_unavailable",
      `Could not check the network with AWS in ${region}: ${error.failure.message} (${error.failure.code}). Nothing was saved.`,
      {
        cause: error,
      },
    );
  }
}

/** An endpoint takes one subnet per Availability Zone; exclusions must name zones we have; an offered region needs a zone left. */
function zoneCoverageProblems(network: VendorNetwork, settings: RegionSettings | Omit<RegionSettings, "cidrs">): InvalidParam[] {
  const problems: InvalidParam[] = [];
  const byZone = new Map<string, string[]>();
  for (const s of network.subnets) byZone.set(s.availabilityZoneId, [...(byZone.get(s.availabilityZoneId) ?? []), s.subnetId]);
  for (const [zone, subnets] of byZone) {
    if (subnets.length > 1)
      problems.push({ name: "subnetIds", reason: `${subnets.join(" and ")} are both in ${zone}: an endpoint takes one subnet per Availability Zone.` });
  }
  const unknown = settings.excludedAzIds.filter((zone) => !byZone.has(zone));
  if (unknown.length > 0) {
    problems.push({ name: "excludedAzIds", reason: `${unknown.join(", ")}: not the zone of any of these subnets (${[...byZone.keys()].sort().join(", ")}).` });
  } else if (settings.isOffered && [...byZone.keys()].every((zone) => settings.excludedAzIds.includes(zone))) {
    problems.push({ name: "excludedAzIds", reason: "Every zone is excluded: an offered region needs at least one Availability Zone customers may use." });
  }
  return problems;
}

function invalid(name: string, reason: string): AppError {
  return new AppError("validation_failed", reason, { invalidParams: [{ name, reason }] });
}
