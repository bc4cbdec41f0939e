import type { Engine } from "@/lib/engine";
import { getEnv } from "@/lib/env";

// RELEASE_AFTER_SECONDS (README, Configuration); tests replace it per engine.
export type ReleaseConfig = {
  /** How long our endpoint outlives a link the customer turned away. */
  afterMs: number;
};

declare module "@/lib/engine" {
  interface EngineOverrides {
    release?: Partial<ReleaseConfig>;
  }
}

export function releaseConfigOf(engine: Pick<Engine, "overrides"> | undefined): ReleaseConfig {
  return { afterMs: getEnv().RELEASE_AFTER_SECONDS * 1000, ...engine?.overrides?.release };
}
