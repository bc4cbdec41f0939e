import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { AcceptVpcEndpointConnectionsCommand, RejectVpcEndpointConnectionsCommand } from "@aws-sdk/client-ec2";
import { ec2Client } from "@/lib/aws/config";
import { buildCommands, DIST_COMMANDS } from "@/scripts/build-commands";
import { createPrismaClient } from "@/lib/db/client";
import { describeEndpoints } from "@/lib/aws/ec2";
import { AwsCallError } from "@/lib/aws/errors";
import { SEED_ACCOUNTS } from "@privatelink-portal/sandbox-aws/seed";
import { API_SCOPES, systemCtx, type Ctx } from "@/lib/context";
import { EC2_MUTATION_BUDGET } from "@/lib/engine";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { registerLink } from "@/lib/links/register-link";
import { HOLDS_ENDPOINT, IN_TRANSITION } from "@/lib/links/state-machine";
import type { CallCounts } from "./counting-proxy";
import { createOrganizations, createServices, REGIONS, seedLinks, startWorld, type Service, type World } from "./world";

/**
 * `npm run bench:reconcile`: the link engine at scale against the sandbox with EC2's request
 * budgets on, carried by two worker processes (scripts/worker.ts compiled as `npm run build`
 * compiles it, with the default settings) whose memory is sampled throughout. Seeds BENCH_LINKS links with
 * their endpoints over three regions, then measures
 *   1. one full reconcile pass with every link due, run by a worker: DescribeVpcEndpoints against
 *      the limit of ceil(links / 1000) per region;
 *   2. the naive strategy, one DescribeVpcEndpoints per link, over the same links;
 *   3. BENCH_BURST simultaneous registrations (10 organizations) until all are pending_acceptance,
 *      against the EC2 floor (a burst of 4 creates, then 0.3/s per region): failures, time,
 *      throttled creates;
 *   4. detection: BENCH_SAMPLE customers accept at random moments over 30 s; acceptance -> available;
 *   5. revocation: the same customers reject the now available connections over 30 s;
 *      rejection -> disconnected;
 *   6. with every link settled, the DescribeVpcEndpoints of 60 s of passes as a share of EC2's
 *      describe budget (20 a second per region).
 * It ends with one JSON line of the figures.
 */

const LINKS = Number(process.env.BENCH_LINKS ?? 10_000);
const REGISTRATIONS = Number(process.env.BENCH_BURST ?? 500);
const SAMPLE = Math.min(Number(process.env.BENCH_SAMPLE ?? 100), REGISTRATIONS);
const DESCRIBE_BUDGET_PER_SECOND = 20;
const SETTLED_WINDOW_MS = 60_000;

const started = Date.now();
const log = (message: string) => process.stdout.write(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const round1 = (value: number) => Math.round(value * 10) / 10;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

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

/** Waits (for an event, however long it takes) until every link of `ids` is in `state`, logging progress every 30 s. */
async function waitForAll(world: World, ids: string[], state: "pending_acceptance" | "available" | "disconnected") {
  let lastReport = Date.now();
  for (;;) {
    const rows = await world.db.link.groupBy({ by: ["state"], where: { id: { in: ids } }, _count: true });
    const counts = Object.fromEntries(rows.map((r) => [r.state, r._count]));
    if ((counts[state] ?? 0) === ids.length) return;
    if (Date.now() - lastReport > 30_000) {
      log(`  ... ${JSON.stringify(counts)}`);
      lastReport = Date.now();
    }
    await sleep(250);
  }
}

/** The worker as production runs it: compiled from the sources as `npm run build` compiles dist/worker.mjs. */
const WORKER_DIR = ".data/bench-reconcile";

/**
 * Worker processes as `npm run worker` runs them, talking to AWS through the counting proxy; the
 * RSS of each sampled every 250 ms and kept as its peak in each phase of the bench (`phase(name)`).
 */
async function startWorkers(world: World, count: number) {
  const [vendor] = SEED_ACCOUNTS;
  const children: ChildProcess[] = [];
  const peaks = new Map<string, number[]>();
  let current = "start";
  for (let i = 0; i < count; i++) {
    const child = spawn(process.execPath, [`${WORKER_DIR}/worker.mjs`], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: "production",
        DATABASE_URL: world.databaseUrl,
        AWS_ENDPOINT_URL: world.proxy.url,
        AWS_ACCESS_KEY_ID: vendor!.accessKeyId,
        AWS_SECRET_ACCESS_KEY: vendor!.secretAccessKey,
        AWS_REGION: "us-east-1",
        // The reconciler's figures, alone: probes have their own queue and budget (docs/BENCHMARKS.md).
        PROBES: "off",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      let output = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
        if (output.includes("worker running")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it ran: ${output}`)));
    });
    child.stdout!.resume();
    children.push(child);
  }
  const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  const sampler = setInterval(() => {
    const phase =
      peaks.get(current) ??
      peaks
        .set(
          current,
          children.map(() => 0),
        )
        .get(current)!;
    children.forEach((child, i) => {
      if (child.pid && child.exitCode === null) phase[i] = Math.max(phase[i]!, rssMb(child.pid));
    });
  }, 250);
  return {
    phase: (name: string) => void (current = name),
    peakRssMb: () => Math.max(0, ...[...peaks.values()].flat()),
    /** "pass 180/176, burst 190/214, …": each phase's peak RSS of each worker, in MB. */
    peaksByPhase: () => [...peaks].map(([name, mb]) => `${name} ${mb.map((m) => m.toFixed(0)).join("/")}`).join(", "),
    stop: async () => {
      clearInterval(sampler);
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once("exit", () => resolve());
              child.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}

/** Customers answer the connection requests of `ids` at random moments over `spreadMs`; answers when each was answered. */
async function answerAtRandom(world: World, ids: string[], serviceOf: Map<string, Service>, answer: "accept" | "reject", spreadMs = 30_000) {
  const links = new Map(
    (await world.db.link.findMany({ where: { id: { in: ids } }, select: { id: true, endpointId: true, region: true } })).map((l) => [l.id, l]),
  );
  const at = new Map<string, number>();
  await Promise.all(
    ids.map(async (id) => {
      await sleep(Math.random() * spreadMs);
      const service = serviceOf.get(id)!;
      const link = links.get(id)!;
      const input = { ServiceId: service.serviceId, VpcEndpointIds: [link.endpointId!] };
      const command = answer === "accept" ? new AcceptVpcEndpointConnectionsCommand(input) : new RejectVpcEndpointConnectionsCommand(input);
      // The customer's own calls share EC2's mutation budget of its account: retry them until they pass.
      for (;;) {
        try {
          await world.customerClient(service.customer, link.region).send(command);
          break;
        } catch (error) {
          if ((error as { name?: string }).name !== "RequestLimitExceeded") throw error;
          await sleep(1_000 + Math.random() * 2_000);
        }
      }
      at.set(id, Date.now());
    }),
  );
  return at;
}

async function latenciesSince(world: World, at: Map<string, number>): Promise<number[]> {
  const rows = await world.db.link.findMany({ where: { id: { in: [...at.keys()] } }, select: { id: true, stateChangedAt: true } });
  return rows.map((l) => (l.stateChangedAt.getTime() - at.get(l.id)!) / 1000);
}

async function main() {
  log(`machine: ${cpus()[0]?.model ?? "unknown CPU"} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load ${load()}`);
  const world = await startWorld(log);
  let workers: Awaited<ReturnType<typeof startWorkers>> | undefined;
  try {
    const seededOrgs = await createOrganizations(world, 20, "seeded");
    const burstOrgs = await createOrganizations(world, 10, "burst");
    const vendorRoot = `arn:aws:iam::${SEED_ACCOUNTS[0]!.accountId}:root`;
    const settledServices = await createServices(world, { perCustomer: 10, acceptanceRequired: false, principals: [vendorRoot] });
    const pendingServices = await createServices(world, { perCustomer: 9, acceptanceRequired: true, principals: [vendorRoot] });
    // Each burst organization registers services allowlisting only its own role: one organization per service.
    const burstServices = await Promise.all(
      burstOrgs.map((org) =>
        createServices(world, { perCustomer: Math.max(9, Math.ceil(REGISTRATIONS / 30)), acceptanceRequired: true, principals: [org.principalArn] }),
      ),
    );
    const seedStarted = Date.now();
    const seeded = await seedLinks(world, { count: LINKS, orgs: seededOrgs, settled: settledServices, pending: pendingServices });
    log(`seeded ${seeded} links with their endpoints (CreateVpcEndpoint with throttling off) in ${seconds(Date.now() - seedStarted)}`);

    world.sandbox.runtime.throttler.options = { enabled: true, refillMultiplier: 1 };
    world.sandbox.runtime.throttler.reset();
    log(`sandbox throttling ON (EC2's published budgets per account and region); load ${load()}`);

    // 1. One pass over every link, all due at once, as the worker runs it.
    const holding = { state: { in: [...HOLDS_ENDPOINT] }, endpointId: { not: null } };
    const perRegion = await world.db.link.groupBy({ by: ["region"], where: holding, _count: true });
    const describeLimitPerPass = perRegion.reduce((sum, r) => sum + Math.ceil(r._count / 1000), 0);
    await world.db.link.updateMany({ where: { nextCheckAt: { not: null } }, data: { nextCheckAt: new Date() } });
    world.proxy.reset();
    let t = Date.now();
    const pass = await reconcileLinks({ ctx: systemCtx(world.engine, { requestId: "bench" }) });
    const passMs = Date.now() - t;
    const passCalls = world.proxy.reset();
    log(
      `full reconcile pass: ${pass.due} links, ${describeCalls(passCalls)} DescribeVpcEndpoints (limit ${describeLimitPerPass}), ${passCalls.throttled} throttled, in ${seconds(passMs)}`,
    );

    // 2. The naive strategy over the same links.
    t = Date.now();
    const naiveFound = await naiveSweep(world);
    const naiveCalls = world.proxy.reset();
    log(`naive pass: ${naiveFound} endpoints, ${naiveCalls.total} AWS calls (${naiveCalls.throttled} throttled) in ${seconds(Date.now() - t)}`);

    // The same full pass again, now in a worker process, for its memory.
    await buildCommands({ worker: DIST_COMMANDS.worker }, WORKER_DIR);
    workers = await startWorkers(world, 2);
    log(`workers: node ${WORKER_DIR}/worker.mjs, compiled from the sources`);
    await world.db.link.updateMany({ where: { nextCheckAt: { not: null } }, data: { nextCheckAt: new Date() } });
    workers.phase("pass");
    const passStarted = new Date();
    while ((await world.db.link.count({ where: { ...holding, nextCheckAt: { lte: passStarted } } })) > 0) await sleep(250);
    log(`full pass in a worker process: peak worker RSS so far ${workers.peakRssMb().toFixed(0)} MB; load ${load()}`);
    world.proxy.reset();

    // 3. A burst of simultaneous registrations through the web tier (its own database pool), carried by the workers.
    workers.phase("burst");
    const web = { ...world.engine, db: createPrismaClient(world.databaseUrl) };
    const serviceOf = new Map<string, Service>();
    t = Date.now();
    const results = await Promise.allSettled(
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
    const registered = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const failures = results.filter((r) => r.status === "rejected");
    for (const failure of failures.slice(0, 3)) log(`  registration failed: ${String((failure as PromiseRejectedResult).reason)}`);
    log(`${registered.length} of ${REGISTRATIONS} registrations committed in ${seconds(registeredMs)}; load ${load()}`);
    await waitForAll(world, registered, "pending_acceptance");
    const burstMs = Date.now() - t;
    const burstCalls = world.proxy.reset();
    const creates = burstCalls.byAction.CreateVpcEndpoint ?? 0;
    const throttledCreates = burstCalls.throttledByAction.CreateVpcEndpoint ?? 0;
    const perRegionBurst = REGIONS.map((_, r) => Array.from({ length: REGISTRATIONS }, (_, i) => i).filter((i) => i % REGIONS.length === r).length);
    const burstFloorMs = Math.max(...perRegionBurst.map((n) => (Math.max(0, n - EC2_MUTATION_BUDGET.burst) / EC2_MUTATION_BUDGET.refillPerSecond) * 1000));
    log(
      `all pending_acceptance after ${seconds(burstMs)} (EC2 floor ${seconds(burstFloorMs)}); ${burstCalls.total} AWS calls, ${creates} CreateVpcEndpoint, ${throttledCreates} of them throttled`,
    );

    // 4. Detection: customers accept at random moments over 30 s.
    workers.phase("detection");
    const sample = registered.slice(0, SAMPLE);
    const acceptedAt = await answerAtRandom(world, sample, serviceOf, "accept");
    await waitForAll(world, sample, "available");
    const detection = await latenciesSince(world, acceptedAt);
    log(
      `detection (acceptance -> available), ${detection.length} links: p50 ${percentile(detection, 50)} s, p95 ${percentile(detection, 95)} s; load ${load()}`,
    );

    // 5. Revocation: the same customers reject the now available connections over 30 s.
    workers.phase("revocation");
    const rejectedAt = await answerAtRandom(world, sample, serviceOf, "reject");
    await waitForAll(world, sample, "disconnected");
    const revocation = await latenciesSince(world, rejectedAt);
    log(
      `revocation (rejection -> disconnected), ${revocation.length} links: p50 ${percentile(revocation, 50)} s, p95 ${percentile(revocation, 95)} s; load ${load()}`,
    );

    // 6. Everything settled: the describe calls of the settled links' passes over a window.
    workers.phase("settled");
    const byService = new Map<string, Service>();
    for (const services of [pendingServices, ...burstServices])
      for (const list of services.values()) for (const service of list) byService.set(service.serviceName, service);
    const waiting = await world.db.link.findMany({ where: { state: "pending_acceptance" }, select: { endpointId: true, serviceName: true, region: true } });
    const groups = new Map<string, typeof waiting>();
    for (const link of waiting) groups.set(link.serviceName, [...(groups.get(link.serviceName) ?? []), link]);
    // Setting up the window is not measured: the customers' accepts go through without EC2's budget.
    world.sandbox.runtime.throttler.options = { enabled: false, refillMultiplier: 1 };
    for (const [serviceName, links] of groups) {
      const service = byService.get(serviceName)!;
      await world
        .customerClient(service.customer, links[0]!.region)
        .send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: service.serviceId, VpcEndpointIds: links.map((l) => l.endpointId!) }));
    }
    world.sandbox.runtime.throttler.options = { enabled: true, refillMultiplier: 1 };
    while ((await world.db.link.count({ where: { state: { in: [...IN_TRANSITION] } } })) > 0) await sleep(250);
    world.proxy.reset();
    await sleep(SETTLED_WINDOW_MS);
    const settledCalls = world.proxy.reset();
    const settledLinks = await world.db.link.count({ where: holding });
    const settledSharePct = (describeCalls(settledCalls) / ((SETTLED_WINDOW_MS / 1000) * DESCRIBE_BUDGET_PER_SECOND * REGIONS.length)) * 100;
    log(
      `settled: ${settledLinks} links, ${describeCalls(settledCalls)} DescribeVpcEndpoints in ${seconds(SETTLED_WINDOW_MS)} (${settledSharePct.toFixed(2)} % of the describe budget)`,
    );

    const figures = {
      links: LINKS,
      regions: REGIONS.length,
      describeCallsPerPass: describeCalls(passCalls),
      describeLimitPerPass,
      naiveCallsPerPass: naiveCalls.total,
      burstRegistrations: REGISTRATIONS,
      registrationFailures: failures.length,
      burstSeconds: round1(burstMs / 1000),
      burstFloorSeconds: round1(burstFloorMs / 1000),
      throttledCreatesPct: round1(creates ? (throttledCreates / creates) * 100 : 0),
      detectionP50Seconds: round1(percentile(detection, 50)),
      detectionP95Seconds: round1(percentile(detection, 95)),
      revocationP95Seconds: round1(percentile(revocation, 95)),
      settledDescribeSharePct: Math.round(settledSharePct * 100) / 100,
      workerPeakRssMb: Math.round(workers.peakRssMb()),
    };
    log(`worker peak RSS by phase (MB, each worker): ${workers.peaksByPhase()}`);
    log(`load at the end ${load()}`);
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await workers?.stop();
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
