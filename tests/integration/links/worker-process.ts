import { spawn, type ChildProcess } from "node:child_process";
import type { Sandbox } from "@privatelink-portal/sandbox-aws";
import { credentialsOf, VENDOR } from "@privatelink-portal/sandbox-aws/testing";

/**
 * `scripts/worker.ts` in its own process, as `npm run worker` runs it, against this test file's
 * database and sandbox; resolves once it says it is running. A variable set to undefined is left out.
 */
export async function startWorkerProcess(sandbox: Sandbox, variables: Record<string, string | undefined> = {}): Promise<ChildProcess> {
  const vendor = credentialsOf(VENDOR);
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      NODE_ENV: "test",
      DATABASE_URL: process.env.DATABASE_URL,
      AWS_ENDPOINT_URL: sandbox.url,
      AWS_ACCESS_KEY_ID: vendor.accessKeyId,
      AWS_SECRET_ACCESS_KEY: vendor.secretAccessKey,
      AWS_REGION: "us-east-1",
      LOG_LEVEL: "silent",
      ...variables,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("worker running")) resolve();
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code, signal) => {
      reject(new Error(`the worker exited (${code ?? signal}) before it ran:\n${output}`));
    });
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

/** Resolves with the exit code (or signal) once `child` has exited. */
export function exitOf(child: ChildProcess): Promise<number | NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
}
