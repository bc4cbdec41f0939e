import "server-only";
import { recordAudit } from "@/lib/audit";
import { AwsCallError } from "@/lib/aws/errors";
import { checkOwnershipProof, proofRoleArn } from "@/lib/aws/ownership";
import { vendorAccount } from "@/lib/aws/principals";
import { ownershipProofRoleName, ownershipProofTrustPolicy } from "@/lib/aws/role-policies";
import type { AwsAccount, Organization } from "@/lib/db/generated/client";
import { collection, paginate, type PageQuery } from "@/lib/pagination";
import { AppError } from "@/lib/errors";
import { organizationOf, type VerbArgs } from "@/lib/context";
import type { Engine } from "@/lib/engine";
import { awsAccountViewSchema, type AwsAccountView, type DeclareAwsAccountInput, type ProofInstructions } from "./schemas";

// A proof rests on AWS alone (lib/aws/ownership.ts): the customer creates in the account a role trusting our account with
// the organization's own external id.

type AccountEngine = Pick<Engine, "db" | "aws">;

const AWS_ACCOUNTS = collection("aws-accounts", "asc");

/** Plenty for a company's accounts; a bound on what one organization can make us check. */
export const MAX_AWS_ACCOUNTS = 100;

export async function proofInstructions(engine: AccountEngine, org: Pick<Organization, "ownershipExternalId">): Promise<ProofInstructions> {
  const vendor = await vendorAccount(engine.aws);
  return {
    roleName: ownershipProofRoleName(vendor.accountId),
    trustedPrincipal: `arn:${vendor.partition}:iam::${vendor.accountId}:root`,
    externalId: org.ownershipExternalId,
    trustPolicy: ownershipProofTrustPolicy(vendor, org.ownershipExternalId),
  };
}

export async function toAwsAccountView(engine: AccountEngine, account: AwsAccount): Promise<AwsAccountView> {
  return awsAccountViewSchema.parse({
    id: account.id,
    accountId: account.accountId,
    proof: account.proof,
    proofRoleArn: await proofRoleArn(engine.aws, account.accountId),
    provedAt: account.provedAt?.toISOString() ?? null,
    lastCheckedAt: account.lastCheckedAt?.toISOString() ?? null,
    lastError: account.lastError,
    createdAt: account.createdAt.toISOString(),
  });
}

async function findAccount(engine: AccountEngine, organizationId: string, id: string): Promise<AwsAccount> {
  const account = await engine.db.awsAccount.findFirst({ where: { id, organizationId } });
  if (!account) throw new AppError("not_found", `No AWS account ${id} in your organization.`);
  return account;
}

/** MAX_AWS_ACCOUNTS fit one page of the largest size. */
export async function listAwsAccounts({ ctx, input: query }: VerbArgs<PageQuery>) {
  const { engine } = ctx;
  const organizationId = organizationOf(ctx);
  const org = await engine.db.organization.findUniqueOrThrow({ where: { id: organizationId } });
  const pages = paginate(AWS_ACCOUNTS, query, { organizationId });
  const rows = await engine.db.awsAccount.findMany({ where: { organizationId, ...pages.where }, orderBy: pages.orderBy, take: pages.take });
  const { data, nextCursor } = pages.page(rows, (account) => toAwsAccountView(engine, account));
  return { data: await Promise.all(data), nextCursor, proofInstructions: await proofInstructions(engine, org) };
}

export async function declareAwsAccount({ ctx, input }: VerbArgs<DeclareAwsAccountInput>) {
  const { engine } = ctx;
  const organizationId = organizationOf(ctx);
  const account = await engine.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`aws-accounts:${organizationId}`}))`;
    if (await tx.awsAccount.findFirst({ where: { organizationId, accountId: input.accountId }, select: { id: true } })) {
      throw new AppError("conflict", `AWS account ${input.accountId} is already declared.`);
    }
    if ((await tx.awsAccount.count({ where: { organizationId } })) >= MAX_AWS_ACCOUNTS) {
      throw new AppError("quota_exceeded", `Your organization has declared ${MAX_AWS_ACCOUNTS} AWS accounts; remove one first.`);
    }
    const created = await tx.awsAccount.create({ data: { organizationId, accountId: input.accountId } });
    await recordAudit(tx, ctx, {
      organizationId,
      action: "aws_account.declare",
      target: { type: "aws_account", id: created.id },
      metadata: { accountId: input.accountId },
    });
    return created;
  });
  return toAwsAccountView(engine, account);
}

// Also used by verification for a declared, unproved owner account. AWS outages are thrown. Null: removed meanwhile (a
// concurrent DELETE).
export async function attemptProof(engine: AccountEngine, org: Pick<Organization, "ownershipExternalId">, account: AwsAccount): Promise<AwsAccount | null> {
  const proof = await checkOwnershipProof(engine.aws, account.accountId, org.ownershipExternalId);
  const now = new Date();
  const lastError = proof.proved
    ? null
    : `We could not assume ${proof.roleArn} with your external id (${proof.code}). In AWS account ${account.accountId}, create the IAM role ${proof.roleArn.split("/").at(-1)} with the trust policy shown (it trusts our account with your external id and needs no permissions), then check again. If you made or changed it moments ago, IAM may still be propagating it: check again in a minute.`;
  const data = {
    proof: proof.proved ? ("proved" as const) : ("unproved" as const),
    provedAt: proof.proved ? (account.provedAt ?? now) : null,
    lastCheckedAt: now,
    lastError,
  };
  const { count } = await engine.db.awsAccount.updateMany({ where: { id: account.id }, data });
  return count === 0 ? null : { ...account, ...data };
}

export async function verifyAwsAccount({ ctx, input: { id } }: VerbArgs<{ id: string }>) {
  const { engine } = ctx;
  const organizationId = organizationOf(ctx);
  const account = await findAccount(engine, organizationId, id);
  const org = await engine.db.organization.findUniqueOrThrow({ where: { id: organizationId } });
  let checked: AwsAccount | null;
  try {
    checked = await attemptProof(engine, org, account);
  } catch (error) {
    if (error instanceof AwsCallError)
      throw new AppError("aws_unavailable", `${error.failure.message} Try again in a minute.`, { retryAfter: 60, cause: error });
    throw error;
  }
  if (!checked) throw new AppError("not_found", `No AWS account ${id} in your organization.`);
  await engine.db.$transaction((tx) =>
    recordAudit(tx, ctx, {
      organizationId,
      action: "aws_account.verify",
      target: { type: "aws_account", id },
      metadata: { accountId: account.accountId, proof: checked.proof },
    }),
  );
  return toAwsAccountView(engine, checked);
}

/** Removes a declaration; links already verified are not touched (their proof was checked then). */
export async function removeAwsAccount({ ctx, input: { id } }: VerbArgs<{ id: string }>) {
  const { engine } = ctx;
  const organizationId = organizationOf(ctx);
  const account = await findAccount(engine, organizationId, id);
  await engine.db.$transaction(async (tx) => {
    // Of two concurrent removals one wins; the other finds nothing.
    const { count } = await tx.awsAccount.deleteMany({ where: { id: account.id } });
    if (count === 0) throw new AppError("not_found", `No AWS account ${id} in your organization.`);
    await recordAudit(tx, ctx, {
      organizationId,
      action: "aws_account.remove",
      target: { type: "aws_account", id },
      metadata: { accountId: account.accountId },
    });
  });
  return toAwsAccountView(engine, account);
}
