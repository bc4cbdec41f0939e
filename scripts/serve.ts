import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { documentedDemoSecrets, revokeDocumentedDemoSecrets, seedDemoData, type DemoCredentials } from "@/prisma/seed";
import { awsConfigFromEnv } from "@/lib/aws/config";
import { createPrismaClient } from "@/lib/db/client";
import { appUrl, parseEnv, type Env } from "@/lib/env";
import { syncVendorRegions } from "@/lib/links/vendor-network";
import { REGIONS as SANDBOX_REGIONS } from "@privatelink-portal/sandbox-aws/seed";
import { setUpAws, type AwsSetup } from "./aws-default";
import { localBaseUrl, SIGN_IN_PATHS, warmUp } from "./dev-warm-up";
import { seedDemoLink } from "./demo-link";
import { setUpMail } from "./mail-default";
import { demoSeedPlan, installationDemoSecrets, isLoopbackHost, type DemoSeedPlan } from "./demo-secrets";
import { authSecret, loadEnv, prepareDatabase, say, writeDataFile } from "./runtime";

/**
 * `npm run dev` and `npm start`: the database (embedded unless DATABASE_URL is set), migrations,
 * the sandbox AWS (unless AWS is configured), the loopback mail receiver (unless SMTP_URL is set), the sandbox's regions, the demo seed, then the
 * Next.js server and a worker as child processes that inherit the resolved settings.
 */
export async function serve(mode: "dev" | "start"): Promise<void> {
  const env = loadEnv();
  const webArgs = serverArgs(mode, env.PORT, env.HOST);
  const workerCommand = env.RUN_WORKER ? workerArgs(mode) : null;
  const database = await prepareDatabase(env);
  const aws = await setUpAws(env);
  const mail = await setUpMail(env);
  const childVariables = { DATABASE_URL: database.url, AUTH_SECRET: authSecret(env), NEXTAUTH_URL: appUrl(env), ...aws.env, ...mail.env };
  await prepareData(parseEnv({ ...process.env, ...childVariables }), database.url, aws, {
    plan: demoSeedPlan({ mode, host: env.HOST, isEmbedded: database.isEmbedded }),
    showPasswords: mode === "dev",
  });

  const url = appUrl(env);
  const children: ChildProcess[] = [];
  // Both children run with the same NODE_ENV, and dev's defaults (DEV_DEFAULTS) give way to the shell's settings.
  const childEnv = {
    ...(mode === "dev" ? DEV_DEFAULTS : {}),
    ...process.env,
    ...childVariables,
    NODE_ENV: mode === "dev" ? ("development" as const) : ("production" as const),
  };
  const web = spawn(process.execPath, webArgs, {
    env: { ...childEnv, PORT: String(env.PORT), HOSTNAME: env.HOST, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["inherit", "pipe", "inherit"],
  });
  children.push(web);
  await pipeLogs(web, env.LOG_FORMAT ?? (mode === "dev" ? "pretty" : "json"));
  if (workerCommand) {
    const worker = spawn(process.execPath, workerCommand, {
      env: childEnv,
      stdio: ["inherit", "pipe", "inherit"],
    });
    children.push(worker);
    await pipeLogs(worker, env.LOG_FORMAT ?? (mode === "dev" ? "pretty" : "json"));
  }
  const announce = (ready = "") =>
    say(`portal on ${url} (sign in at ${url}/sign-in)${env.RUN_WORKER ? " with a worker" : ""}, Node ${process.version}${ready}`);
  const warming = new AbortController();
  if (mode === "dev" && env.DEV_WARM_UP) void warmMainPages(localBaseUrl(env.HOST, env.PORT), announce, warming.signal);
  else announce();

  let isStopping = false;
  const stop = async (code: number) => {
    if (isStopping) return;
    isStopping = true;
    warming.abort();
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : undefined)));
    await aws.stop();
    await mail.stop();
    await database.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  for (const child of children) child.on("exit", (code) => void stop(code ?? 1));
}

/** The address is announced once the sign-in page and its auth routes answer (compiled), so a first sign-in does not wait for the compiler. */
async function warmMainPages(baseUrl: string, announce: (ready: string) => void, signal: AbortSignal): Promise<void> {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const warmed = await warmUp(baseUrl, {
    signal,
    onWarmed: ({ path }) => (path === SIGN_IN_PATHS.at(-1) ? announce(`; sign-in compiled, ${seconds()} s after the server's start`) : undefined),
  });
  if (signal.aborted) return;
  say(`${warmed.length} main pages compiled, ${seconds()} s after the server's start, so first visits are fast (DEV_WARM_UP=false skips this)`);
}

/**
 * Against the sandbox, its regions (each region's VPC as the sandbox made it) for those not set
 * up yet, so edits made since survive a restart; against any other AWS, regions are only what an
 * admin saved (`npm run regions`, the console), never guessed. Then the demo seed, as `plan` says (scripts/demo-secrets.ts).
 * Its passwords go to .data/demo-credentials.json, and to the terminal only for `npm run dev` (the documented ones):
 * `npm start` output ends up in production logs. Off loopback, the documented secrets are revoked instead.
 */
async function prepareData(
  env: Env,
  databaseUrl: string,
  aws: AwsSetup,
  { plan, showPasswords }: { plan: DemoSeedPlan; showPasswords: boolean },
): Promise<void> {
  const db = createPrismaClient(databaseUrl);
  try {
    if (aws.sandbox) {
      const stored = new Set((await db.vendorRegion.findMany({ select: { region: true } })).map((r) => r.region));
      const names = SANDBOX_REGIONS.map((r) => r.name);
      // us-east-1 plays a region where we lack capacity in one zone, which we then never use. It is use1-az1: the seeded
      // customers' NLBs share use1-az2 and az3 (Acme) and only az3 (Globex) with our subnets, so excluding az3 would leave
      // Globex no zone at all. 22 lets a customer try an SSH bastion behind its NLB.
      const missing = names
        .filter((region) => !stored.has(region))
        .map((region) => ({
          region,
          ports: [22, 443, 5432],
          crossRegionTo: names.filter((r) => r !== region),
          excludedAzIds: region === "us-east-1" ? ["use1-az1"] : [],
        }));
      await syncVendorRegions({ db, aws: awsConfigFromEnv(env) }, missing);
    } else if ((await db.vendorRegion.count({ where: { isOffered: true } })) === 0) {
      say("no region is offered yet, so customers can register no link: set one up with `npm run regions -- set` (README, Deploying) or in the admin console");
    }
    if (!isLoopbackHost(env.HOST)) await revokeDocumentedDemoSecrets(db);
    if (!plan.seed) return plan.refusal ? say(plan.refusal) : undefined;
    const credentials: DemoCredentials = await seedDemoData(db, plan.secrets === "documented" ? documentedDemoSecrets() : installationDemoSecrets());
    if (aws.sandbox) {
      credentials.sandbox = aws.sandbox;
      await seedDemoLink(db, env, aws.sandbox.endpoint);
    }
    const file = writeDataFile("demo-credentials.json", credentials);
    if (!showPasswords) return say(`demo data seeded: sign-ins and API keys are in ${file}`);
    say(`demo sign-ins (also in ${file}):`);
    for (const user of credentials.users) {
      say(`  ${user.role.padEnd(8)} ${user.email.padEnd(28)} ${user.password}${user.organization ? `  (${user.organization})` : ""}`);
    }
  } finally {
    await db.$disconnect();
  }
}

/**
 * `npm run dev` only: local webhook receivers (loopback, plain http) are allowed unless the shell
 * says otherwise. Every other entry point keeps the safe default.
 */
const DEV_DEFAULTS = { WEBHOOK_ALLOW_PRIVATE_URLS: "true" };

/**
 * `next dev` with the Node server hooks (scripts/server), or the standalone production server that
 * `npm run build` made (its server.js loads them itself).
 */
function serverArgs(mode: "dev" | "start", port: number, host: string): string[] {
  if (mode === "dev") {
    const hooks = `--import=${path.resolve("scripts/server/install-node-hooks.mjs")}`;
    return [hooks, createRequire(import.meta.url).resolve("next/dist/bin/next"), "dev", "--port", String(port), "--hostname", host];
  }
  const server = path.resolve(".next/standalone/server.js");
  if (!existsSync(server)) throw new Error("no production build found: run `npm run build` first");
  return [server];
}

/** The worker from its sources (without React's server build: scripts/server-only-hook.mjs), or as `npm run build` compiled it (dist/). */
function workerArgs(mode: "dev" | "start"): string[] {
  if (mode === "dev") return ["--import", path.resolve("scripts/server-only-hook.mjs"), "--import", "tsx", path.resolve("scripts/worker.ts")];
  const worker = path.resolve("dist/worker.mjs");
  if (!existsSync(worker)) throw new Error("no compiled worker found: run `npm run build` first");
  return [worker];
}

/** The server logs JSON; in pretty mode it is made readable here, outside the server, a line per entry. */
async function pipeLogs(child: ChildProcess, format: "json" | "pretty"): Promise<void> {
  if (!child.stdout) return;
  if (format === "json") {
    child.stdout.pipe(process.stdout);
    return;
  }
  const { default: pretty } = await import("pino-pretty");
  child.stdout.pipe(pretty({ colorize: true, singleLine: true, translateTime: "HH:MM:ss", ignore: "pid,hostname,service" }));
}
