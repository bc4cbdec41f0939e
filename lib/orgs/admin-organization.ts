import "server-only";
import { recordAudit } from "@/lib/audit";
import { AwsCallError } from "@/lib/aws/errors";
import { ROLE_POLICY_VERSION } from "@/lib/aws/role-policies";
import { ensureOrganizationRole, organizationRoleExists } from "@/lib/aws/roles";
import { requireVendorAdmin, type VerbArgs } from "@/lib/context";
import type { Organization, Plan } from "@/lib/db/generated/client";
import type { Engine } from "@/lib/engine";
import { AppError } from "@/lib/errors";
import { ADMIN_ORGANIZATION_LIST_LIMIT, adminOrganizationDetailSchema, type AdminOrganizationDetail, type OrganizationPrincipal } from "./admin-schemas";
import { toAwsAccountView } from "./aws-accounts";
import { toInvitationView } from "./invitations";
import { toMemberView } from "./members";
import { principalArnOf } from "./principal";
import { activeLinkCounts, toOrganizationView } from "./read-organizations";

// The role's state is asked of IAM, so a role deleted by hand shows as missing.

type OrgId = { organizationId: string };

async function findOrganization(engine: Engine, organizationId: string): Promise<Organization & { entitlements: Plan }> {
  const org = await engine.db.organization.findUnique({ where: { id: organizationId }, include: { entitlements: true } });
  if (!org) throw new AppError("not_found", `No organization ${organizationId}.`);
  return org;
}

/** The principal and its role's state; when IAM cannot be asked, the state rests on the database and says why. */
async function principalOf(engine: Engine, org: Organization): Promise<OrganizationPrincipal> {
  const facts = { mode: engine.principals.mode, policyVersion: org.principalPolicyVersion, currentPolicyVersion: ROLE_POLICY_VERSION };
  const fromDatabase = (): OrganizationPrincipal["roleState"] =>
    facts.mode === "shared" ? "shared" : !org.principalArn ? "not_created" : org.principalPolicyVersion < ROLE_POLICY_VERSION ? "outdated" : "ready";
  try {
    const arn = await principalArnOf(engine, org);
    let roleState = fromDatabase();
    if (roleState === "ready" || roleState === "outdated") {
      if (!(await organizationRoleExists(engine.aws, { organizationId: org.id, slug: org.slug }))) roleState = "missing";
    }
    return { ...facts, arn, roleState, checkError: null };
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    return { ...facts, arn: org.principalArn ?? "", roleState: fromDatabase(), checkError: error.failure.message };
  }
}

export async function getOrganizationForAdmin({ ctx, input }: VerbArgs<OrgId>): Promise<AdminOrganizationDetail> {
  requireVendorAdmin(ctx);
  const { engine } = ctx;
  const { db } = engine;
  const org = await findOrganization(engine, input.organizationId);
  const where = { organizationId: org.id };
  const openWhere = { ...where, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } };
  const take = ADMIN_ORGANIZATION_LIST_LIMIT;
  const [memberCount, counts, accounts, members, invitations, openInvitationCount, principal] = await Promise.all([
    db.membership.count({ where }),
    activeLinkCounts(db, [org.id]),
    db.awsAccount.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take }),
    db.membership.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take, include: { user: { select: { email: true, name: true } } } }),
    db.invitation.findMany({ where: openWhere, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take }),
    db.invitation.count({ where: openWhere }),
    principalOf(engine, org),
  ]);
  return adminOrganizationDetailSchema.parse({
    organization: toOrganizationView({ ...org, _count: { memberships: memberCount } }, counts.get(org.id) ?? 0),
    principal,
    awsAccounts: await Promise.all(accounts.map((account) => toAwsAccountView(engine, account))),
    members: members.map((membership) => toMemberView(membership, ctx)),
    openInvitations: invitations.map(toInvitationView),
    openInvitationCount,
  });
}

// Makes the role again whatever the database says: for a role deleted or edited by hand, which the jobs (trusting the
// stored ARN and policy version) would not notice.
export async function repairOrganizationPrincipal({ ctx, input }: VerbArgs<OrgId>): Promise<AdminOrganizationDetail> {
  requireVendorAdmin(ctx);
  const { engine } = ctx;
  if (engine.principals.mode === "shared") {
    throw new AppError("conflict", "PRINCIPAL_MODE is shared: organizations have no role of their own; every link acts as the shared principal.");
  }
  const org = await findOrganization(engine, input.organizationId);
  const before = await principalOf(engine, org);
  let role: Awaited<ReturnType<typeof ensureOrganizationRole>>;
  try {
    role = await ensureOrganizationRole(engine.aws, { organizationId: org.id, slug: org.slug, externalId: org.externalId, path: engine.principals.rolePath });
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    if (error.retryable) throw new AppError("aws_unavailable", `${error.failure.message} Try again in a minute.`, { retryAfter: 60, cause: error });
    throw new AppError("conflict", `${error.failure.message} (${error.failure.code})`, { cause: error });
  }
  await engine.db.$transaction(async (tx) => {
    // principalChangedAt: every worker treats the role's AccessDenied as IAM propagating it, for a while (lib/orgs/principal.ts).
    await tx.organization.update({
      where: { id: org.id },
      data: { principalArn: role.roleArn, principalPolicyVersion: ROLE_POLICY_VERSION, principalChangedAt: new Date() },
    });
    await recordAudit(tx, ctx, {
      organizationId: org.id,
      action: "organization.repair_principal",
      target: { type: "organization", id: org.id },
      metadata: { before: before.roleState, roleArn: role.roleArn, created: role.created, policyVersion: ROLE_POLICY_VERSION },
    });
  });
  return getOrganizationForAdmin({ ctx, input });
}
