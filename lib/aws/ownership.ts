import "server-only";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import type { AwsConfig } from "./config";
import { AwsCallError, classifyAwsError } from "./errors";
import { controlSts, vendorAccount } from "./principals";
import { ownershipProofRoleName } from "./role-policies";

// Proof that a customer controls an AWS account, on AWS alone: there, a role that grants nothing and trusts only the vendor's
// account with the organization's external id (role-policies.ts). If we can assume it, someone with IAM rights in that account
// made it for this organization. AWS hides an endpoint service's tags from other accounts, so a tag cannot prove it.

export type OwnershipProof = { proved: true; roleArn: string } | { proved: false; roleArn: string; code: string; message: string };

const REFUSED = new Set(["AccessDenied", "AccessDeniedException", "NoSuchEntity", "InvalidIdentityToken"]);

export async function proofRoleArn(config: AwsConfig, accountId: string): Promise<string> {
  const vendor = await vendorAccount(config);
  return `arn:${vendor.partition}:iam::${accountId}:role/${ownershipProofRoleName(vendor.accountId)}`;
}

/** Tries the proof. A refusal is an answer; throttling and outages are thrown (retry later). */
export async function checkOwnershipProof(config: AwsConfig, accountId: string, externalId: string): Promise<OwnershipProof> {
  const roleArn = await proofRoleArn(config, accountId);
  try {
    // The session is thrown away: the role grants nothing, and only its existence matters.
    await controlSts(config).send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "ownership-proof", ExternalId: externalId, DurationSeconds: 900 }),
    );
    return { proved: true, roleArn };
  } catch (error) {
    const failure = classifyAwsError(error, { operation: "sts:AssumeRole" });
    if (failure.kind === "permanent" && REFUSED.has(failure.code)) {
      return { proved: false, roleArn, code: failure.code, message: failure.awsMessage ?? failure.message };
    }
    throw new AwsCallError(failure, { cause: error });
  }
}
