import { spawn, spawnSync } from "node:child_process";

/** The command-line tools the kit tests run. */

export function hasTool(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

/** Names the missing tool in the test's own title, so a skip says why. */
export function toolTitle(name: string, title: string): string {
  return hasTool(name) ? title : `${title} (skipped: ${name} is not installed)`;
}

export type Run = { code: number | null; stdout: string; stderr: string };

/** Runs a command to its end; never rejects, so a failure is asserted with its output. */
export type Env = Record<string, string | undefined>;

export function run(command: string, args: string[], options: { cwd?: string; env?: Env; input?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: (options.env ?? process.env) as NodeJS.ProcessEnv, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) => resolve({ code: -1, stdout, stderr: `${stderr}${error.message}` }));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}
