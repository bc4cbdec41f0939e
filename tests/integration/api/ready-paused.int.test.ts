import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as ready } from "@/app/api/ready/route";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { withTempDir } from "../fixtures/temp-dir";

/**
 * /api/ready while PostgreSQL does not answer: a PostgreSQL of this file's own (the shared one
 * serves the other test files) is paused with SIGSTOP, postmaster and backends, as a hung or
 * overloaded server would be: connections are accepted by the kernel and then nothing comes back.
 * The readiness answer must still come, a 503, within its 2 s contract (asserted loosely: the
 * database stays paused until every answer is in, so a hang cannot pass).
 */
const dir = withTempDir("privatelink-paused-pg-");
let postgres: EmbeddedPostgresHandle;
let pids: number[] = [];

function postgresProcesses(): number[] {
  const postmaster = Number(readFileSync(path.join(dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
  const children = execFileSync("ps", ["-o", "pid=", "--ppid", String(postmaster)], { encoding: "utf8" })
    .split("\n")
    .map(Number)
    .filter(Boolean);
  return [postmaster, ...children];
}
const signal = (name: NodeJS.Signals) => pids.forEach((pid) => process.kill(pid, name));
const check = async () => {
  const started = performance.now();
  const response = await ready(new Request("http://localhost/api/ready"), { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as { status: string; reason?: string }, ms: performance.now() - started };
};

beforeAll(async () => {
  chmodSync(dir, 0o755); // the server runs as its own OS user when we are root
  postgres = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port: 0 });
  process.env.DATABASE_URL = await ensureDatabase(postgres.serverUrl, "paused");
  process.env.LOG_LEVEL = "silent";
  await migrate(process.env.DATABASE_URL);
});

afterAll(async () => {
  if (pids.length) signal("SIGCONT");
  await postgres?.stop();
});

describe("GET /api/ready when the database does not answer", () => {
  it("answers 503 within its 2 s contract while PostgreSQL is paused, and 200 once it runs again", async () => {
    expect((await check()).status).toBe(200);
    pids = postgresProcesses();
    signal("SIGSTOP");
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, check));
      for (const answer of answers) {
        expect(answer.status).toBe(503);
        expect(answer.body).toEqual({ status: "not_ready", reason: expect.stringMatching(/^database check failed: .*timeout/i) });
        expect(answer.ms).toBeLessThan(5_000);
      }
      const later = await check(); // a probe after the first ones is bounded the same way
      expect(later).toMatchObject({ status: 503 });
      expect(later.ms).toBeLessThan(5_000);
    } finally {
      signal("SIGCONT");
      pids = [];
    }
    expect((await check()).status).toBe(200);
  });
});
