import "server-only";
import { ec2Client } from "@/lib/aws/config";
import {
  describeEndpointPages,
  describeEndpoints,
  describeResourceAssociations,
  MAX_FILTER_VALUES,
  MAX_PAGE,
  type EndpointSnapshot,
  type ResourceAssociation,
} from "@/lib/aws/ec2";
import { EC2_CONSISTENCY_MS, isPropagating } from "@/lib/aws/errors";
import { TAG_LINK_ID } from "@/lib/aws/tags";
import type { Db } from "@/lib/db/client";
import type { Link } from "@/lib/db/generated/client";
import { z } from "zod";
import { defineJob, singlePassQueue } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/queue";
import { deleteLinkJob } from "./delete-link";
import { SYSTEM_ACTOR, type Ctx } from "@/lib/context";
import { endpointDetailsJob, interfaceIdsKey, needsPrivateDns } from "./endpoint-details";
import { dnsNamesOf, observe } from "./observe";
import { moveLink, pollCadence, StaleLinkError } from "./persist";
import { probeWhenAvailable } from "./probes/schedule";
import { provisionLinkJob } from "./provision-link";
import { queueDueOrphanDeletes } from "./orphan-delete";
import { claimOrphanScan, settleRegionOrphans, type OrphanScanReport } from "./orphans";
import { queueDueReleases } from "./release-endpoint";
import { releaseConfigOf } from "./release-settings";
import { canTransition, HOLDS_ENDPOINT, IN_TRANSITION, pollDelayMs, SETTLED_WITH_ENDPOINT, type LinkState } from "./state-machine";

/**
 * releases: links whose endpoint's release was queued (their releaseAt has come). orphans: endpoints of ours no live link
 * claims, seen in the regions scanned this pass; adopted: of them, taken by a live link; orphanDeletes: deletions queued.
 */
export type ReconcileReport = {
  due: number;
  regions: number;
  swept: number;
  transitions: number;
  releases: number;
  orphans: number;
  adopted: number;
  orphanDeletes: number;
};

type DueLink = Pick<
  Link,
  "id" | "organizationId" | "state" | "version" | "region" | "endpointId" | "networkInterfaceIds" | "privateDns" | "privateDnsName" | "stateChangedAt"
>;
const DUE_COLUMNS = {
  id: true,
  organizationId: true,
  state: true,
  version: true,
  region: true,
  endpointId: true,
  stateChangedAt: true,
  networkInterfaceIds: true,
  privateDns: true,
  privateDnsName: true,
} as const;
/** Rows per database page, and ids per bulk update. */
const PAGE = 1_000;
const REKICK_BATCH = 100;

/**
 * One pass over the due links (in transition first), described per region as the control principal: every endpoint
 * lives in the vendor account. A full pass over N links costs ceil(N / 1000) DescribeVpcEndpoints per region. Safe
 * from several workers: each change is a guarded transition.
 */
export async function reconcileLinks({ ctx, input: { limit = 20_000 } = {} }: { ctx: Ctx; input?: { limit?: number } }): Promise<ReconcileReport> {
  const { engine } = ctx;
  const now = new Date();
  // Links are read before AWS is asked, so an endpoint a link records is already in AWS's answer.
  const due = await dueLinks(engine.db, IN_TRANSITION, now, limit);
  due.push(...(await dueLinks(engine.db, SETTLED_WITH_ENDPOINT, now, limit - due.length)));
  const report: ReconcileReport = { due: due.length, regions: 0, swept: 0, transitions: 0, releases: 0, orphans: 0, adopted: 0, orphanDeletes: 0 };

  const byRegion = new Map<string, DueLink[]>();
  for (const link of due) {
    const links = byRegion.get(link.region) ?? [];
    links.push(link);
    byRegion.set(link.region, links);
  }
  const scanned = new Set<string>();
  for (const [region, links] of byRegion) {
    const { swept, transitions, orphans } = await reconcileRegion(ctx, region, links);
    if (links.some((link) => link.endpointId)) report.regions += 1;
    if (swept) report.swept += 1;
    report.transitions += transitions;
    if (orphans) addOrphans(report, orphans, scanned, region);
  }
  // Regions this pass did not sweep, each at most once per settled-link cadence: ceil(tagged endpoints / 1000) describes.
  for (const { region } of await engine.db.vendorRegion.findMany({ select: { region: true } })) {
    if (scanned.has(region) || !(await claimOrphanScan(ctx, region, pollCadence().slowMs))) continue;
    const endpoints = await describeEndpoints(ec2Client(engine.aws, region), { tag: { key: TAG_LINK_ID }, liveOnly: true });
    addOrphans(report, await settleRegionOrphans(ctx, region, endpoints), scanned, region);
  }
  // After the pass, so a link that has just been turned away with no grace is released in the same pass.
  report.releases = await queueDueReleases(ctx, new Date());
  report.orphanDeletes = await queueDueOrphanDeletes(ctx, new Date());
  if (report.transitions > 0 || report.releases > 0 || report.orphans > 0 || report.adopted > 0) ctx.log.info({ ...report }, "reconciled");
  return report;
}

async function dueLinks(db: Db, states: readonly LinkState[], now: Date, limit: number): Promise<DueLink[]> {
  const out: DueLink[] = [];
  let after: string | undefined;
  while (out.length < limit) {
    const page = await db.link.findMany({
      // A released endpoint is looked at no more: the link only keeps its state.
      where: { state: { in: [...states] }, nextCheckAt: { lte: now }, endpointReleasedAt: null, ...(after ? { id: { gt: after } } : {}) },
      select: DUE_COLUMNS,
      orderBy: { id: "asc" },
      take: Math.min(PAGE, limit - out.length),
    });
    out.push(...page);
    if (page.length < PAGE) break;
    after = page.at(-1)!.id;
  }
  return out;
}

function addOrphans(report: ReconcileReport, found: OrphanScanReport, scanned: Set<string>, region: string): void {
  report.orphans += found.orphans;
  report.adopted += found.adopted;
  scanned.add(region);
}

// A page of endpoints at a time, by whichever costs fewer calls: the endpoint ids (200 a call) or a sweep of every live
// endpoint tagged with a link (1000 a call; counted by the links that may hold one). Missing from every page: AWS lost it.
// A sweep is every tagged endpoint of the region: when the region's orphan scan is due, the sweep's pages serve it too.
async function reconcileRegion(ctx: Ctx, region: string, links: DueLink[]): Promise<{ swept: boolean; transitions: number; orphans?: OrphanScanReport }> {
  const { engine } = ctx;
  const outcome = new Outcome(ctx);
  // Nothing keeps two links from naming one endpoint (a bug elsewhere, or a copied row): both are looked at.
  const byEndpoint = new Map<string, DueLink[]>();
  for (const link of links) {
    if (link.endpointId) byEndpoint.set(link.endpointId, [...(byEndpoint.get(link.endpointId) ?? []), link]);
    else await outcome.observe(link, undefined);
  }
  let swept = false;
  let scanning = false;
  const tagged: EndpointSnapshot[] = [];
  if (byEndpoint.size > 0) {
    const holding = await engine.db.link.count({ where: { region, state: { in: [...HOLDS_ENDPOINT] }, endpointId: { not: null }, endpointReleasedAt: null } });
    swept = Math.ceil(holding / MAX_PAGE) < Math.ceil(byEndpoint.size / MAX_FILTER_VALUES);
    const query = swept ? { tag: { key: TAG_LINK_ID }, liveOnly: true } : { ids: [...byEndpoint.keys()] };
    scanning = swept && (await claimOrphanScan(ctx, region, pollCadence().slowMs));
    const ec2 = ec2Client(engine.aws, region);
    for await (const page of describeEndpointPages(ec2, query)) {
      if (scanning) tagged.push(...page);
      const associations = await associationsOf(
        ec2,
        page.filter((e) => e.type === "Resource" && byEndpoint.has(e.endpointId)),
      );
      for (const snapshot of page) {
        const endpoint = associations.has(snapshot.endpointId) ? { ...snapshot, association: associations.get(snapshot.endpointId) ?? null } : snapshot;
        for (const link of byEndpoint.get(endpoint.endpointId) ?? []) await outcome.observe(link, endpoint);
        byEndpoint.delete(endpoint.endpointId);
      }
    }
    for (const link of [...byEndpoint.values()].flat()) await outcome.observe(link, undefined);
  }
  const transitions = await outcome.finish();
  // After the links moved, so an endpoint a link just let go of is judged by the link's new state.
  return { swept, transitions, ...(scanning ? { orphans: await settleRegionOrphans(ctx, region, tagged) } : {}) };
}

/**
 * The associations of a page's Resource endpoints our links hold, by endpoint (null: it has none): ceil(endpoints / 200)
 * DescribeVpcEndpointAssociations, none for a page of interface endpoints only.
 */
async function associationsOf(ec2: ReturnType<typeof ec2Client>, endpoints: EndpointSnapshot[]): Promise<Map<string, ResourceAssociation | null>> {
  const byEndpoint = new Map<string, ResourceAssociation | null>(endpoints.map((e) => [e.endpointId, null]));
  if (endpoints.length === 0) return byEndpoint;
  for (const association of await describeResourceAssociations(ec2, [...byEndpoint.keys()])) byEndpoint.set(association.endpointId, association);
  return byEndpoint;
}

/** A link AWS changed moves at once; the others get their next look in one bulk update per state. */
class Outcome {
  private readonly unchanged = new Map<LinkState, string[]>();
  private readonly rekick: DueLink[] = [];
  private readonly details: string[] = [];
  private transitions = 0;

  constructor(private readonly ctx: Ctx) {}

  async observe(link: DueLink, endpoint: ObservedSnapshot | undefined): Promise<void> {
    // An endpoint recorded (or asked to go) moments ago may be missing from EC2's answers for a while: look again later.
    const unseen = !endpoint && link.endpointId !== null && isPropagating(link.stateChangedAt, EC2_CONSISTENCY_MS);
    const observed = !unseen && (link.endpointId || link.state !== "provisioning") ? observe(link.state, endpoint) : null;
    // Only moves the state machine allows; anything else is left for a person to look at.
    const observation = observed && canTransition(link.state, observed.to) ? observed : null;
    if (!observation) {
      const ids = this.unchanged.get(link.state) ?? [];
      ids.push(link.id);
      this.unchanged.set(link.state, ids);
      // A provisioning link holding an endpoint (a resource endpoint not yet available) waits for AWS, not for its job.
      if ((link.state === "provisioning" && !link.endpointId) || link.state === "deleting") this.rekick.push(link);
      if (link.state === "available" && endpoint && detailsChanged(link, endpoint)) this.details.push(link.id);
      return;
    }
    try {
      await this.ctx.engine.db.$transaction(async (tx) => {
        await moveLink(tx, link, {
          to: observation.to,
          reason: observation.reason,
          actor: SYSTEM_ACTOR,
          releaseAfterMs: releaseConfigOf(this.ctx.engine).afterMs,
          data: {
            ...(endpoint && observation.to !== "deleted" ? { dnsNames: dnsNamesOf(endpoint) } : {}),
            ...(observation.to === "deleted" ? { dnsNames: {}, endpointAddresses: [], networkInterfaceIds: [], privateDnsEnabled: false } : {}),
            lastError: observation.error?.message ?? null,
            lastErrorCode: observation.error?.code ?? null,
          },
        });
        if (observation.to === "deleting") await enqueue(tx, deleteLinkJob, { linkId: link.id }, { ctx: this.ctx });
        if (observation.to === "available") {
          await probeWhenAvailable(tx, this.ctx, link.id);
          await enqueue(tx, endpointDetailsJob, { linkId: link.id }, { ctx: this.ctx });
        }
      });
      this.transitions += 1;
    } catch (error) {
      if (!(error instanceof StaleLinkError)) throw error;
    }
  }

  async finish(): Promise<number> {
    const { db } = this.ctx.engine;
    // Guarded by state, so a link moved meanwhile keeps the schedule its move set.
    for (const [state, ids] of this.unchanged) {
      const nextCheckAt = new Date(Date.now() + (pollDelayMs(state, pollCadence()) ?? pollCadence().slowMs));
      for (let i = 0; i < ids.length; i += PAGE) {
        await db.link.updateMany({ where: { id: { in: ids.slice(i, i + PAGE) }, state }, data: { nextCheckAt } });
      }
    }
    // Re-kick work whose job may be lost (stately queues collapse a job already queued).
    for (let i = 0; i < this.rekick.length; i += REKICK_BATCH) {
      await db.$transaction(async (tx) => {
        for (const link of this.rekick.slice(i, i + REKICK_BATCH)) {
          await enqueue(tx, link.state === "provisioning" ? provisionLinkJob : deleteLinkJob, { linkId: link.id }, { ctx: this.ctx });
        }
      });
    }
    for (let i = 0; i < this.details.length; i += REKICK_BATCH) {
      await db.$transaction(async (tx) => {
        for (const linkId of this.details.slice(i, i + REKICK_BATCH)) await enqueue(tx, endpointDetailsJob, { linkId }, { ctx: this.ctx });
      });
    }
    return this.transitions;
  }
}

type ObservedSnapshot = EndpointSnapshot & { association?: ResourceAssociation | null };

/** The endpoint's interfaces are not those whose addresses the link holds, or a private name asked for is not on yet. */
function detailsChanged(link: DueLink, endpoint: EndpointSnapshot): boolean {
  const ids = interfaceIdsKey(endpoint.networkInterfaceIds);
  return ids.join(",") !== link.networkInterfaceIds.join(",") || needsPrivateDns(link, endpoint);
}

export const reconcileLinksJob = defineJob({
  name: "links-reconcile",
  schema: z.object({}),
  // A pass over every due link may outlast one link's job; a dead pass is noticed sooner, by its missed heartbeat.
  options: ({ expireInSeconds }) => singlePassQueue(Math.ceil(expireInSeconds * 2.5)),
  singletonKey: () => "reconcile",
  every: { ms: 5_000 },
  handle: ({ ctx }) => reconcileLinks({ ctx }),
});
