import "server-only";
import { z } from "zod";
import type { Credentials } from "@/lib/aws/config";
import { roleCredentials, sharedCredentials, vendorAccount } from "@/lib/aws/principals";
import { ROLE_POLICY_VERSION } from "@/lib/aws/role-policies";
import { ensureOrganizationRole, organizationRoleName } from "@/lib/aws/roles";
import type { VerbArgs } from "@/lib/context";
import type { Organization } from "@/lib/db/generated/client";
import type { Engine } from "@/lib/engine";
import { defineJob, retriedQueue } from "@/lib/jobs/define";
import { uuidSchema } from "@/lib/validation";

// Per organization (the default): its own IAM role in the vendor account, trusted only by the control principal with the
// organization's external id, so AWS itself refuses organization B's request for organization A's service. Shared mode:
// one ARN for all, weaker, guarded by acceptance and proved owner accounts. Reading the ARN never writes; making the role
// is an explicit step: the setup job when an organization is created, and every job that acts as the role.
export type AwsPrincipal = { arn: string; credentials: Credentials | undefined };

type OrganizationFacts = Pick<Organization, "id" | "slug" | "externalId" | "principalArn" | "principalPolicyVersion">;

/** Makes nothing: IAM's ARN of a role is its account, path and name, all known beforehand. */
export async function principalArnOf(engine: Pick<Engine, "aws" | "principals">, org: Pick<Organization, "id" | "slug" | "principalArn">): Promise<string> {
  if (engine.principals.mode === "shared") return engine.principals.sharedPrincipalArn ?? "";
  if (org.principalArn) return org.principalArn;
  const vendor = await vendorAccount(engine.aws);
  return `arn:${vendor.partition}:iam::${vendor.accountId}:role${engine.principals.rolePath}${organizationRoleName(org.id, org.slug)}`;
}

/** Also brings an older policy (principalPolicyVersion below ROLE_POLICY_VERSION) up to date. */
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
    });
    arn = role.roleArn;
    await engine.db.organization.updateMany({
      where: { id: org.id, principalPolicyVersion: { lt: ROLE_POLICY_VERSION } },
      data: { principalArn: arn, principalPolicyVersion: ROLE_POLICY_VERSION },
    });
  }
  return {
    arn,
    credentials: roleCredentials(engine.aws, { roleArn: arn, externalId: org.externalId, sessionName: `portal-${org.slug}`.slice(0, 64) }),
  };
}

/** Makes a new organization's role at once, so it exists before the customer allowlists its ARN. */
export async function setUpOrganizationPrincipal({ ctx, input }: VerbArgs<{ organizationId: string }>): Promise<void> {
  const org = await ctx.engine.db.organization.findUnique({ where: { id: input.organizationId } });
  if (!org) return; // deleted meanwhile
  const { arn } = await ensureOrganizationPrincipal(ctx.engine, org);
  ctx.log.info({ organizationId: org.id, principalArn: arn }, "organization principal ready");
}

export const setUpOrganizationPrincipalJob = defineJob({
  name: "organization-principal",
  schema: z.object({ organizationId: uuidSchema }),
  options: (settings) => retriedQueue(settings),
  singletonKey: ({ organizationId }) => organizationId,
  concurrency: 2,
  handle: setUpOrganizationPrincipal,
});
