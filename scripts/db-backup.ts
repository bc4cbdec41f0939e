import { existsSync } from "node:fs";
import path from "node:path";
import { writeBackup } from "@/lib/db/backup";
import { JOB_SCHEMA } from "@/lib/jobs/queue";
import { parseFileArgs } from "./db-file-args";
import { loadEnv, openDatabase, run, say } from "./runtime";

/** `npm run db:backup -- --out FILE`: the database (embedded unless DATABASE_URL) into FILE, in PostgreSQL's plain dump format. */
run(async () => {
  const { file } = parseFileArgs(process.argv.slice(2), "out", "npm run db:backup -- --out FILE");
  const target = path.resolve(file);
  if (!existsSync(path.dirname(target))) throw new Error(`cannot write ${file}: the folder ${path.dirname(target)} does not exist`);
  const database = await openDatabase(loadEnv());
  try {
    const summary = await writeBackup({ databaseUrl: database.url, file: target, jobSchema: JOB_SCHEMA });
    say(
      `backed up ${summary.rows} row(s) of ${summary.tables} table(s) and ${summary.jobs} pending job(s), at migration level ${summary.migrations}, to ${file}`,
    );
  } finally {
    await database.stop();
  }
});
