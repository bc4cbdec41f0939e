import "./lean-heap";
import { createServer, type Server } from "node:http";
import { createPrismaClient } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import { engineFromEnv } from "@/lib/engine";
import { ALL_JOBS } from "@/lib/job-list";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { createLogger } from "@/lib/logger";
import { startTracing } from "@/lib/telemetry";
import { loadEnv, prepareDatabase, run, say } from "./runtime";

/**
 * `npm run worker` (dist/worker.mjs in production): one worker; start as many as you like against
 * the same database. SIGINT/SIGTERM stop it gracefully: running jobs get 10 s to finish, the rest
 * go back to their queues for another worker. A worker killed outright loses nothing either: its
 * jobs expire and run again elsewhere. With WORKER_HEALTH_PORT, GET /health answers 200 while the
 * worker reaches its queues and 503 otherwise (stopping, or the database out of reach).
 */
run(async () => {
  const env = loadEnv();
  const tracing = await startTracing(env, `${env.OTEL_SERVICE_NAME}-worker`);
  const database = await prepareDatabase(env);
  const db = createPrismaClient(database.url);
  const worker = await startWorker({
    databaseUrl: database.url,
    engine: engineFromEnv(db),
    jobs: ALL_JOBS,
    log: createLogger("worker"),
  });
  const health = env.WORKER_HEALTH_PORT ? await serveHealth(worker, env, env.WORKER_HEALTH_PORT) : null;
  say(`worker running (pid ${process.pid}, Node ${process.version})`);

  let isStopping = false;
  const stop = async () => {
    if (isStopping) return;
    isStopping = true;
    await worker.stop();
    health?.close();
    await db.$disconnect();
    await database.stop();
    await tracing?.shutdown();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
});

async function serveHealth(worker: Worker, env: Env, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== "GET" || request.url !== "/health") {
      response.writeHead(404).end();
      return;
    }
    const health = worker.health();
    response.writeHead(health.isHealthy ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(health));
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, env.HOST, resolve));
  say(`worker health on http://${env.HOST}:${port}/health`);
  return server;
}
