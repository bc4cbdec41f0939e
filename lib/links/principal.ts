import "server-only";
import type { Credentials } from "@/lib/aws/config";
import { roleCredentials, sharedCredentials } from "@/lib/aws/principals";
import { ROLE_POLICY_VERSION } from "@/lib/aws/role-policies";
import { ensureOrganizationRole } from "@/lib/aws/roles";
import type { Organization } from "@/lib/db/generated/client";
import type { Engine } from "@/lib/engine";

export type AwsPrincipal = { arn: string; credentials: Credentials | undefined };

/**
 * The principal an organization allowlists and that every AWS call about its links is made as.
 * Per organization (the default): its own IAM role in the vendor account, created on first need
 * and trusted only by the control principal with the organization's external id, so AWS itself
 * refuses organization B's request for organization A's service. A role made under an older
 * policy (principalPolicyVersion below ROLE_POLICY_VERSION) gets the current one on its next use.
 * Shared mode: one ARN for all, weaker, guarded by acceptance and proved owner accounts.
 */
export async function principalFor(
  engine: Engine,
  org: Pick<Organization, "id" | "slug" | "externalId" | "principalArn" | "principalPolicyVersion">,
): Promise<AwsPrincipal> {
  if (engine.principals.mode === "shared") {
    return { arn: engine.principals.sharedPrincipalArn ?? "", credentials: sharedCredentials(engine.aws) };
  }
  let arn = org.principalArn;
  if (!arn || org.principalPolicyVersion < ROLE_POLICY_VERSION) {
    const role = await ensureOrganizationRole(engine.aws, { organizationId: org.id, slug: org.slug, externalId: org.externalId, path: engine.principals.rolePath });
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
