import "server-only";
import type { ec2Client } from "@/lib/aws/config";
import { describeEndpoints, type EndpointSnapshot } from "@/lib/aws/ec2";
import { TAG_LINK_ID, TAG_ORGANIZATION_ID } from "@/lib/aws/tags";
import { recordAudit } from "@/lib/audit";
import { SYSTEM_ACTOR, type Ctx } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import type { Link } from "@/lib/db/generated/client";
import type { Engine } from "@/lib/engine";
import { getEnv } from "@/lib/env";
import { enqueue } from "@/lib/jobs/queue";
import { isUuid } from "@/lib/validation";
import { subnetsOf } from "./columns";
import { endpointDetailsJob } from "./endpoint-details";
import { dnsNamesOf, observe } from "./observe";
import { moveLink, StaleLinkError } from "./persist";
import { probeWhenAvailable } from "./probes/schedule";
import { STALE_ENDPOINT_STATES } from "./aws";
import { HOLDS_ENDPOINT } from "./state-machine";

// An orphan is an endpoint in the vendor account carrying our link tag that no live link claims: a database restored from
// an older backup, a crash beyond the client token's window, an endpoint made by hand. The reconciler hands this module
// every tagged endpoint of a region it swept; each is claimed, adopted, or recorded. The row outlives the endpoint with
// how it ended (settledAt, outcome), so what was billed and why it stopped stays readable.

// ORPHAN_GRACE_SECONDS (README, Configuration); tests replace it per engine.
export type OrphanConfig = { graceMs: number };

declare module "@/lib/engine" {
  interface EngineOverrides {
    orphans?: Partial<OrphanConfig>;
  }
}

export function orphanConfigOf(engine: Pick<Engine, "overrides">): OrphanConfig {
  return { graceMs: getEnv().ORPHAN_GRACE_SECONDS * 1000, ...engine.overrides?.orphans };
}

/**
 * The live link that claims each endpoint, by endpoint id: a link claims an endpoint it names, or one tagged with its id while
 * it holds no other (a create not yet committed), unless that one is failed, rejected or expired: the link's next create
 * replaces it (provision-link.ts), so it is an orphan.
 */
export async function claimantsOf(db: Db, endpoints: Pick<EndpointSnapshot, "endpointId" | "state" | "tags">[]): Promise<Map<string, string>> {
  const tagIds = endpoints.map((e) => e.tags[TAG_LINK_ID] ?? "").filter(isUuid);
  const links = await db.link.findMany({
    where: {
      state: { in: [...HOLDS_ENDPOINT] },
      endpointReleasedAt: null,
      OR: [{ endpointId: { in: endpoints.map((e) => e.endpointId) } }, { id: { in: tagIds } }],
    },
    select: { id: true, endpointId: true },
  });
  const byEndpoint = new Map(links.filter((l) => l.endpointId).map((l) => [l.endpointId!, l.id]));
  const byTag = new Set(links.filter((l) => !l.endpointId).map((l) => l.id));
  const claimants = new Map<string, string>();
  for (const e of endpoints) {
    const tagged = e.tags[TAG_LINK_ID] ?? "";
    const claimant = byEndpoint.get(e.endpointId) ?? (!STALE_ENDPOINT_STATES.has(e.state) && byTag.has(tagged) ? tagged : undefined);
    if (claimant) claimants.set(e.endpointId, claimant);
  }
  return claimants;
}

export type OrphanScanReport = { orphans: number; adopted: number };

/**
 * Takes the region's scan if it is due (once per `everyMs`, whichever worker comes first): the caller then sweeps the
 * region's tagged endpoints and calls settleRegionOrphans with all of them.
 */
export async function claimOrphanScan(ctx: Ctx, region: string, everyMs: number): Promise<boolean> {
  const claimed = await ctx.engine.db.$executeRaw`
    INSERT INTO "OrphanScan" (region, "scannedAt") VALUES (${region}, clock_timestamp())
    ON CONFLICT (region) DO UPDATE SET "scannedAt" = clock_timestamp()
    WHERE "OrphanScan"."scannedAt" <= clock_timestamp() - make_interval(secs => ${everyMs / 1000}::float8)`;
  return claimed > 0;
}

/** `endpoints`: every live endpoint of the region carrying our link tag (a whole sweep, or the scan says nothing of the rest). */
export async function settleRegionOrphans(ctx: Ctx, region: string, endpoints: EndpointSnapshot[]): Promise<OrphanScanReport> {
  const { db } = ctx.engine;
  // Read after AWS answered: a link made meanwhile existed before its endpoint, so it is seen.
  const live = endpoints.filter((e) => e.state !== "deleting" && e.state !== "deleted");
  const claimants = await claimantsOf(db, live);
  const zoneOf = await zonesOfRegion(ctx, region);
  const report: OrphanScanReport = { orphans: 0, adopted: 0 };
  const seen = new Set<string>();
  const open = await db.orphanEndpoint.findMany({ where: { region, settledAt: null }, select: { endpointId: true, deleteAt: true } });
  const isOpen = new Set(open.map((o) => o.endpointId));

  for (const endpoint of live) {
    seen.add(endpoint.endpointId);
    const claimedBy = claimants.get(endpoint.endpointId);
    if (claimedBy) {
      if (isOpen.has(endpoint.endpointId)) await settleOrphan(ctx, endpoint.endpointId, "adopted", claimedBy);
      continue;
    }
    const adopter = await adopt(ctx, region, endpoint);
    if (adopter) {
      report.adopted += 1;
      continue;
    }
    await recordOrphan(ctx, region, endpoint, zoneOf);
    report.orphans += 1;
  }
  // Gone from AWS without us. One due for our deletion is left to its job, which records it deleted.
  const now = new Date();
  for (const { endpointId, deleteAt } of open) if (!seen.has(endpointId) && deleteAt > now) await settleOrphan(ctx, endpointId, "vanished", null);
  return report;
}

async function zonesOfRegion(ctx: Ctx, region: string): Promise<Map<string, string>> {
  const vendorRegion = await ctx.engine.db.vendorRegion.findUnique({ where: { region } });
  return new Map(vendorRegion ? subnetsOf(vendorRegion).map((s) => [s.subnetId, s.availabilityZoneId]) : []);
}

async function recordOrphan(ctx: Ctx, region: string, endpoint: EndpointSnapshot, zoneOf: Map<string, string>): Promise<void> {
  const { db } = ctx.engine;
  const now = new Date();
  const organizationId = endpoint.tags[TAG_ORGANIZATION_ID];
  const facts = {
    region,
    serviceName: endpoint.serviceName,
    organizationId: organizationId && isUuid(organizationId) ? organizationId : null,
    linkId: endpoint.tags[TAG_LINK_ID] ?? null,
    azIds: [...new Set(endpoint.subnetIds.map((id) => zoneOf.get(id) ?? id))].sort(),
    awsCreatedAt: endpoint.createdAt ?? null,
    lastSeenAt: now,
  };
  const known = await db.orphanEndpoint.findUnique({ where: { endpointId: endpoint.endpointId } });
  const graceEnds = new Date(now.getTime() + orphanConfigOf(ctx.engine).graceMs);
  if (!known) {
    await db.orphanEndpoint.createMany({ data: [{ endpointId: endpoint.endpointId, ...facts, createdAt: now, deleteAt: graceEnds }], skipDuplicates: true });
    ctx.log.warn({ endpointId: endpoint.endpointId, region }, "orphaned endpoint found");
  } else if (known.settledAt) {
    // Adopted once, orphaned again (its link deleted without it): a new grace.
    await db.orphanEndpoint.update({
      where: { endpointId: endpoint.endpointId },
      data: { ...facts, createdAt: now, deleteAt: graceEnds, settledAt: null, outcome: null, adoptedByLinkId: null },
    });
  } else {
    await db.orphanEndpoint.update({ where: { endpointId: endpoint.endpointId }, data: facts });
  }
}

export async function settleOrphan(ctx: Ctx, endpointId: string, outcome: "deleted" | "vanished" | "adopted", linkId: string | null): Promise<void> {
  const settled = await ctx.engine.db.orphanEndpoint.updateMany({
    where: { endpointId, settledAt: null },
    data: { settledAt: new Date(), outcome, adoptedByLinkId: linkId },
  });
  if (settled.count > 0) ctx.log.info({ endpointId, outcome, linkId }, "orphaned endpoint settled");
}

/** States a link can go on from; a failed, rejected or expired endpoint would only fail the link that took it. */
const ADOPTABLE = new Set(["pendingAcceptance", "pending", "available"]);

/**
 * A live link of the endpoint's organization, service and region that holds no endpoint takes it: one approved and
 * waiting for its create (provisioning), or one whose endpoint was lost (failed, EndpointLost). It then moves as AWS says,
 * as the reconciler moves any link; the provision job finds the link moved on and creates nothing.
 */
async function adopt(ctx: Ctx, region: string, endpoint: EndpointSnapshot): Promise<string | null> {
  const organizationId = endpoint.tags[TAG_ORGANIZATION_ID];
  if (!organizationId || !isUuid(organizationId) || !ADOPTABLE.has(endpoint.state)) return null;
  const observed = observe("provisioning", endpoint);
  if (!observed) return null;
  const { db } = ctx.engine;
  const candidates = await db.link.findMany({
    where: {
      organizationId,
      region,
      serviceName: endpoint.serviceName,
      OR: [
        { state: "provisioning", endpointId: null },
        { state: "failed", lastErrorCode: "EndpointLost" },
      ],
    },
    orderBy: { createdAt: "asc" },
  });
  for (const candidate of candidates) {
    try {
      await db.$transaction(async (tx) => {
        const actor = SYSTEM_ACTOR;
        let link = candidate;
        if (link.state === "failed") {
          link = await moveLink(tx, link, {
            to: "provisioning",
            reason: `endpoint ${endpoint.endpointId} of its service found in AWS without a link; adopted`,
            actor,
            data: { endpointId: null, lastError: null, lastErrorCode: null },
          });
        }
        await moveLink(tx, link, {
          to: observed.to,
          reason: `${observed.reason} (adopted endpoint ${endpoint.endpointId})`,
          actor,
          data: {
            endpointId: endpoint.endpointId,
            dnsNames: dnsNamesOf(endpoint),
            lastError: observed.error?.message ?? null,
            lastErrorCode: observed.error?.code ?? null,
          },
        });
        if (observed.to === "available") {
          await probeWhenAvailable(tx, ctx, link.id);
          await enqueue(tx, endpointDetailsJob, { linkId: link.id }, { ctx });
        }
        await recordAudit(tx, ctx, {
          organizationId,
          action: "orphan.adopt",
          target: { type: "link", id: link.id },
          metadata: { endpointId: endpoint.endpointId, region },
        });
      });
      await settleOrphan(ctx, endpoint.endpointId, "adopted", candidate.id);
      ctx.log.info({ linkId: candidate.id, endpointId: endpoint.endpointId }, "orphaned endpoint adopted");
      return candidate.id;
    } catch (error) {
      if (!(error instanceof StaleLinkError)) throw error;
    }
  }
  return null;
}

/**
 * For the provision job: an open orphan of the link's organization, service and region that AWS still shows usable, taken
 * rather than a second endpoint created. One describe, only when such an orphan is recorded.
 */
export async function adoptableOrphan(
  ctx: Ctx,
  link: Pick<Link, "organizationId" | "serviceName" | "region">,
  ec2: ReturnType<typeof ec2Client>,
): Promise<EndpointSnapshot | undefined> {
  const open = await ctx.engine.db.orphanEndpoint.findMany({
    where: { settledAt: null, organizationId: link.organizationId, serviceName: link.serviceName, region: link.region },
    select: { endpointId: true },
    orderBy: { createdAt: "asc" },
    take: 20,
  });
  if (open.length === 0) return undefined;
  const found = await describeEndpoints(ec2, { ids: open.map((o) => o.endpointId) });
  return found.find((e) => ADOPTABLE.has(e.state));
}
