import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { deleteLink } from "@/lib/links/delete-link";
import type { Engine } from "@/lib/engine";
import { credentialsOf, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { withLinkEngine } from "../fixtures/app";
import { appDatabaseUrl } from "../fixtures/database";
import { withWorkers } from "../fixtures/workers";
import { liveEndpointsByLink, offerAllRegions, registerLinks, waitForState } from "./convergence";

/**
 * The real pg-boss worker (startWorker) carries links through the queues: register -> verify ->
 * provision -> pending_acceptance, the customer accepts -> available, delete -> deleted. Then two
 * workers on one database, each with its own database pool and AWS credential cache, as two
 * processes would be: every link ends with exactly one endpoint.
 */

const { engine, sandbox } = withLinkEngine();
const pools: Db[] = [];
// Registered before the workers, so it runs after they stop (after-hooks run in reverse).
afterAll(() => Promise.all(pools.map((p) => p.$disconnect())));
const workers = withWorkers({ expireInSeconds: 30 });
beforeAll(() => offerAllRegions(engine()));

/** A second engine as another worker process builds it: its own pool and its own credential cache. */
function separateEngine(): Engine {
  const db = createPrismaClient(appDatabaseUrl());
  pools.push(db);
  return { ...engine(), db, aws: { endpoint: sandbox().url, controlCredentials: credentialsOf(VENDOR), maxAttempts: 1 } };
}

const start = (workerEngine: Engine) => workers.start(workerEngine, { concurrency: 4 });

async function acceptAll(registered: Awaited<ReturnType<typeof registerLinks>>) {
  const links = await engine().db.link.findMany({ where: { id: { in: registered.map((r) => r.link.id) } } });
  const endpointOf = new Map(links.map((l) => [l.id, l.endpointId]));
  await Promise.all(registered.map((r) => r.accept(endpointOf.get(r.link.id)!)));
}

describe("the link worker", () => {
  it("carries links from registration to available and from deletion to deleted through the queues", async () => {
    const worker = await start(engine());
    const registered = await registerLinks(engine(), sandbox(), { count: 3, organizations: 1 });
    const ids = registered.map((r) => r.link.id);

    const pending = await waitForState(engine(), ids, "pending_acceptance");
    const live = liveEndpointsByLink(sandbox());
    for (const link of pending) expect(live.get(link.id)).toEqual([link.endpointId]);

    await acceptAll(registered);
    const available = await waitForState(engine(), ids, "available");
    for (const link of available) {
      const endpoint = sandbox().state.endpoints.get(link.endpointId!);
      const names = link.dnsNames as { regional: string[]; zonal: string[] };
      expect(endpoint?.state).toBe("available");
      expect(names.regional).toHaveLength(1);
      expect(names.zonal.length).toBeGreaterThan(0);
    }

    for (const r of registered) await deleteLink({ ctx: r.ctx, input: { linkId: r.link.id } });
    await waitForState(engine(), ids, "deleted");
    const after = liveEndpointsByLink(sandbox());
    for (const id of ids) expect(after.get(id)).toBeUndefined();

    const events = await engine().db.linkEvent.findMany({ where: { linkId: ids[0], kind: "state" }, orderBy: { id: "asc" } });
    expect(events.map((e) => `${e.fromState ?? "-"}>${e.toState}`)).toEqual([
      "->verifying",
      "verifying>provisioning",
      "provisioning>pending_acceptance",
      "pending_acceptance>available",
      "available>deleting",
      "deleting>deleted",
    ]);
    await worker.stop();
  });

  it("converges with two workers on one database, one endpoint per link", async () => {
    await Promise.all([start(engine()), start(separateEngine())]);
    const registered = await registerLinks(engine(), sandbox(), { count: 12, organizations: 3 });
    const ids = registered.map((r) => r.link.id);

    const pending = await waitForState(engine(), ids, "pending_acceptance");
    await acceptAll(registered);
    await waitForState(engine(), ids, "available");

    const live = liveEndpointsByLink(sandbox());
    for (const link of pending) expect(live.get(link.id), link.id).toEqual([link.endpointId]);
    // Every transition happened once: no second worker repeated one (an available link's other events, such as its
    // endpoint's addresses, are not transitions).
    const events = await engine().db.linkEvent.groupBy({ by: ["linkId", "toState"], where: { linkId: { in: ids }, kind: "state" }, _count: true });
    expect(events.filter((e) => e._count !== 1)).toEqual([]);
    expect(events).toHaveLength(ids.length * 4); // verifying, provisioning, pending_acceptance, available
  });
});
