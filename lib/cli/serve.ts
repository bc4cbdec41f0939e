import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { seedDemoData } from "@/prisma/seed";
import { createPrismaClient } from "@/lib/db/client";
import { appUrl } from "@/lib/env";
import { authSecret, loadEnv, prepareDatabase, say, writeDataFile } from "./runtime";

/**
 * `npm run dev` and `npm start`: the database (embedded unless DATABASE_URL is set), migrations,
 * the demo seed, then the Next.js server as a child process that inherits the resolved settings.
 * Later parts (the sandbox AWS, the worker) join as more children here.
 */
export async function serve(mode: "dev" | "start"): Promise<void> {
  const env = loadEnv();
  const database = await prepareDatabase(env);
  const shouldSeed = mode === "dev" || database.isEmbedded;
  if (shouldSeed) await seedAndAnnounce(database.url);

  const url = appUrl(env);
  const child = spawn(process.execPath, serverArgs(mode, env.PORT), {
    env: {
      ...process.env,
      PORT: String(env.PORT),
      HOSTNAME: mode === "dev" ? "localhost" : "0.0.0.0",
      DATABASE_URL: database.url,
      AUTH_SECRET: authSecret(env),
      NEXTAUTH_URL: url,
      NODE_ENV: mode === "dev" ? "development" : "production",
    },
    stdio: ["inherit", "pipe", "inherit"],
  });
  await pipeLogs(child, env.LOG_FORMAT ?? (mode === "dev" ? "pretty" : "json"));
  say(`portal on ${url} (sign in at ${url}/sign-in)`);

  let isStopping = false;
  const stop = async (code: number) => {
    if (isStopping) return;
    isStopping = true;
    if (child.exitCode === null) child.kill("SIGTERM");
    await database.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  child.on("exit", (code) => void stop(code ?? 1));
}

/** `next dev`, or the standalone production server that `npm run build` made. */
function serverArgs(mode: "dev" | "start", port: number): string[] {
  if (mode === "dev") return [createRequire(import.meta.url).resolve("next/dist/bin/next"), "dev", "--port", String(port)];
  const server = path.resolve(".next/standalone/server.js");
  if (!existsSync(server)) throw new Error("no production build found: run `npm run build` first");
  return [server];
}

async function seedAndAnnounce(databaseUrl: string): Promise<void> {
  const db = createPrismaClient(databaseUrl);
  try {
    const credentials = await seedDemoData(db);
    const file = writeDataFile("demo-credentials.json", credentials);
    say(`demo sign-ins (also in ${file}):`);
    for (const user of credentials.users) {
      say(`  ${user.role.padEnd(8)} ${user.email.padEnd(28)} ${user.password}${user.organization ? `  (${user.organization})` : ""}`);
    }
  } finally {
    await db.$disconnect();
  }
}

/** The server logs JSON; in pretty mode it is made readable here, outside the server. */
async function pipeLogs(child: ChildProcess, format: "json" | "pretty"): Promise<void> {
  if (!child.stdout) return;
  if (format === "json") {
    child.stdout.pipe(process.stdout);
    return;
  }
  const { default: pretty } = await import("pino-pretty");
  child.stdout.pipe(pretty({ colorize: true, translateTime: "HH:MM:ss", ignore: "pid,hostname,service" }));
}
