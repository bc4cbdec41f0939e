import "server-only";
import { z } from "zod";
import type { Credentials } from "@/lib/aws/config";
import { markRoleChanged, roleCredentials, sharedCredentials, vendorAccount } from "@/lib/aws/principals";
import { ROLE_POLICY_VERSION } from "@/lib/aws/role-policies";
import { ensureOrganizationRole, organizationRoleName, RoleCreationDeferred } from "@/lib/aws/roles";
import type { Ctx, VerbArgs } from "@/lib/context";
import type { Organization } from "@/lib/db/generated/client";
import { takeToken, type Budget } from "@/lib/db/token-bucket";
import type { Engine } from "@/lib/engine";
import { getEnv } from "@/lib/env";
import { defineJob, isRunAgain, retriedQueue, type RunAgain } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/queue";
import { uuidSchema } from "@/lib/validation";

// Per organization (the default): its own IAM role in the vendor account, trusted only by the control principal with the
// organization's external id, so AWS itself refuses organization B's request for organization A's service. Shared mode:
// one ARN for all, weaker, guarded by acceptance and proved owner accounts. Reading the ARN never makes the role; the
// organization's first need does (a Setup view queues the setup job, a link job makes it), so sign-ups alone make no roles,
// and creations across the vendor are capped per hour (a token bucket in PostgreSQL) to keep IAM's roles quota for customers.
export type AwsPrincipal = { arn: string; credentials: Credentials | undefined };

type OrganizationFacts = Pick<Organization, "id" | "slug" | "externalId" | "principalArn" | "principalPolicyVersion" | "principalChangedAt">;

const ROLE_CREATIONS_BUCKET = "iam:create-role";

declare module "@/lib/engine" {
  interface EngineOverrides {
    /** Replaces IAM_ROLE_CREATIONS_PER_HOUR's bucket. */
    roleCreations?: Budget;
  }
}

/** Up to IAM_ROLE_CREATIONS_PER_HOUR at once, then that many an hour. */
export function roleCreationBudgetOf(engine: Pick<Engine, "overrides">): Budget {
  const perHour = getEnv().IAM_ROLE_CREATIONS_PER_HOUR;
  return engine.overrides?.roleCreations ?? { burst: perHour, refillPerSecond: perHour / 3600 };
}

/** Makes nothing: IAM's ARN of a role is its account, path and name, all known beforehand. */
export async function principalArnOf(engine: Pick<Engine, "aws" | "principals">, org: Pick<Organization, "id" | "slug" | "principalArn">): Promise<string> {
  if (engine.principals.mode === "shared") return engine.principals.sharedPrincipalArn ?? "";
  if (org.principalArn) return org.principalArn;
  const vendor = await vendorAccount(engine.aws);
  return `arn:${vendor.partition}:iam::${vendor.accountId}:role${engine.principals.rolePath}${organizationRoleName(org.id, org.slug)}`;
}

/** What a Setup view shows the customer to allowlist. Until the role exists, a view queues the job that makes it. */
export async function principalArnForSetup(ctx: Pick<Ctx, "engine" | "requestId">, org: Pick<Organization, "id" | "slug" | "principalArn">): Promise<string> {
  const arn = await principalArnOf(ctx.engine, org);
  if (ctx.engine.principals.mode === "per_organization" && !org.principalArn) {
    await enqueue(ctx.engine.db, setUpOrganizationPrincipalJob, { organizationId: org.id }, { ctx });
  }
  return arn;
}

/**
 * Also brings an older policy (principalPolicyVersion below ROLE_POLICY_VERSION) up to date. Throws RoleCreationDeferred
 * when the role must be created and the cap has no token left (principalForJob turns it into a later run).
 */
export async function ensureOrganizationPrincipal(engine: Engine, org: OrganizationFacts): Promise<AwsPrincipal> {
  if (engine.principals.mode === "shared") {
    return { arn: engine.principals.sharedPrincipalArn ?? "", credentials: sharedCredentials(engine.aws) };
  }
  let arn = org.principalArn;
  if (!arn || org.principalPolicyVersion < ROLE_POLICY_VERSION) {
    const role = await ensureOrganizationRole(engine.aws, {
      organizationId: org.id,
      slug: org.slug,
      externalId: org.externalId,
      path: engine.principals.rolePath,
      admitCreation: () => takeToken(engine.db, ROLE_CREATIONS_BUCKET, roleCreationBudgetOf(engine)),
    });
    arn = role.roleArn;
    await engine.db.organization.updateMany({
      where: { id: org.id, principalPolicyVersion: { lt: ROLE_POLICY_VERSION } },
      data: { principalArn: arn, principalPolicyVersion: ROLE_POLICY_VERSION, principalChangedAt: new Date() },
    });
  } else if (org.principalChangedAt) {
    // Made, made again or repaired elsewhere (another worker, the admin console): this process's refusals wait for IAM too.
    markRoleChanged(engine.aws, arn, org.principalChangedAt.getTime());
  }
  return {
    arn,
    credentials: roleCredentials(engine.aws, { roleArn: arn, externalId: org.externalId, sessionName: `portal-${org.slug}`.slice(0, 64) }),
  };
}

/** For a job: the principal, or, while its role waits for the cap, when to run again (a wait, never a failure). */
export async function principalForJob(engine: Engine, org: OrganizationFacts): Promise<AwsPrincipal | RunAgain> {
  try {
    return await ensureOrganizationPrincipal(engine, org);
  } catch (error) {
    if (error instanceof RoleCreationDeferred) return { retryAfterMs: error.waitMs };
    throw error;
  }
}

export async function setUpOrganizationPrincipal({ ctx, input }: VerbArgs<{ organizationId: string }>): Promise<RunAgain | void> {
  const org = await ctx.engine.db.organization.findUnique({ where: { id: input.organizationId } });
  if (!org) return; // deleted meanwhile
  const principal = await principalForJob(ctx.engine, org);
  if (isRunAgain(principal)) {
    ctx.log.info({ organizationId: org.id, retryAfterMs: principal.retryAfterMs }, "organization principal waits for the cap on IAM role creations");
    return principal;
  }
  ctx.log.info({ organizationId: org.id, principalArn: principal.arn }, "organization principal ready");
}

export const setUpOrganizationPrincipalJob = defineJob({
  name: "organization-principal",
  schema: z.object({ organizationId: uuidSchema }),
  options: (settings) => retriedQueue(settings),
  singletonKey: ({ organizationId }) => organizationId,
  concurrency: 2,
  handle: setUpOrganizationPrincipal,
});
