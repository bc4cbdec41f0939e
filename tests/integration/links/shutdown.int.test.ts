import { beforeAll, describe, expect, it } from "vitest";
import { verifyLinkJob } from "@/lib/links/verify-link";
import { faultSchema } from "@privatelink-portal/sandbox-aws/faults";
import { withLinkEngine } from "../fixtures/app";
import { exitOf, withWorkers } from "../fixtures/workers";
import { offerAllRegions, registerLinks } from "./convergence";
import { until } from "../until";
import { freePort } from "../../fixtures/free-port";

/**
 * A worker process (`scripts/worker.ts`) reports its health on WORKER_HEALTH_PORT, and SIGTERM
 * stops it gracefully: the jobs it was running finish, none is left active, and it exits 0. (A
 * job outlasting the 10 s grace is failed back to its queue by pg-boss and retried elsewhere.)
 */

const { engine, sandbox } = withLinkEngine();
const workers = withWorkers({ expireInSeconds: 60 });
beforeAll(() => offerAllRegions(engine()));

type JobRow = { id: string; state: string };

async function verifyJobs(): Promise<JobRow[]> {
  return engine().db.$queryRawUnsafe<JobRow[]>(`SELECT id::text, state::text FROM pgboss.job WHERE name = $1`, verifyLinkJob.name);
}

function untilSome<T>(read: () => Promise<T[]>): Promise<T[]> {
  return until(read, (rows) => rows.length > 0, { intervalMs: 50 });
}

describe("a worker process's health and shutdown", () => {
  it("answers /health, and on SIGTERM lets running jobs finish, then exits 0", async () => {
    const port = await freePort();
    const worker = await workers.spawn(sandbox(), { WORKER_HEALTH_PORT: String(port), HOST: "127.0.0.1" });

    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ isHealthy: true, isStopping: false });
    expect((await fetch(`http://127.0.0.1:${port}/elsewhere`)).status).toBe(404);

    // Each verification waits 2 s on one AWS answer, so jobs are running when the signal comes.
    sandbox().runtime.faults.add([faultSchema.parse({ action: "DescribeVpcEndpointServices", latencyMs: 2_000 })]);
    await registerLinks(engine(), sandbox(), { count: 3, organizations: 1 });
    const running = await untilSome(async () => (await verifyJobs()).filter((job) => job.state === "active"));

    const exited = exitOf(worker);
    worker.kill("SIGTERM");
    expect(await exited).toBe(0);

    const after = new Map((await verifyJobs()).map((job) => [job.id, job.state]));
    expect([...after.values()].filter((state) => state === "active" || state === "failed")).toEqual([]);
    // Each takes about 2 s, well within the 10 s a stopping worker gives its jobs.
    expect(running.map((job) => after.get(job.id))).toEqual(running.map(() => "completed"));
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });
});
