import { createPrismaClient } from "@/lib/db/client";
import { startWorker } from "@/lib/jobs/worker";
import { engineFromEnv } from "@/lib/links/engine";
import { loadEnv, prepareDatabase, run, say } from "./runtime";

/**
 * `npm run worker`: one worker; start as many as you like against the same database. Stops
 * gracefully on SIGINT/SIGTERM (running jobs finish); a worker killed outright loses nothing:
 * its jobs expire and run again elsewhere.
 */
run(async () => {
  const env = loadEnv();
  const database = await prepareDatabase(env);
  const db = createPrismaClient(database.url);
  const worker = await startWorker({
    databaseUrl: database.url,
    engine: engineFromEnv(db),
    log: (event, fields) => process.stdout.write(`${JSON.stringify({ level: 30, time: new Date().toISOString(), service: "worker", msg: event, ...fields })}\n`),
  });
  say(`worker running (pid ${process.pid})`);
  const stop = async () => {
    await worker.stop();
    await db.$disconnect();
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
});
