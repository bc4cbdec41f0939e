import { cpus, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { AcceptVpcEndpointConnectionsCommand } from "@aws-sdk/client-ec2";
import { ec2Client } from "@/lib/aws/config";
import { createPrismaClient } from "@/lib/db/client";
import { describeEndpoints } from "@/lib/aws/ec2";
import { AwsCallError } from "@/lib/aws/errors";
import { ALL_JOBS } from "@/lib/job-list";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { SEED_ACCOUNTS } from "@/lib/sandbox-aws/seed";
import { API_SCOPES, systemCtx, type Ctx } from "@/lib/context";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { registerLink } from "@/lib/links/register-link";
import type { CallCounts } from "./counting-proxy";
import { createOrganizations, createServices, REGIONS, seedLinks, startWorld, type Service, type World } from "./world";

/**
 * `npm run bench:reconcile`: the link engine at scale against the sandbox with EC2's request
 * budgets on. Seeds --links links with their endpoints over three regions, then measures
 *   1. one reconcile pass over every link (all due at once): AWS calls and time;
 *   2. the naive strategy, one DescribeVpcEndpoints per link, over the same links;
 *   3. --registrations simultaneous registrations until all are pending_acceptance, through two
 *      workers, within EC2's CreateVpcEndpoint budget (a burst of 4, then 0.3/s per region);
 *   4. detection latency: --sample customers accept at random moments; acceptance -> available;
 *   5. one steady-state reconcile pass at the default poll cadence (in transition every 5 s,
 *      settled every 5 min).
 */

const { values: options } = parseArgs({
  options: {
    links: { type: "string", default: "10000" },
    registrations: { type: "string", default: "500" },
    sample: { type: "string", default: "100" },
  },
});
const LINKS = Number(options.links);
const REGISTRATIONS = Number(options.registrations);
const SAMPLE = Number(options.sample);

const started = Date.now();
const log = (message: string) => process.stdout.write(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

function describeCalls(counts: CallCounts): number {
  return counts.byAction.DescribeVpcEndpoints ?? 0;
}

/** Every link's endpoint, one DescribeVpcEndpoints each (16 in flight per region), retrying throttled calls. */
async function naiveSweep(world: World): Promise<number> {
  const links = await world.db.link.findMany({ where: { endpointId: { not: null } }, select: { region: true, endpointId: true } });
  let found = 0;
  await Promise.all(
    REGIONS.map(async (region) => {
      const ec2 = ec2Client(world.engine.aws, region);
      const ids = links.filter((l) => l.region === region).map((l) => l.endpointId!);
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < ids.length) {
            const id = ids[next++]!;
            for (;;) {
              try {
                const seen = await describeEndpoints(ec2, { ids: [id] });
                found += seen.length;
                break;
              } catch (error) {
                if (!(error instanceof AwsCallError) || !error.retryable) throw error;
                await sleep(500 + Math.random() * 1_000);
              }
            }
          }
        }),
      );
    }),
  );
  return found;
}

async function waitForAll(world: World, ids: string[], state: "pending_acceptance" | "available", timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let lastReport = Date.now();
  for (;;) {
    const rows = await world.db.link.groupBy({ by: ["state"], where: { id: { in: ids } }, _count: true });
    const counts = Object.fromEntries(rows.map((r) => [r.state, r._count]));
    if ((counts[state] ?? 0) === ids.length) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${state}: ${JSON.stringify(counts)}`);
    if (Date.now() - lastReport > 30_000) {
      log(`  ... ${JSON.stringify(counts)}`);
      lastReport = Date.now();
    }
    await sleep(250);
  }
}

async function main() {
  log(`machine: ${cpus()[0]?.model ?? "unknown CPU"} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  const world = await startWorld(log);
  const workers: Worker[] = [];
  try {
    const seededOrgs = await createOrganizations(world, 20, "seeded");
    const burstOrgs = await createOrganizations(world, 10, "burst");
    const vendorRoot = `arn:aws:iam::${SEED_ACCOUNTS[0]!.accountId}:root`;
    const settledServices = await createServices(world, { perCustomer: 10, acceptanceRequired: false, principals: [vendorRoot] });
    const pendingServices = await createServices(world, { perCustomer: 9, acceptanceRequired: true, principals: [vendorRoot] });
    // Each burst organization registers services allowlisting only its own role: one organization per service.
    const burstServices = await Promise.all(
      burstOrgs.map((org) => createServices(world, { perCustomer: 9, acceptanceRequired: true, principals: [org.principalArn] })),
    );
    const seedStarted = Date.now();
    const seeded = await seedLinks(world, { count: LINKS, orgs: seededOrgs, settled: settledServices, pending: pendingServices });
    log(`seeded ${seeded} links with their endpoints (CreateVpcEndpoint with throttling off) in ${seconds(Date.now() - seedStarted)}`);

    world.sandbox.runtime.throttler.options = { enabled: true, refillMultiplier: 1 };
    world.sandbox.runtime.throttler.reset();
    log("sandbox throttling ON (EC2's published budgets per account and region)");

    // 1. One pass over every link, all due at once.
    await world.db.link.updateMany({ where: { nextCheckAt: { not: null } }, data: { nextCheckAt: new Date() } });
    world.proxy.reset();
    let t = Date.now();
    const sweep = await reconcileLinks({ ctx: systemCtx(world.engine, { requestId: "bench" }) });
    const sweepMs = Date.now() - t;
    const sweepCalls = world.proxy.reset();
    log(
      `full reconcile pass: ${sweep.due} links, ${sweepCalls.total} AWS calls (${describeCalls(sweepCalls)} DescribeVpcEndpoints, ${sweepCalls.throttled} throttled) in ${seconds(sweepMs)}`,
    );

    // 2. The naive strategy over the same links.
    t = Date.now();
    const naiveFound = await naiveSweep(world);
    const naiveMs = Date.now() - t;
    const naiveCalls = world.proxy.reset();
    log(`naive pass: ${naiveFound} endpoints, ${naiveCalls.total} AWS calls (${naiveCalls.throttled} throttled) in ${seconds(naiveMs)}`);

    // 3. A burst of simultaneous registrations, carried by two workers.
    for (let i = 0; i < 2; i++)
      workers.push(await startWorker({ databaseUrl: world.databaseUrl, engine: world.engine, jobs: ALL_JOBS, concurrency: 8, maintenanceIntervalSeconds: 30 }));
    // The registrations come through the web tier: its own database pool.
    const web = { ...world.engine, db: createPrismaClient(world.databaseUrl) };
    const serviceOf = new Map<string, Service>();
    t = Date.now();
    const registered = await Promise.all(
      Array.from({ length: REGISTRATIONS }, async (_, i) => {
        const region = REGIONS[i % REGIONS.length]!;
        const k = Math.floor(i / REGIONS.length);
        const org = burstOrgs[k % burstOrgs.length]!;
        const service = burstServices[k % burstOrgs.length]!.get(region)![Math.floor(k / burstOrgs.length)]!;
        const ctx: Ctx = { ...systemCtx(web, { requestId: `burst-${i}` }), organizationId: org.id, role: "owner", scopes: API_SCOPES };
        const link = await registerLink({ ctx, input: { name: `burst-${i}`, serviceName: service.serviceName, region } });
        serviceOf.set(link.id, service);
        return link.id;
      }),
    );
    const registeredMs = Date.now() - t;
    await web.db.$disconnect();
    log(`${REGISTRATIONS} registrations committed in ${seconds(registeredMs)}`);
    await waitForAll(world, registered, "pending_acceptance", 30 * 60_000);
    const burstMs = Date.now() - t;
    const burstCalls = world.proxy.reset();
    log(
      `${REGISTRATIONS} registrations (committed in ${seconds(registeredMs)}) all pending_acceptance after ${seconds(burstMs)}; ${burstCalls.total} AWS calls, ${burstCalls.byAction.CreateVpcEndpoint ?? 0} CreateVpcEndpoint, ${burstCalls.throttled} throttled`,
    );

    // 4. Detection latency: customers accept at random moments over 30 s.
    const sample = registered.slice(0, SAMPLE);
    const endpoints = new Map(
      (await world.db.link.findMany({ where: { id: { in: sample } }, select: { id: true, endpointId: true } })).map((l) => [l.id, l.endpointId!]),
    );
    const acceptedAt = new Map<string, number>();
    await Promise.all(
      sample.map(async (id) => {
        await sleep(Math.random() * 30_000);
        const service = serviceOf.get(id)!;
        const region = (await world.db.link.findUniqueOrThrow({ where: { id }, select: { region: true } })).region;
        await world
          .customerClient(service.customer, region)
          .send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: service.serviceId, VpcEndpointIds: [endpoints.get(id)!] }));
        acceptedAt.set(id, Date.now());
      }),
    );
    await waitForAll(world, sample, "available", 5 * 60_000);
    const latencies = (await world.db.link.findMany({ where: { id: { in: sample } }, select: { id: true, stateChangedAt: true } })).map(
      (l) => l.stateChangedAt.getTime() - acceptedAt.get(l.id)!,
    );
    log(
      `detection latency (acceptance -> available), ${latencies.length} links: p50 ${seconds(percentile(latencies, 50))}, p95 ${seconds(percentile(latencies, 95))}, max ${seconds(Math.max(...latencies))}`,
    );

    // 5. One steady-state pass at the default cadence.
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await sleep(5_500);
    world.proxy.reset();
    t = Date.now();
    const steady = await reconcileLinks({ ctx: systemCtx(world.engine, { requestId: "bench" }) });
    const steadyMs = Date.now() - t;
    const steadyCalls = world.proxy.reset();
    log(`steady-state pass: ${steady.due} links due of ${LINKS + REGISTRATIONS}, ${steadyCalls.total} AWS calls in ${seconds(steadyMs)}`);

    const ratio = naiveCalls.total / Math.max(1, sweepCalls.total);
    process.stdout.write(
      [
        "",
        "| figure | value |",
        "|---|---|",
        `| links (regions) | ${LINKS} (${REGIONS.join(", ")}) |`,
        `| AWS calls, one reconcile pass over all links | ${sweepCalls.total} (${seconds(sweepMs)}) |`,
        `| AWS calls, naive one-describe-per-link pass | ${naiveCalls.total}, ${naiveCalls.throttled} of them throttled (${seconds(naiveMs)}) |`,
        `| ratio naive / batched (calls; time) | ${ratio.toFixed(0)}x; ${(naiveMs / Math.max(1, sweepMs)).toFixed(1)}x |`,
        `| AWS calls, steady-state pass (${steady.due} due) | ${steadyCalls.total} (${seconds(steadyMs)}) |`,
        `| ${REGISTRATIONS} simultaneous registrations -> all pending_acceptance | ${seconds(burstMs)} (${burstCalls.byAction.CreateVpcEndpoint ?? 0} CreateVpcEndpoint, ${burstCalls.total} AWS calls, ${burstCalls.throttled} throttled) |`,
        `| detection latency acceptance -> available, p50 / p95 (${latencies.length} links) | ${seconds(percentile(latencies, 50))} / ${seconds(percentile(latencies, 95))} |`,
        "",
      ].join("\n"),
    );
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await world.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
