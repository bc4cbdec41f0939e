import "server-only";
import { AwsCallError } from "@/lib/aws/errors";
import { readRoleQuota } from "@/lib/aws/roles";
import type { Engine } from "@/lib/engine";
import { roleCreationBudgetOf } from "./principal";

/** Null figures when IAM cannot be asked, with why (e.g. the control principal lacks iam:GetAccountSummary). */
export type RoleHeadroom = { used: number | null; quota: number | null; creationsPerHour: number; unavailable: string | null };

// Every organization's role counts against one IAM quota in the vendor account (1,000 roles by default): what is left of it, as
// IAM itself counts, beside the cap on how fast the portal spends it.
export async function readRoleHeadroom(engine: Pick<Engine, "aws" | "overrides">): Promise<RoleHeadroom> {
  const creationsPerHour = Math.round(roleCreationBudgetOf(engine).refillPerSecond * 3600);
  try {
    const { roles, quota } = await readRoleQuota(engine.aws);
    return { used: roles, quota, creationsPerHour, unavailable: null };
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    return { used: null, quota: null, creationsPerHour, unavailable: `${error.failure.message} (${error.failure.code})` };
  }
}
