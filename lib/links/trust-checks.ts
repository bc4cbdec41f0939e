import type { AwsFailure } from "@/lib/aws/errors";
import type { AllowlistScope, LinkCheck, OwnerProof } from "./schemas";

// The tenant trust boundary (docs/ARCHITECTURE.md, Security). The allow list proves the organization's claim only when
// it admits nobody but principals the customer named: then AWS refuses every other organization's role. When it admits
// our whole account or everyone, and always in shared mode, the owner account must be one the organization proved it
// owns. Whatever the allow list, one service serves one organization.

export type TrustFacts = {
  /** What the canaries saw, or why they could not be asked (then ownership is required: fail closed). */
  scope: { value: AllowlistScope; isCertain: boolean } | { failure: AwsFailure };
  ownerProof: OwnerProof;
  isTakenElsewhere: boolean;
};

export type TrustInput = {
  mode: "per_organization" | "shared";
  principalArn: string;
  owner: string;
  vendorAccountId: string;
  proof: { roleName: string; externalId: string };
  facts: TrustFacts;
};

export type TrustFindings = { allowlistScope: AllowlistScope | null; ownerProof: OwnerProof };

function scopeCheck(input: TrustInput): LinkCheck {
  const { facts, principalArn, vendorAccountId, owner } = input;
  const instead =
    input.mode === "per_organization" ? ` Allowlist only your organization's role ${principalArn} instead, or prove that you own AWS account ${owner}.` : "";
  if ("failure" in facts.scope) {
    return {
      name: "allowlist_scope",
      status: "warn",
      detail: `We could not check who else can see your service (${facts.scope.failure.code}), so we treat it as open: your organization must prove it owns AWS account ${owner}.`,
      awsCode: facts.scope.failure.code,
    };
  }
  const { value, isCertain } = facts.scope;
  if (value === "public") {
    return {
      name: "allowlist_scope",
      status: "warn",
      detail: `Your service allows everyone (*): any AWS account, including any customer of ours, can connect to it.${instead}`,
    };
  }
  if (value === "account") {
    if (input.mode === "shared") {
      return {
        name: "allowlist_scope",
        status: "warn",
        detail: `Every customer of ours uses the principal ${principalArn} (shared-principal mode), so the allow list cannot tell organizations apart; your organization must prove it owns AWS account ${owner}.`,
      };
    }
    const whom = `our whole AWS account (arn:aws:iam::${vendorAccountId}:root)${isCertain ? "" : " or everyone (*)"}`;
    return {
      name: "allowlist_scope",
      status: "warn",
      detail: `Your service's allowed principals include ${whom}, so any customer of ours could name it.${instead}`,
    };
  }
  return { name: "allowlist_scope", status: "pass", detail: "Only the principals you named can see your service; another customer's principal cannot." };
}

function ownerCheck(input: TrustInput, isRequired: boolean): LinkCheck {
  if (!isRequired) {
    const known = input.facts.ownerProof === "proved" ? ` AWS account ${input.owner} is proved.` : "";
    return { name: "owner_declared", status: "skipped", detail: `Not needed: the service is allowlisted for your organization's own principal.${known}` };
  }
  return ownerProofCheck({ ...input, ownerProof: input.facts.ownerProof, what: "service" });
}

/** Whether the organization proved it owns `owner`, the account of its service or resource configuration (`what`). */
export function ownerProofCheck(input: Pick<TrustInput, "owner" | "proof" | "vendorAccountId"> & { ownerProof: OwnerProof; what: string }): LinkCheck {
  const { owner, proof, vendorAccountId, ownerProof, what } = input;
  const role = `the IAM role ${proof.roleName} trusting arn:aws:iam::${vendorAccountId}:root with the external id ${proof.externalId} (it needs no permissions; the Setup page has its trust policy)`;
  if (ownerProof === "proved")
    return { name: "owner_declared", status: "pass", detail: `Owned by AWS account ${owner}, which your organization proved it owns.` };
  if (ownerProof === "unproved") {
    return {
      name: "owner_declared",
      status: "fail",
      detail: `The ${what} belongs to AWS account ${owner}, which your organization declared but has not proved. In ${owner}, create ${role}, then verify again.`,
    };
  }
  return {
    name: "owner_declared",
    status: "fail",
    detail: `The ${what} belongs to AWS account ${owner}, which your organization has not proved it owns. Declare ${owner} (Setup page, or POST /api/v1/aws-accounts), create in it ${role}, then verify again.`,
  };
}

export function isOwnerProofRequired(mode: TrustInput["mode"], scope: TrustFacts["scope"]): boolean {
  return mode === "shared" || "failure" in scope || scope.value !== "organization";
}

export function trustChecks(input: TrustInput): { scope: LinkCheck; owner: LinkCheck; exclusive: LinkCheck; findings: TrustFindings } {
  const { facts } = input;
  const scope = "failure" in facts.scope ? null : facts.scope.value;
  const owner = ownerCheck(input, isOwnerProofRequired(input.mode, facts.scope));
  const exclusive = exclusiveCheck(owner, facts.isTakenElsewhere, "service");
  return { scope: scopeCheck(input), owner, exclusive, findings: { allowlistScope: scope, ownerProof: facts.ownerProof } };
}

/** Judged only once ownership holds, so the answer never tells an outsider who uses a service or configuration (`what`). */
export function exclusiveCheck(owner: LinkCheck, isTakenElsewhere: boolean, what: string): LinkCheck {
  if (owner.status === "fail") return { name: "exclusive_service", status: "skipped", detail: "Not checked: an earlier check failed." };
  return isTakenElsewhere
    ? {
        name: "exclusive_service",
        status: "fail",
        detail: `Another organization is already connected to this ${what} through us; a ${what} connects to one organization only. If it is yours, contact us.`,
      }
    : { name: "exclusive_service", status: "pass", detail: `No other organization of ours is connected to this ${what}.` };
}
