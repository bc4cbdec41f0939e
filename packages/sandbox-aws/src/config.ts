import { z } from "zod";
import { DEFAULT_DATA_PLANE_PORTS } from "./data-plane/data-plane";
import type { SandboxOptions } from "./server";

/**
 * The sandbox's settings, from its SANDBOX_* variables (README.md): the one module of this package
 * that reads process.env.
 */

const flag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "on", "off"], { error: "expected true or false" })
    .default(fallback ? "true" : "false")
    .transform((value) => value === "true" || value === "1" || value === "on");

const port = z.coerce
  .number({ error: "expected a port number" })
  .int("expected a whole number")
  .min(1, "expected a port between 1 and 65535")
  .max(65535, "expected a port between 1 and 65535");

export const sandboxConfigSchema = z.object({
  /** exact: every change seen at once; realistic: AWS's eventual consistency (consistency.ts, docs/SANDBOX.md). */
  SANDBOX_PROFILE: z.enum(["exact", "realistic"], { error: "expected exact or realistic" }).default("exact"),
  /** Seeds the realistic profile's delays; random when unset. */
  SANDBOX_SEED: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce
      .number({ error: "expected an integer" })
      .int("expected an integer")
      .min(0, "expected 0 or more")
      .max(2 ** 32 - 1, "expected at most 4294967295")
      .optional(),
  ),
  SANDBOX_PORT: port.default(4566),
  SANDBOX_HOST: z.string().min(1).default("127.0.0.1"),
  /** Keep sandbox state in this JSON file across restarts; in memory only when unset. */
  SANDBOX_STATE_FILE: z.preprocess((value) => (value === "" ? undefined : value), z.string().min(1).optional()),
  /** pending -> available and deleting -> deleted, in milliseconds. */
  SANDBOX_DELAY_MS: z.coerce.number({ error: "expected milliseconds" }).int().min(0).default(3000),
  /** A connection request nobody accepts expires after this many seconds (AWS: days). */
  SANDBOX_EXPIRE_AFTER_S: z.coerce
    .number({ error: "expected seconds" })
    .int()
    .min(0)
    .default(7 * 24 * 3600),
  SANDBOX_THROTTLING: flag(true),
  /** Multiplies EC2's refill rates (1 = AWS's published numbers). */
  SANDBOX_THROTTLE_REFILL_MULTIPLIER: z.coerce.number({ error: "expected a positive number" }).positive().default(1),
  /** The data plane: the resolver for endpoints' names and connections through the customer's NLB (README). */
  SANDBOX_DATA_PLANE: flag(true),
  /** The resolver's UDP port on SANDBOX_HOST. */
  SANDBOX_DNS_PORT: port.default(4567),
  /** Ports served on every endpoint address besides the listeners' (what a probe may try), comma-separated. */
  SANDBOX_DATA_PLANE_PORTS: z
    .string()
    .default(DEFAULT_DATA_PLANE_PORTS.join(","))
    .transform((value) =>
      value
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean)
        .map(Number),
    )
    .pipe(z.array(z.number().int().min(1, "expected ports between 1 and 65535").max(65535, "expected ports between 1 and 65535"))),
});

export type SandboxConfig = z.infer<typeof sandboxConfigSchema>;

export class SandboxConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "SandboxConfigError";
  }
}

/** Parses the SANDBOX_* variables; throws SandboxConfigError naming each bad one. */
export function readSandboxConfig(source: Record<string, string | undefined> = process.env): SandboxConfig {
  const result = sandboxConfigSchema.safeParse(source);
  if (result.success) return result.data;
  throw new SandboxConfigError(result.error.issues.map((issue) => `${issue.path.join(".") || "(environment)"}: ${issue.message}`));
}

/** What `startSandbox` takes, from the settings. */
export function sandboxOptions(config: SandboxConfig): SandboxOptions {
  return {
    port: config.SANDBOX_PORT,
    host: config.SANDBOX_HOST,
    stateFile: config.SANDBOX_STATE_FILE,
    delays: { pendingMs: config.SANDBOX_DELAY_MS, deletingMs: config.SANDBOX_DELAY_MS, expireAfterMs: config.SANDBOX_EXPIRE_AFTER_S * 1000 },
    throttling: { enabled: config.SANDBOX_THROTTLING, refillMultiplier: config.SANDBOX_THROTTLE_REFILL_MULTIPLIER },
    dataPlane: { enabled: config.SANDBOX_DATA_PLANE, dnsPort: config.SANDBOX_DNS_PORT, ports: config.SANDBOX_DATA_PLANE_PORTS },
    profile: config.SANDBOX_PROFILE,
    seed: config.SANDBOX_SEED,
  };
}
