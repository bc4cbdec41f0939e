import { startEmbeddedPostgres, ensureDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { installJobQueues } from "@/lib/jobs/queue";
import { ALL_JOBS } from "@/lib/job-list";
const pg = await startEmbeddedPostgres({ dir: "/tmp/bk/data", port: 0, log: console.log });
const url = await ensureDatabase(pg.serverUrl, "privatelink");
await migrate(url); await installJobQueues(url, ALL_JOBS);
console.log(url);
