import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withTempDir } from "../fixtures/temp-dir";

/**
 * `npm start` on the embedded database, as an operator runs it, in a scratch folder of its own (its
 * own .data, PostgreSQL and sandbox AWS). The production build is a stand-in server.js that exits
 * at once, so `npm start` shuts everything down after its start-up and the test reads all it said.
 */
const repo = process.cwd();
const dir = withTempDir("privatelink-start-");
chmodSync(dir, 0o755); // PostgreSQL runs as its own OS user when we are root

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("npm start on the embedded database", () => {
  it("keeps the demo passwords out of its output; they are in .data/demo-credentials.json only", async () => {
    symlinkSync(path.join(repo, "prisma"), path.join(dir, "prisma"));
    mkdirSync(path.join(dir, ".next", "standalone"), { recursive: true });
    writeFileSync(path.join(dir, ".next", "standalone", "server.js"), "process.exit(0);\n");
    const [pgPort, sandboxPort, webPort] = [await freePort(), await freePort(), await freePort()];
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", path.join(repo, "node_modules/tsx/dist/loader.mjs"), path.join(repo, "scripts/start.ts")],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          TMPDIR: process.env.TMPDIR,
          TSX_TSCONFIG_PATH: path.join(repo, "tsconfig.json"),
          EMBEDDED_PG_DIR: path.join(dir, "postgres"),
          EMBEDDED_PG_PORT: String(pgPort),
          SANDBOX_PORT: String(sandboxPort),
          PORT: String(webPort),
          AUTH_SECRET: "start-test-secret-start-test-secret-0123",
          RUN_WORKER: "false",
          LOG_LEVEL: "silent",
        } as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv, // no NODE_ENV, as in an operator's shell
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));

    expect(code, output).toBe(0);
    const credentials = JSON.parse(readFileSync(path.join(dir, ".data", "demo-credentials.json"), "utf8")) as { users: { email: string; password: string }[] };
    expect(credentials.users.length).toBeGreaterThan(0);
    for (const user of credentials.users) expect(output).not.toContain(user.password);
    expect(output).toContain("demo data seeded: sign-ins and API keys are in .data/demo-credentials.json");
  });
});
