import type { ChildProcess } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { jobCtx, withLinkEngine } from "../fixtures/app";
import { exitOf, withWorkers } from "../fixtures/workers";
import { liveEndpointsByLink, offerAllRegions, registerLinks, waitForState } from "./convergence";

/**
 * Crash test: real worker processes (`scripts/worker.ts`, as `npm run worker` runs it) against
 * this file's database and the in-process sandbox with EC2's budgets on. 50 links are registered (20 under the realistic profile);
 * the worker is killed with SIGKILL at random moments while they verify and provision, and
 * started again each time. Every link must converge to pending_acceptance with exactly one
 * endpoint in the sandbox: jobs of a dead worker expire (JOB_EXPIRE_SECONDS, short here) and run
 * again, an endpoint created but never recorded is adopted by its tag, and the reconciler re-kicks
 * provisioning whose job was lost.
 */

/** Fewer under the realistic profile (npm test runs this file under both), where every create is slower to show. */
const linkCount = () => (sandbox().runtime.consistency.isRealistic ? 20 : 50);
const KILLS = 5;
const JOB_EXPIRE_SECONDS = 3;

const { engine, sandbox } = withLinkEngine();
const workers = withWorkers({ expireInSeconds: JOB_EXPIRE_SECONDS });

beforeAll(() => offerAllRegions(engine()));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const startWorker = () => workers.spawn(sandbox(), { JOB_EXPIRE_SECONDS: String(JOB_EXPIRE_SECONDS) });

async function killHard(child: ChildProcess): Promise<void> {
  const exited = exitOf(child);
  child.kill("SIGKILL");
  await exited;
}

async function stateCounts(ids: string[]): Promise<Record<string, number>> {
  const rows = await engine().db.link.groupBy({ by: ["state"], where: { id: { in: ids } }, _count: true });
  return Object.fromEntries(rows.map((r) => [r.state, r._count]));
}

describe("kill -9 of the worker while links provision", () => {
  it("every link converges with exactly one endpoint", async () => {
    const started = Date.now();
    const count = linkCount();
    sandbox().runtime.throttler.options = { enabled: true, refillMultiplier: 1 };
    sandbox().runtime.throttler.reset();
    const registered = await registerLinks(engine(), sandbox(), { count, organizations: 2 });
    const ids = registered.map((r) => r.link.id);

    const kills: Record<string, number>[] = [];
    for (let i = 0; i < KILLS; i++) {
      const worker = await startWorker();
      await sleep(300 + Math.random() * 2_700);
      await killHard(worker);
      kills.push(await stateCounts(ids));
    }
    const survivor = await startWorker();
    const links = await waitForState(engine(), ids, "pending_acceptance", { intervalMs: 500 });
    await killHard(survivor);

    // Exactly one endpoint per link, the one the link records, and no endpoint without a link.
    const live = liveEndpointsByLink(sandbox());
    for (const link of links) expect(live.get(link.id), link.id).toEqual([link.endpointId]);
    const endpoints = [...sandbox().state.endpoints.values()].filter((e) => e.state !== "deleted");
    expect(endpoints).toHaveLength(count);
    // And the product's own look agrees: the reconciler's scan finds no endpoint of ours that no live link claims.
    expect((await reconcileLinks({ ctx: jobCtx(engine()) })).orphans).toBe(0);
    expect(await engine().db.orphanEndpoint.count()).toBe(0);
    // Each transition happened once, whoever ran it.
    const events = await engine().db.linkEvent.groupBy({ by: ["linkId", "toState"], where: { linkId: { in: ids } }, _count: true });
    expect(events.filter((e) => e._count !== 1)).toEqual([]);
    expect(events).toHaveLength(count * 3); // verifying, provisioning, pending_acceptance

    // The kills must have hit links in flight, or this test proves nothing.
    expect(kills.some((counts) => (counts.verifying ?? 0) + (counts.provisioning ?? 0) > 0)).toBe(true);
    console.info(`crash test: ${KILLS} kills, states after each: ${JSON.stringify(kills)}; converged in ${Math.round((Date.now() - started) / 1000)} s`);
  });
});
