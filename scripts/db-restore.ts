import { readBackupFile } from "@/lib/db/backup-file";
import { refuseRestoreWhileInUse, restoreBackup } from "@/lib/db/restore";
import { ALL_JOBS } from "@/lib/job-list";
import { installJobQueues, JOB_SCHEMA } from "@/lib/jobs/queue";
import { parseFileArgs } from "./db-file-args";
import { loadEnv, openDatabase, run, say } from "./runtime";

/**
 * `npm run db:restore -- --from FILE [--force]`: replaces the database's data (embedded unless DATABASE_URL) with FILE's,
 * migrated to this checkout's level, in one transaction (lib/db/restore.ts). The file is checked whole before anything starts.
 */
run(async () => {
  const { file, isForced } = parseFileArgs(process.argv.slice(2), "from", "npm run db:restore -- --from FILE [--force]");
  await readBackupFile(file); // a missing or damaged file is refused before a database is even started
  const database = await openDatabase(loadEnv());
  try {
    if (!isForced) await refuseRestoreWhileInUse(database.url); // before the queues below are touched; checked again in the restore
    // pg-boss's own schema, and its queues, which the backup's jobs belong to; idempotent, as at every start.
    await installJobQueues(database.url, ALL_JOBS);
    const summary = await restoreBackup({ databaseUrl: database.url, file, jobSchema: JOB_SCHEMA, force: isForced });
    say(`restored ${summary.rows} row(s) and ${summary.jobs} pending job(s) from ${file}`);
    if (summary.jobsWithoutQueue > 0) say(`left out ${summary.jobsWithoutQueue} job(s) of queues this version no longer has`);
    if (summary.migrationsApplied.length > 0) say(`then applied the migrations the backup predates: ${summary.migrationsApplied.join(", ")}`);
    say("start the portal and its workers: the next reconcile pass settles every difference with AWS (README, Operations)");
  } finally {
    await database.stop();
  }
});
