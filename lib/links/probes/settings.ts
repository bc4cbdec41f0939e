import type { Engine } from "@/lib/engine";
import { getEnv, type Env } from "@/lib/env";

// PROBES, PROBE_INTERVAL_S, PROBE_TIMEOUT_MS, PROBE_DNS_SERVER, PROBE_MAX_SOCKETS (README, Configuration); tests replace them per engine.
export type ProbeConfig = {
  enabled: boolean;
  intervalMs: number;
  timeoutMs: number;
  /** "host:port"; null: the system's resolver. */
  resolver: string | null;
  maxSockets: number;
};

declare module "@/lib/engine" {
  interface EngineOverrides {
    /** Key by key over the environment's. */
    probes?: Partial<ProbeConfig>;
  }
}

export function probeConfigFromEnv(env: Env = getEnv()): ProbeConfig {
  return {
    enabled: env.PROBES === "on",
    intervalMs: env.PROBE_INTERVAL_S * 1000,
    timeoutMs: env.PROBE_TIMEOUT_MS,
    resolver: env.PROBE_DNS_SERVER ?? null,
    maxSockets: env.PROBE_MAX_SOCKETS,
  };
}

export function probeConfigOf(engine: Pick<Engine, "overrides"> | undefined): ProbeConfig {
  return { ...probeConfigFromEnv(), ...engine?.overrides?.probes };
}
