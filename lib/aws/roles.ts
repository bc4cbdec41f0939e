import "server-only";
import { createHash } from "node:crypto";
import { CreateRoleCommand, GetAccountSummaryCommand, GetRoleCommand, PutRolePolicyCommand, type IAMClient, type Role } from "@aws-sdk/client-iam";
import type { AwsConfig } from "./config";
import { AwsCallError, awsCall, classifyAwsError } from "./errors";
import { controlIam, controlIdentity, DEFAULT_ROLE_PATH, INLINE_POLICY_NAME, markRoleChanged, vendorAccount } from "./principals";
import { endpointManagementPolicy, trustPolicy } from "./role-policies";
import { TAG_ORGANIZATION_ID, TAG_ORGANIZATION_SLUG } from "./tags";

const SESSION_SECONDS = 3600;

/** Slug and a short hash of the id: two organizations never share a role even if a slug is reused, within IAM's 64 characters. */
export function organizationRoleName(organizationId: string, slug: string): string {
  const hash = createHash("sha256").update(organizationId).digest("hex").slice(0, 10);
  const prefix = "pl-";
  const cleaned = slug
    .toLowerCase()
    .replace(/[^a-z0-9+=,.@_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64 - prefix.length - hash.length - 1)
    .replace(/-+$/, "");
  return `${prefix}${cleaned || "org"}-${hash}`;
}

/** Asked right before CreateRole, never before updating a role that exists: a refusal defers the creation by `waitMs`. */
export type CreationGate = () => Promise<{ ok: true } | { ok: false; waitMs: number }>;

export class RoleCreationDeferred extends Error {
  constructor(
    readonly roleName: string,
    readonly waitMs: number,
  ) {
    super(`Creating the IAM role ${roleName} waits ${waitMs} ms for the cap on role creations.`);
    this.name = "RoleCreationDeferred";
  }
}

export type OrganizationRoleInput = {
  organizationId: string;
  slug: string;
  /** The secret-ish value the trust policy requires; per organization, never shown to others. */
  externalId: string;
  path?: string;
  admitCreation?: CreationGate;
};

export type OrganizationRole = {
  roleArn: string;
  roleName: string;
  /** True when this call created the role: IAM takes a few seconds before AssumeRole admits it. */
  created: boolean;
};

function isCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes(classifyAwsError(error).code);
}

/** IAM hands policy documents back URL-encoded. */
function decodePolicy(document: string | undefined): string {
  if (!document) return "";
  try {
    return decodeURIComponent(document);
  } catch {
    return document;
  }
}

async function getRole(iam: IAMClient, roleName: string): Promise<Role | undefined> {
  try {
    const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: roleName }));
    return role;
  } catch (error) {
    if (isCode(error, "NoSuchEntity", "NoSuchEntityException")) return undefined;
    throw new AwsCallError(classifyAwsError(error, { operation: "iam:GetRole" }), { cause: error });
  }
}

export async function organizationRoleExists(config: AwsConfig, input: Pick<OrganizationRoleInput, "organizationId" | "slug">): Promise<boolean> {
  return (await getRole(controlIam(config), organizationRoleName(input.organizationId, input.slug))) !== undefined;
}

export type RoleSpec = {
  roleName: string;
  path: string;
  description: string;
  tags: Record<string, string>;
  externalId?: string;
  policyName: string;
  policy: string;
  admitCreation?: CreationGate;
};

// A concurrent creator's EntityAlreadyExists is fine. PutRolePolicy replaces the policy, so running again brings an older or
// hand-edited one up to date. An existing role whose trust policy does not admit the control principal (and external id) is
// refused now: AssumeRole would fail on it later with a less useful AccessDenied.
export async function ensureRole(config: AwsConfig, spec: RoleSpec): Promise<OrganizationRole> {
  const iam = controlIam(config);
  const { roleName } = spec;
  const { principalArn } = await controlIdentity(config);
  let role = await getRole(iam, roleName);
  let created = false;
  if (!role) {
    const admitted = await spec.admitCreation?.();
    if (admitted && !admitted.ok) throw new RoleCreationDeferred(roleName, admitted.waitMs);
    try {
      const answer = await iam.send(
        new CreateRoleCommand({
          RoleName: roleName,
          Path: spec.path,
          AssumeRolePolicyDocument: trustPolicy(principalArn, spec.externalId),
          Description: spec.description,
          MaxSessionDuration: SESSION_SECONDS,
          Tags: Object.entries(spec.tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      );
      role = answer.Role;
      created = true;
    } catch (error) {
      if (!isCode(error, "EntityAlreadyExists", "EntityAlreadyExistsException")) {
        throw new AwsCallError(classifyAwsError(error, { operation: "iam:CreateRole" }), { cause: error });
      }
      role = await getRole(iam, roleName);
    }
  }
  if (!role?.Arn)
    throw new AwsCallError({ kind: "transient", code: "NoSuchEntity", message: `The IAM role ${roleName} was created but cannot be read yet; try again.` });
  const trust = decodePolicy(role.AssumeRolePolicyDocument);
  if ((spec.externalId && !trust.includes(JSON.stringify(spec.externalId))) || !trust.includes(JSON.stringify(principalArn))) {
    throw new AwsCallError({
      kind: "permanent",
      code: "RoleTrustMismatch",
      message: `The IAM role ${roleName} exists but its trust policy does not admit ${principalArn}${spec.externalId ? " with this organization's external id" : ""}. Fix or delete the role in the vendor account, then try again.`,
    });
  }
  await awsCall(iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: spec.policyName, PolicyDocument: spec.policy })), {
    operation: "iam:PutRolePolicy",
  });
  // Made or given its policy just now: IAM propagates either for a while (principals.ts).
  markRoleChanged(config, role.Arn);
  return { roleArn: role.Arn, roleName, created };
}

export async function ensureOrganizationRole(config: AwsConfig, input: OrganizationRoleInput): Promise<OrganizationRole> {
  return ensureRole(config, {
    roleName: organizationRoleName(input.organizationId, input.slug),
    path: input.path ?? DEFAULT_ROLE_PATH,
    description: `PrivateLink endpoints for organization ${input.slug}`,
    tags: { [TAG_ORGANIZATION_ID]: input.organizationId, [TAG_ORGANIZATION_SLUG]: input.slug },
    externalId: input.externalId,
    policyName: INLINE_POLICY_NAME,
    policy: endpointManagementPolicy(await vendorAccount(config), input.organizationId),
    admitCreation: input.admitCreation,
  });
}

/** The vendor account's roles and its quota of them, as IAM itself counts (iam:GetAccountSummary). */
export async function readRoleQuota(config: AwsConfig): Promise<{ roles: number; quota: number }> {
  const { SummaryMap = {} } = await awsCall(controlIam(config).send(new GetAccountSummaryCommand({})), { operation: "iam:GetAccountSummary" });
  return { roles: SummaryMap.Roles ?? 0, quota: SummaryMap.RolesQuota ?? 0 };
}
