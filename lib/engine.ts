import "server-only";
import { awsConfigFromEnv, principalSettingsFromEnv, type AwsConfig, type PrincipalSettings } from "@/lib/aws/config";
import { getDb, type Db } from "@/lib/db/client";
import type { Budget } from "@/lib/db/token-bucket";

export type Engine = {
  db: Db;
  aws: AwsConfig;
  principals: PrincipalSettings;
  budgets: { create: Budget; delete: Budget };
  overrides?: EngineOverrides;
};

// A domain's settings replaced per engine (tests: shorter webhook retries). Each domain adds its key
// beside its settings (`declare module "@/lib/engine"`), so the engine names no domain.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the domains, through declaration merging
export interface EngineOverrides {}

/** EC2's published budgets per account and region for CreateVpcEndpoint and DeleteVpcEndpoints. */
export const EC2_MUTATION_BUDGET: Budget = { burst: 4, refillPerSecond: 0.3 };

/** `env`: settings resolved by a command before they are the process's own (scripts/demo-link.ts); default the process's. */
export function engineFromEnv(db: Db = getDb(), env?: Parameters<typeof awsConfigFromEnv>[0]): Engine {
  return {
    db,
    aws: awsConfigFromEnv(env),
    principals: principalSettingsFromEnv(env),
    budgets: { create: EC2_MUTATION_BUDGET, delete: EC2_MUTATION_BUDGET },
  };
}

let override: Engine | undefined;
let fromEnv: Engine | undefined;

export function appEngine(): Engine {
  return override ?? (fromEnv ??= engineFromEnv());
}

export function setAppEngine(engine: Engine | undefined): void {
  override = engine;
}
