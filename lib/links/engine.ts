import "server-only";
import { awsConfigFromEnv, principalSettingsFromEnv, type AwsConfig, type PrincipalSettings } from "@/lib/aws/config";
import { getDb, type Db } from "@/lib/db/client";
import type { Budget } from "@/lib/db/token-bucket";

/**
 * What the link verbs and jobs run against: the database, where AWS is and as whom, and EC2's
 * budgets. Built from the environment in the app and the worker; tests build their own.
 */
export type Engine = {
  db: Db;
  aws: AwsConfig;
  principals: PrincipalSettings;
  budgets: { create: Budget; delete: Budget };
};

/** EC2's published budgets per account and region for CreateVpcEndpoint and DeleteVpcEndpoints. */
export const EC2_MUTATION_BUDGET: Budget = { burst: 4, refillPerSecond: 0.3 };

export function engineFromEnv(db: Db = getDb()): Engine {
  return {
    db,
    aws: awsConfigFromEnv(),
    principals: principalSettingsFromEnv(),
    budgets: { create: EC2_MUTATION_BUDGET, delete: EC2_MUTATION_BUDGET },
  };
}
