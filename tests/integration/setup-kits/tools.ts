import { spawn, spawnSync } from "node:child_process";
import { TARGET_KINDS, type KitInput } from "@/lib/setup-kits/kit";

/** The command-line tools the kit tests run, and every variant of a kit they run them on. */

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

const BASE: KitInput = {
  principalArn: "arn:aws:iam::111111111111:role/privatelink/acme-1a2b3c",
  region: "eu-west-1",
  target: "ip",
  ports: [443, 5432],
  cidrs: ["10.10.0.0/16", "10.11.0.0/16"],
  availabilityZoneIds: ["euw1-az1", "euw1-az2"],
  supportedRegions: ["us-east-1", "us-west-2"],
  s3GatewayEndpoint: false,
};

/** Every target kind, with and without S3, same-region (our AZ IDs) and cross-region-only (none). */
export const VARIANTS: { name: string; input: KitInput }[] = TARGET_KINDS.flatMap((target) =>
  [false, true].flatMap((s3GatewayEndpoint) =>
    [true, false].map((isOurs) => ({
      name: `${target}${s3GatewayEndpoint ? "-s3" : ""}${isOurs ? "" : "-cross-region"}`,
      input: {
        ...BASE,
        target,
        s3GatewayEndpoint,
        ports: target === "instance" ? [22] : BASE.ports,
        availabilityZoneIds: isOurs ? BASE.availabilityZoneIds : [],
        supportedRegions: isOurs ? BASE.supportedRegions : ["us-east-1"],
      },
    })),
  ),
);
