import "server-only";
import { engineFromEnv, type Engine } from "@/lib/links/engine";

/**
 * The engine the routes hand to the link verbs: built once from the environment. Integration
 * tests point the routes at their own engine (a test database and the sandbox AWS) with
 * `setApiEngine`.
 */
let override: Engine | undefined;
let fromEnv: Engine | undefined;

export function apiEngine(): Engine {
  return override ?? (fromEnv ??= engineFromEnv());
}

export function setApiEngine(engine: Engine | undefined): void {
  override = engine;
}
