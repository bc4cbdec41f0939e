import "server-only";
import { ec2Client } from "@/lib/aws/config";
import { describeEndpoints, MAX_FILTER_VALUES, MAX_PAGE, type EndpointSnapshot } from "@/lib/aws/ec2";
import { TAG_LINK_ID } from "@/lib/aws/tags";
import type { Db } from "@/lib/db/client";
import type { Link } from "@/lib/db/generated/client";
import type { Engine } from "@/lib/engine";
import { z } from "zod";
import { defineJob, singlePassQueue } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/queue";
import { deleteLinkJob } from "./delete-link";
import { SYSTEM_ACTOR, type Ctx } from "@/lib/context";
import { dnsNamesOf, observe } from "./observe";
import { moveLink, pollCadence, StaleLinkError } from "./persist";
import { provisionLinkJob } from "./provision-link";
import { canTransition, HOLDS_ENDPOINT, IN_TRANSITION, pollDelayMs, SETTLED_WITH_ENDPOINT, type LinkState } from "./state-machine";

export type ReconcileReport = { due: number; regions: number; swept: number; transitions: number };

/** What a pass reads of a link: nothing else is loaded, and it is read in pages. */
type DueLink = Pick<Link, "id" | "organizationId" | "state" | "version" | "region" | "endpointId">;
const DUE_COLUMNS = { id: true, organizationId: true, state: true, version: true, region: true, endpointId: true } as const;
/** Rows per database page, and ids per bulk update. */
const PAGE = 1_000;
/** Re-kicked jobs queued per transaction. */
const REKICK_BATCH = 100;

/**
 * One reconcile pass: every due link (those in transition first, then settled ones), refreshed
 * with DescribeVpcEndpoints per region as the control principal (every endpoint lives in the
 * vendor account), in as few calls as EC2 allows: either the due links' ids, 200 a call, or a
 * sweep of every live endpoint tagged with a link, 1000 a call, whichever costs fewer calls. A
 * full pass over N links therefore costs ceil(N / 1000) calls per region.
 *
 * It detects acceptance, rejection, revocation, expiry and endpoints deleted outside the portal
 * (one transaction per change), pushes the next look of every unchanged link in bulk, and
 * re-kicks provisioning or deletion that lost its job. Safe to run from several workers: each
 * change is a guarded transition.
 */
export async function reconcileLinks({ ctx, input: { limit = 20_000 } = {} }: { ctx: Ctx; input?: { limit?: number } }): Promise<ReconcileReport> {
  const { engine } = ctx;
  const now = new Date();
  // Links are read before AWS is asked, so an endpoint a link records is already in AWS's answer.
  const due = await dueLinks(engine.db, IN_TRANSITION, now, limit);
  due.push(...(await dueLinks(engine.db, SETTLED_WITH_ENDPOINT, now, limit - due.length)));
  const report: ReconcileReport = { due: due.length, regions: 0, swept: 0, transitions: 0 };

  const byRegion = new Map<string, DueLink[]>();
  for (const link of due) {
    const links = byRegion.get(link.region) ?? [];
    links.push(link);
    byRegion.set(link.region, links);
  }
  for (const [region, links] of byRegion) {
    const ids = links.flatMap((l) => (l.endpointId ? [l.endpointId] : []));
    const { seen, swept } = await endpointsOf(engine, region, ids);
    if (ids.length > 0) report.regions += 1;
    if (swept) report.swept += 1;
    report.transitions += await applyObservations(ctx, links, seen);
  }
  if (report.transitions > 0) ctx.log.info({ ...report }, "reconciled");
  return report;
}

async function dueLinks(db: Db, states: readonly LinkState[], now: Date, limit: number): Promise<DueLink[]> {
  const out: DueLink[] = [];
  let after: string | undefined;
  while (out.length < limit) {
    const page = await db.link.findMany({
      where: { state: { in: [...states] }, nextCheckAt: { lte: now }, ...(after ? { id: { gt: after } } : {}) },
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

/**
 * The endpoints `ids` in `region`, by whichever query costs fewer DescribeVpcEndpoints: the ids
 * (ceil(ids / 200) calls) or a sweep of every live endpoint tagged with a link (ceil(endpoints /
 * 1000) calls; the links that may hold one stand for the endpoints). An id missing from the
 * answer is an endpoint AWS no longer has.
 */
async function endpointsOf(engine: Engine, region: string, ids: string[]): Promise<{ seen: Map<string, EndpointSnapshot>; swept: boolean }> {
  const seen = new Map<string, EndpointSnapshot>();
  if (ids.length === 0) return { seen, swept: false };
  const ec2 = ec2Client(engine.aws, region);
  const tagged = await engine.db.link.count({ where: { region, state: { in: [...HOLDS_ENDPOINT] }, endpointId: { not: null } } });
  const swept = Math.ceil(tagged / MAX_PAGE) < Math.ceil(ids.length / MAX_FILTER_VALUES);
  const wanted = new Set(ids);
  const answer = await describeEndpoints(ec2, swept ? { tag: { key: TAG_LINK_ID }, liveOnly: true } : { ids });
  for (const endpoint of answer) if (wanted.has(endpoint.endpointId)) seen.set(endpoint.endpointId, endpoint);
  return { seen, swept };
}

/** Moves the links AWS changed (one transaction each); the rest are looked at again later, in bulk. Answers how many moved. */
async function applyObservations(ctx: Ctx, links: DueLink[], seen: Map<string, EndpointSnapshot>): Promise<number> {
  const { db } = ctx.engine;
  const unchanged = new Map<LinkState, string[]>();
  const rekick: DueLink[] = [];
  let transitions = 0;
  for (const link of links) {
    const endpoint = link.endpointId ? seen.get(link.endpointId) : undefined;
    const observed = link.endpointId || link.state !== "provisioning" ? observe(link.state, endpoint) : null;
    // Only moves the state machine allows; anything else is left for a person to look at.
    const observation = observed && canTransition(link.state, observed.to) ? observed : null;
    if (!observation) {
      const ids = unchanged.get(link.state) ?? [];
      ids.push(link.id);
      unchanged.set(link.state, ids);
      if (link.state === "provisioning" || link.state === "deleting") rekick.push(link);
      continue;
    }
    try {
      await db.$transaction(async (tx) => {
        await moveLink(tx, link, {
          to: observation.to,
          reason: observation.reason,
          actor: SYSTEM_ACTOR,
          data: {
            ...(endpoint && observation.to !== "deleted" ? { dnsNames: dnsNamesOf(endpoint) } : {}),
            ...(observation.to === "deleted" ? { dnsNames: {} } : {}),
            lastError: observation.error?.message ?? null,
            lastErrorCode: observation.error?.code ?? null,
          },
        });
        if (observation.to === "deleting") await enqueue(tx, deleteLinkJob, { linkId: link.id }, { ctx });
      });
      transitions += 1;
    } catch (error) {
      if (!(error instanceof StaleLinkError)) throw error;
    }
  }

  // Nothing changed in AWS: look again later. Guarded by state, so a link moved meanwhile keeps the schedule its move set.
  for (const [state, ids] of unchanged) {
    const nextCheckAt = new Date(Date.now() + (pollDelayMs(state, pollCadence()) ?? pollCadence().slowMs));
    for (let i = 0; i < ids.length; i += PAGE) {
      await db.link.updateMany({ where: { id: { in: ids.slice(i, i + PAGE) }, state }, data: { nextCheckAt } });
    }
  }
  // Re-kick work whose job may be lost (stately queues collapse a job already queued).
  for (let i = 0; i < rekick.length; i += REKICK_BATCH) {
    await db.$transaction(async (tx) => {
      for (const link of rekick.slice(i, i + REKICK_BATCH)) {
        await enqueue(tx, link.state === "provisioning" ? provisionLinkJob : deleteLinkJob, { linkId: link.id }, { ctx });
      }
    });
  }
  return transitions;
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
