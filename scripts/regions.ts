import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { systemCtx } from "@/lib/context";
import { createPrismaClient } from "@/lib/db/client";
import { engineFromEnv } from "@/lib/engine";
import { AppError } from "@/lib/errors";
import { listRegions } from "@/lib/regions/read-regions";
import { removeRegion } from "@/lib/regions/remove-region";
import { saveRegion } from "@/lib/regions/save-region";
import type { RegionChanges, RegionView } from "@/lib/regions/schemas";
import { loadEnv, prepareDatabase, run, say } from "./runtime";

/**
 * The vendor's regions, for scripts and images (`npm run regions -- …`, `node dist/regions.mjs …`):
 * list them, set one up or change it (checked against AWS before anything is saved), remove one.
 * Acts as the system; each change is an audit row like a change made in the console.
 */
const USAGE = `usage:
  regions list [--json]
  regions set <region> [--vpc <vpc-id>] [--subnet <subnet-id>]... [--security-group <sg-id>]...
                       [--port <port>]... [--cidr <cidr>]... [--exclude-az <az-id>]... [--cross-region-to <region>]...
                       [--offered | --not-offered]
  regions remove <region>

set: the flags given replace what is stored (a list flag replaces the whole list; each takes
repeats or commas, and an empty value such as --exclude-az= empties it). A new region needs
--vpc, --subnet (one per Availability Zone to offer), --security-group and --port; --cidr
defaults to the VPC's block. Every id is checked with AWS (DescribeVpcs, DescribeSubnets,
DescribeSecurityGroups) as the control principal before anything is saved.`;

const LISTS = {
  subnet: "subnetIds",
  "security-group": "securityGroupIds",
  cidr: "cidrs",
  "exclude-az": "excludedAzIds",
  "cross-region-to": "crossRegionTo",
} as const;

run(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      vpc: { type: "string" },
      subnet: { type: "string", multiple: true },
      "security-group": { type: "string", multiple: true },
      port: { type: "string", multiple: true },
      cidr: { type: "string", multiple: true },
      "exclude-az": { type: "string", multiple: true },
      "cross-region-to": { type: "string", multiple: true },
      offered: { type: "boolean" },
      "not-offered": { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, region, ...extra] = positionals;
  if (values.help || !command) return void process.stdout.write(`${USAGE}\n`);
  if (extra.length > 0 || (command === "list" ? region !== undefined : !region) || !["list", "set", "remove"].includes(command)) throw new Error(USAGE);

  const database = await prepareDatabase(loadEnv());
  const db = createPrismaClient(database.url);
  const ctx = systemCtx(engineFromEnv(db), { requestId: `cli-regions-${randomUUID()}` });
  try {
    if (command === "list") {
      const { data } = await listRegions({ ctx });
      if (values.json) return void process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      if (data.length === 0) return say("no regions are set up, so customers can register no link; add one with `regions set` (--help)");
      for (const view of data) process.stdout.write(describe(view));
    } else if (command === "set") {
      const view = await saveRegion({ ctx, input: { region: region!, changes: changesFrom(values) } });
      say(`region ${view.region} saved`);
      process.stdout.write(describe(view));
    } else {
      await removeRegion({ ctx, input: { region: region! } });
      say(`region ${region} removed`);
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const fields = (error.invalidParams ?? []).map((p) => `\n  ${p.name}: ${p.reason}`).join("");
    throw new Error(`${error.detail}${fields}`);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
});

function changesFrom(values: Record<string, string | string[] | boolean | undefined>): RegionChanges {
  const changes: Record<string, unknown> = {};
  const list = (flag: string) =>
    (values[flag] as string[] | undefined)
      ?.flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter(Boolean);
  if (values.vpc !== undefined) changes.vpcId = values.vpc;
  for (const [flag, field] of Object.entries(LISTS)) if (values[flag] !== undefined) changes[field] = list(flag);
  if (values.port !== undefined) changes.ports = list("port")!.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (values.offered && values["not-offered"]) throw new Error("--offered and --not-offered: choose one");
  if (values.offered || values["not-offered"]) changes.isOffered = Boolean(values.offered);
  return changes as RegionChanges;
}

function describe(view: RegionView): string {
  const subnets = view.subnets.map((s) => `${s.subnetId} (${s.availabilityZone}, ${s.availabilityZoneId})`).join(", ");
  const none = (list: unknown[]) => (list.length > 0 ? list.join(", ") : "none");
  return [
    `${view.region}  ${view.isOffered ? "offered" : "NOT offered"}  ${view.vpcId}`,
    `  subnets          ${subnets}`,
    `  security groups  ${view.securityGroupIds.join(", ")}`,
    `  CIDRs            ${view.cidrs.join(", ")}`,
    `  ports            ${view.ports.join(", ")}`,
    `  excluded AZ IDs  ${none(view.excludedAzIds)}`,
    `  cross-region to  ${none(view.crossRegionTo)}`,
    `  AZ-ID coverage   ${none(view.offeredAzIds)}`,
    "",
  ].join("\n");
}
