import "server-only";
import { createHash } from "node:crypto";
import { CreateRoleCommand, GetRoleCommand, PutRolePolicyCommand, type IAMClient, type Role } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@aws-sdk/types";
import { iamClient, stsClient, type AwsConfig } from "./config";
import { AwsCallError, awsCall, classifyAwsError } from "./errors";

/**
 * The principals the product acts as. The control principal (the app's own credentials) owns one
 * IAM role per organization and assumes it for that organization's AWS calls, so a customer's
 * allow list admits exactly one tenant: AWS itself refuses organization B's request for
 * organization A's service.
 */

export const DEFAULT_ROLE_PATH = "/privatelink/";
export const INLINE_POLICY_NAME = "privatelink-endpoint-management";
/** Credentials are refreshed this long before they expire. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
const SESSION_SECONDS = 3600;

export const ENDPOINT_MANAGEMENT_ACTIONS = [
  "ec2:CreateVpcEndpoint",
  "ec2:DeleteVpcEndpoints",
  "ec2:DescribeVpcEndpoints",
  "ec2:DescribeVpcEndpointServices",
  "ec2:DescribeSubnets",
  "ec2:DescribeAvailabilityZones",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeVpcs",
  "ec2:CreateTags",
] as const;

export type ControlIdentity = {
  accountId: string;
  /** As STS names the caller (an assumed-role session ARN for a role). */
  arn: string;
  userId: string;
  /** The ARN a trust policy names: the role's ARN for a role session, the caller's ARN otherwise. */
  principalArn: string;
};

/** Clients and caches live per configuration object, so two sandboxes in one process never mix. */
type ConfigState = {
  sts?: STSClient;
  iam?: IAMClient;
  identity?: Promise<ControlIdentity>;
  credentials: Map<string, CachedCredentials>;
  /** Roles this process created, and when: IAM takes seconds before AssumeRole admits them. */
  createdAt: Map<string, number>;
};

type CachedCredentials = {
  externalId: string;
  value?: AwsCredentialIdentity & { expiration: Date };
  inFlight?: Promise<AwsCredentialIdentity & { expiration: Date }>;
};

const states = new WeakMap<AwsConfig, ConfigState>();

function stateOf(config: AwsConfig): ConfigState {
  let state = states.get(config);
  if (!state) {
    state = { credentials: new Map(), createdAt: new Map() };
    states.set(config, state);
  }
  return state;
}

function controlSts(config: AwsConfig): STSClient {
  const state = stateOf(config);
  state.sts ??= stsClient(config);
  return state.sts;
}

function controlIam(config: AwsConfig): IAMClient {
  const state = stateOf(config);
  state.iam ??= iamClient(config);
  return state.iam;
}

const ASSUMED_ROLE = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/[^/]+$/;

async function resolveIdentity(config: AwsConfig): Promise<ControlIdentity> {
  const answer = await awsCall(controlSts(config).send(new GetCallerIdentityCommand({})), { operation: "sts:GetCallerIdentity" });
  if (!answer.Arn || !answer.Account) throw new Error("sts:GetCallerIdentity returned no ARN");
  const identity = { accountId: answer.Account, arn: answer.Arn, userId: answer.UserId ?? "", principalArn: answer.Arn };
  const session = ASSUMED_ROLE.exec(answer.Arn);
  if (session) {
    const [, partition, account, roleName] = session;
    // A trust policy must name the role's ARN with its path, which only IAM knows; without
    // iam:GetRole on itself, the path-less ARN is right for roles at the root path.
    identity.principalArn = `arn:${partition}:iam::${account}:role/${roleName}`;
    try {
      const { Role: role } = await controlIam(config).send(new GetRoleCommand({ RoleName: roleName }));
      if (role?.Arn) identity.principalArn = role.Arn;
    } catch {
      // keep the path-less ARN
    }
  }
  return identity;
}

/** Who the control principal is (sts:GetCallerIdentity), asked once per configuration. */
export function controlIdentity(config: AwsConfig): Promise<ControlIdentity> {
  const state = stateOf(config);
  if (!state.identity) {
    const pending = resolveIdentity(config);
    state.identity = pending;
    // A failure is not remembered: the next caller asks again.
    pending.catch(() => {
      if (state.identity === pending) state.identity = undefined;
    });
  }
  return state.identity;
}

/**
 * The role name for an organization: its slug (IAM's characters only) and a short hash of its id,
 * so two organizations never share a role even if a slug is reused, within IAM's 64 characters.
 */
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

export function organizationTrustPolicy(controlPrincipalArn: string, externalId: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: controlPrincipalArn },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": externalId } },
      },
    ],
  });
}

export function endpointManagementPolicy(): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "EndpointManagement", Effect: "Allow", Action: [...ENDPOINT_MANAGEMENT_ACTIONS], Resource: "*" }],
  });
}

export type OrganizationRoleInput = {
  organizationId: string;
  slug: string;
  /** The secret-ish value the trust policy requires; per organization, never shown to others. */
  externalId: string;
  /** IAM path; DEFAULT_ROLE_PATH when absent. */
  path?: string;
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

/**
 * The organization's role, created on first need: GetRole first, CreateRole when missing (a
 * concurrent creator's EntityAlreadyExists is fine), then the inline policy (PutRolePolicy replaces
 * it, so running this again also repairs a policy edited by hand). An existing role whose trust
 * policy does not name the control principal and this external id is refused rather than handed
 * out: AssumeRole would fail on it later with a less useful AccessDenied.
 */
export async function ensureOrganizationRole(config: AwsConfig, input: OrganizationRoleInput): Promise<OrganizationRole> {
  const iam = controlIam(config);
  const roleName = organizationRoleName(input.organizationId, input.slug);
  let role = await getRole(iam, roleName);
  let created = false;
  if (!role) {
    const identity = await controlIdentity(config);
    try {
      const answer = await iam.send(
        new CreateRoleCommand({
          RoleName: roleName,
          Path: input.path ?? DEFAULT_ROLE_PATH,
          AssumeRolePolicyDocument: organizationTrustPolicy(identity.principalArn, input.externalId),
          Description: `PrivateLink endpoints for organization ${input.slug}`,
          MaxSessionDuration: SESSION_SECONDS,
          Tags: [
            { Key: "privatelink:organization-id", Value: input.organizationId },
            { Key: "privatelink:organization-slug", Value: input.slug },
          ],
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
  if (!role?.Arn) throw new AwsCallError({ kind: "transient", code: "NoSuchEntity", message: `The IAM role ${roleName} was created but cannot be read yet; try again.` });
  const trust = decodePolicy(role.AssumeRolePolicyDocument);
  const { principalArn } = await controlIdentity(config);
  if (!trust.includes(JSON.stringify(input.externalId)) || !trust.includes(JSON.stringify(principalArn))) {
    throw new AwsCallError({
      kind: "permanent",
      code: "RoleTrustMismatch",
      message: `The IAM role ${roleName} exists but its trust policy does not admit ${principalArn} with this organization's external id. Fix or delete the role in the vendor account, then try again.`,
    });
  }
  await awsCall(iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: INLINE_POLICY_NAME, PolicyDocument: endpointManagementPolicy() })), {
    operation: "iam:PutRolePolicy",
  });
  if (created) stateOf(config).createdAt.set(role.Arn, Date.now());
  return { roleArn: role.Arn, roleName, created };
}

export type OrganizationCredentialsInput = {
  roleArn: string;
  externalId: string;
  /** Shows in CloudTrail; IAM's characters, 2 to 64 long. */
  sessionName: string;
};

/** How long after creating a role an AccessDenied from AssumeRole is IAM still propagating it. */
export const ROLE_PROPAGATION_MS = 60_000;

async function assumeRole(config: AwsConfig, input: OrganizationCredentialsInput): Promise<AwsCredentialIdentity & { expiration: Date }> {
  const request = new AssumeRoleCommand({ RoleArn: input.roleArn, RoleSessionName: input.sessionName, ExternalId: input.externalId, DurationSeconds: SESSION_SECONDS });
  let answer;
  try {
    answer = await controlSts(config).send(request);
  } catch (error) {
    const failure = classifyAwsError(error, { operation: "sts:AssumeRole", principal: input.roleArn });
    const createdAt = stateOf(config).createdAt.get(input.roleArn);
    if (failure.code === "AccessDenied" && createdAt !== undefined && Date.now() - createdAt < ROLE_PROPAGATION_MS) {
      throw new AwsCallError(
        { ...failure, kind: "transient", message: "The organization's IAM role was just created and AWS is still propagating it; the call will be retried." },
        { cause: error },
      );
    }
    throw new AwsCallError(failure, { cause: error });
  }
  const credentials = answer.Credentials;
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.Expiration) {
    throw new AwsCallError({ kind: "transient", code: "EmptyCredentials", message: "AssumeRole answered without credentials; the call will be retried." });
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    expiration: credentials.Expiration,
  };
}

/**
 * Credentials of an organization's role, for the SDK's `credentials` option. AssumeRole runs as
 * the control principal; the result is shared by every caller of the same role (one cache per
 * role ARN and configuration) until REFRESH_MARGIN_MS before it expires, and concurrent callers
 * wait on one AssumeRole.
 */
export function organizationCredentials(config: AwsConfig, input: OrganizationCredentialsInput): AwsCredentialIdentityProvider {
  return () => {
    const cache = stateOf(config).credentials;
    let entry = cache.get(input.roleArn);
    if (!entry || entry.externalId !== input.externalId) {
      entry = { externalId: input.externalId };
      cache.set(input.roleArn, entry);
    }
    const current = entry;
    if (current.value && current.value.expiration.getTime() - REFRESH_MARGIN_MS > Date.now()) return Promise.resolve(current.value);
    if (!current.inFlight) {
      current.inFlight = assumeRole(config, input).then(
        (value) => {
          current.value = value;
          current.inFlight = undefined;
          return value;
        },
        (error: unknown) => {
          current.inFlight = undefined;
          throw error;
        },
      );
    }
    return current.inFlight;
  };
}

/** Drops cached credentials of a role (e.g. after its external id changed or it was deleted). */
export function forgetOrganizationCredentials(config: AwsConfig, roleArn: string): void {
  stateOf(config).credentials.delete(roleArn);
}

/** Shared-principal mode: every organization's calls go out as the control principal itself. */
export function sharedCredentials(config: AwsConfig): AwsConfig["controlCredentials"] {
  return config.controlCredentials;
}
