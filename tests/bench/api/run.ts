import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { generateApiKey } from "@/lib/api-keys/keys";
import { ensureDatabase, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { freePort } from "../../fixtures/free-port";

/**
 * `npm run bench:api` (after `npm run build`): the production server (.next/standalone) on a
 * loopback port with its own embedded PostgreSQL and 10,000 links in one organization, against
 * GET /api/v1/links and GET /api/v1/links/{id} with an API key; then a minimal Node http + pg
 * server (floor.ts) answering the same queries, in the same run. Each server is measured alone.
 */
const LINKS = Number(process.env.BENCH_LINKS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP_SECONDS = 2;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** A folder: the production server then writes a V8 CPU profile of the whole run there (`node --cpu-prof`). */
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF;

function say(message: string) {
  process.stdout.write(`[bench:api] ${message}\n`);
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer`);
}

async function seed(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "Organization" ("id", "slug", "name", "plan", "linkQuota", "updatedAt") VALUES (gen_random_uuid(), 'bench', 'Bench', 'enterprise', $1, now()) RETURNING "id"`,
      [LINKS + 10],
    );
    const organizationId = rows[0]!.id;
    // Spread over a day so the keyset index has real order to walk; every link has checks and DNS names.
    await client.query(
      `INSERT INTO "Link" ("id", "organizationId", "name", "serviceName", "serviceRegion", "region", "ports", "state", "checks", "endpointId", "dnsNames", "createdAt", "updatedAt", "stateChangedAt")
       SELECT gen_random_uuid(), $1, 'link-' || n, 'com.amazonaws.vpce.us-east-1.vpce-svc-' || lpad(to_hex(n), 17, '0'), 'us-east-1', 'us-east-1', ARRAY[5432], 'available',
              '[{"name":"service_visible","status":"pass","detail":"visible"},{"name":"az_overlap","status":"pass","detail":"use1-az1, use1-az2"}]'::jsonb,
              'vpce-' || lpad(to_hex(n), 17, '0'),
              jsonb_build_object('regional', jsonb_build_array('vpce-' || n || '.vpce-svc.us-east-1.vpce.amazonaws.com'), 'zonal', jsonb_build_array('vpce-' || n || '-use1-az1.vpce-svc.us-east-1.vpce.amazonaws.com')),
              now() - make_interval(secs => n * 8), now(), now()
       FROM generate_series(1, $2) AS n`,
      [organizationId, LINKS],
    );
    const key = generateApiKey();
    await client.query(
      `INSERT INTO "ApiKey" ("id", "organizationId", "name", "prefix", "secretHash", "scopes") VALUES (gen_random_uuid(), $1, 'bench', $2, $3, ARRAY['read'])`,
      [organizationId, key.prefix, key.secretHash],
    );
    const ids = (await client.query<{ id: string }>(`SELECT "id" FROM "Link" WHERE "organizationId" = $1`, [organizationId])).rows.map((r) => r.id);
    await client.query("ANALYZE");
    return { organizationId, key: key.key, ids };
  } finally {
    await client.end();
  }
}

type Result = { requests: number; errors: number; seconds: number; latencies: number[] };

/** A fixed number of concurrent keep-alive clients, each sending its next request as soon as the last is answered. */
async function load(base: string, paths: () => string, headers: Record<string, string>, seconds: number): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const one = (target: string) =>
    new Promise<number>((resolve) => {
      const request = http.get(`${base}${target}`, { agent, headers }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      });
      request.on("error", () => resolve(0));
    });
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const status = await one(paths());
        latencies.push(performance.now() - t0);
        if (status !== 200) errors += 1;
      }
    }),
  );
  agent.destroy();
  return { requests: latencies.length, errors, seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/** CPU time (user + system) a process has used, from /proc (Linux); NaN elsewhere. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (100 Hz)
  } catch {
    return Number.NaN;
  }
}

async function measure(name: string, base: string, paths: () => string, headers: Record<string, string>, pid: number | undefined) {
  await load(base, paths, headers, WARMUP_SECONDS);
  const cpuBefore = cpuMs(pid);
  const result = await load(base, paths, headers, SECONDS);
  const row = {
    name,
    rps: result.requests / result.seconds,
    p50: percentile(result.latencies, 50),
    p99: percentile(result.latencies, 99),
    errors: result.errors,
    // The server's own CPU per request: steadier than req/s on a shared machine.
    cpuPerRequest: (cpuMs(pid) - cpuBefore) / result.requests,
  };
  say(
    `${name}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms, ${row.cpuPerRequest.toFixed(2)} ms CPU/request, ${row.errors} non-200`,
  );
  return row;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

async function main() {
  const server = path.resolve(".next/standalone/server.js");
  if (!existsSync(server)) throw new Error("no production build: run `npm run build` first");
  const dir = mkdtempSync(path.join(tmpdir(), "privatelink-bench-api-"));
  chmodSync(dir, 0o755);
  const embedded = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port: 0 });
  const children: ChildProcess[] = [];
  try {
    const databaseUrl = await ensureDatabase(embedded.serverUrl, "bench");
    await migrate(databaseUrl);
    const { organizationId, key, ids } = await seed(databaseUrl);
    say(`${ids.length} links in one organization; concurrency ${CONCURRENCY}, ${ROUNDS} rounds of ${SECONDS} s per case after ${WARMUP_SECONDS} s warm-up`);
    let next = 0;
    const anyLink = () => ids[(next = (next + 7919) % ids.length)]!;

    const appPort = await freePort();
    const profile = CPU_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(CPU_PROFILE_DIR)}`] : [];
    const app = spawn(process.execPath, [...profile, server], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(appPort),
        HOSTNAME: "127.0.0.1",
        APP_URL: `http://127.0.0.1:${appPort}`,
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: "bench-secret-bench-secret-bench-secret-00",
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
        API_RATE_LIMIT_PER_MINUTE: "100000000",
        API_RATE_LIMIT_ORG_PER_MINUTE: "100000000",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    children.push(app);
    const floorPort = await freePort();
    const floor = spawn(process.execPath, ["--import", "tsx", path.resolve("tests/bench/api/floor.ts")], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(floorPort), ORGANIZATION_ID: organizationId },
      stdio: ["ignore", "ignore", "inherit"],
    });
    children.push(floor);
    const appBase = `http://127.0.0.1:${appPort}`;
    const floorBase = `http://127.0.0.1:${floorPort}`;
    await waitFor(`${appBase}/api/health`, app);
    await waitFor(`${floorBase}/links/${ids[0]}`, floor);
    const auth = { authorization: `Bearer ${key}` };
    const cases = [
      { name: "api   GET /api/v1/links?limit=25", base: appBase, path: () => "/api/v1/links?limit=25", headers: auth, pid: app.pid },
      { name: "floor GET /links?limit=25", base: floorBase, path: () => "/links?limit=25", headers: {}, pid: floor.pid },
      { name: "api   GET /api/v1/links/{id}", base: appBase, path: () => `/api/v1/links/${anyLink()}`, headers: auth, pid: app.pid },
      { name: "floor GET /links/{id}", base: floorBase, path: () => `/links/${anyLink()}`, headers: {}, pid: floor.pid },
      // Next's own cost: a route through the same wrapper with no authentication and no database.
      { name: "next  GET /api/health", base: appBase, path: () => "/api/health", headers: {}, pid: app.pid },
    ];
    // Rounds alternate the API and the floor, so a busy moment on the machine hits both; the median round counts.
    const runs = new Map<string, Awaited<ReturnType<typeof measure>>[]>();
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const c of cases) {
        const row = await measure(`${c.name} (round ${round})`, c.base, c.path, c.headers, c.pid);
        runs.set(c.name, [...(runs.get(c.name) ?? []), { ...row, name: c.name }]);
      }
    }
    const rows = cases.map((c) => {
      const sorted = [...runs.get(c.name)!].sort((a, b) => a.rps - b.rps);
      return sorted[Math.floor(sorted.length / 2)]!;
    });

    process.stdout.write(`\nmedian of ${ROUNDS} rounds, concurrency ${CONCURRENCY}, ${SECONDS} s each, ${ids.length} links\n`);
    process.stdout.write("| case | req/s | p50 ms | p99 ms | server CPU ms/request | non-200 |\n|---|---:|---:|---:|---:|---:|\n");
    for (const row of rows) {
      process.stdout.write(
        `| ${row.name} | ${row.rps.toFixed(0)} | ${row.p50.toFixed(1)} | ${row.p99.toFixed(1)} | ${row.cpuPerRequest.toFixed(2)} | ${row.errors} |\n`,
      );
    }
    const [list, floorList, detail, floorDetail, emptyRoute] = rows as [
      (typeof rows)[0],
      (typeof rows)[0],
      (typeof rows)[0],
      (typeof rows)[0],
      (typeof rows)[0],
    ];
    process.stdout.write(`\nfloor/api throughput: list ${(floorList.rps / list.rps).toFixed(1)}x, detail ${(floorDetail.rps / detail.rps).toFixed(1)}x\n`);
    process.stdout.write(`api/floor p50: list ${(list.p50 / floorList.p50).toFixed(1)}x, detail ${(detail.p50 / floorDetail.p50).toFixed(1)}x\n`);
    process.stdout.write(
      `api/floor server CPU per request: list ${(list.cpuPerRequest / floorList.cpuPerRequest).toFixed(1)}x, detail ${(detail.cpuPerRequest / floorDetail.cpuPerRequest).toFixed(1)}x\n`,
    );
    const figure = (value: number) => Math.round(value * 100) / 100;
    process.stdout.write(
      `${JSON.stringify({
        concurrency: CONCURRENCY,
        links: ids.length,
        listRps: figure(list.rps),
        listFloorRps: figure(floorList.rps),
        listRatioToFloor: figure(list.rps / floorList.rps),
        listCpuMsPerRequest: figure(list.cpuPerRequest),
        listFloorCpuMsPerRequest: figure(floorList.cpuPerRequest),
        detailRps: figure(detail.rps),
        detailFloorRps: figure(floorDetail.rps),
        detailRatioToFloor: figure(detail.rps / floorDetail.rps),
        detailCpuMsPerRequest: figure(detail.cpuPerRequest),
        detailFloorCpuMsPerRequest: figure(floorDetail.cpuPerRequest),
        nextEmptyRouteCpuMsPerRequest: figure(emptyRoute.cpuPerRequest),
      })}\n`,
    );
  } finally {
    await Promise.all(children.map(stop));
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
