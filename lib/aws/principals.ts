import "server-only";
import { GetRoleCommand, type IAMClient } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@aws-sdk/types";
import { iamClient, stsClient, type AwsConfig } from "./config";
import { AwsCallError, awsCall, classifyAwsError, isPropagating, ROLE_PROPAGATION_MS, whilePropagating } from "./errors";
import type { VendorAccount } from "./role-policies";
import { renewedOnRefusal } from "./session-renewal";

// The control principal (the app's own credentials) owns one IAM role per organization and assumes it for that organization's
// calls, so a customer's allow list admits exactly one tenant: AWS itself refuses organization B's request for A's service.

export const DEFAULT_ROLE_PATH = "/privatelink/";
export const INLINE_POLICY_NAME = "privatelink-endpoint-management";
export const REFRESH_MARGIN_MS = 5 * 60_000;
// A refused session is dropped only when at least this old: a younger one postdates any change to the role, so its refusal is
// a permission the role lacks, and such a role is assumed again at most once per this long, not in a loop.
export const REFUSAL_RENEWAL_MS = 30_000;
/** A role's default MaxSessionDuration. */
const SESSION_SECONDS = 3600;

export type ControlIdentity = {
  accountId: string;
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
  /** One provider per role, external id and session name: EC2 clients are cached by it (config.ts). */
  providers: Map<string, AwsCredentialIdentityProvider>;
  /** Role ARN -> when the role was last made, made again or given a new policy (epoch ms), as far as this process knows. */
  changedAt: Map<string, number>;
};

type CachedCredentials = {
  externalId: string | undefined;
  value?: AwsCredentialIdentity & { expiration: Date };
  obtainedAt?: number;
  inFlight?: Promise<AwsCredentialIdentity & { expiration: Date }>;
};

const states = new WeakMap<AwsConfig, ConfigState>();

function stateOf(config: AwsConfig): ConfigState {
  let state = states.get(config);
  if (!state) {
    state = { credentials: new Map(), providers: new Map(), changedAt: new Map() };
    states.set(config, state);
  }
  return state;
}

export function controlSts(config: AwsConfig): STSClient {
  const state = stateOf(config);
  state.sts ??= stsClient(config);
  return state.sts;
}

export function controlIam(config: AwsConfig): IAMClient {
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

export async function vendorAccount(config: AwsConfig): Promise<VendorAccount> {
  const identity = await controlIdentity(config);
  return { partition: identity.arn.split(":")[1] ?? "aws", accountId: identity.accountId };
}

// For ROLE_PROPAGATION_MS after a role is made, made again or given a new policy, IAM may still refuse AssumeRole on it
// (AccessDenied) or evaluate its old policy: both are transient then, and permanent after. Any process learns of a change it
// did not make from the organization's principalChangedAt (lib/orgs/principal.ts); sessions it cached before the change
// (of a role since deleted and made again) are dropped at once.
export function markRoleChanged(config: AwsConfig, roleArn: string, at = Date.now()): void {
  const state = stateOf(config);
  if ((state.changedAt.get(roleArn) ?? Number.NEGATIVE_INFINITY) >= at) return;
  state.changedAt.set(roleArn, at);
  const obtainedAt = state.credentials.get(roleArn)?.obtainedAt;
  if (obtainedAt === undefined || obtainedAt < at) forgetOrganizationCredentials(config, roleArn);
}

/** True while IAM may still be propagating the role's last change. */
export function isRoleChanging(config: AwsConfig, roleArn: string, now = Date.now()): boolean {
  return isPropagating(stateOf(config).changedAt.get(roleArn), ROLE_PROPAGATION_MS, now);
}

export type RoleCredentialsInput = {
  roleArn: string;
  externalId?: string;
  /** Shows in CloudTrail; IAM's characters, 2 to 64 long. */
  sessionName: string;
};

async function assumeRole(config: AwsConfig, input: RoleCredentialsInput): Promise<AwsCredentialIdentity & { expiration: Date }> {
  const request = new AssumeRoleCommand({
    RoleArn: input.roleArn,
    RoleSessionName: input.sessionName,
    ExternalId: input.externalId,
    DurationSeconds: SESSION_SECONDS,
  });
  let answer;
  try {
    answer = await controlSts(config).send(request);
  } catch (error) {
    const failure = classifyAwsError(error, { operation: "sts:AssumeRole", principal: input.roleArn });
    throw new AwsCallError(whilePropagating(failure, stateOf(config).changedAt.get(input.roleArn), ROLE_PROPAGATION_MS), { cause: error });
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

// Shared by every caller of the role until REFRESH_MARGIN_MS before expiry, concurrent callers waiting on one AssumeRole.
// The same role, external id and session name get the same provider, so the EC2 clients made with it are reused too.
export function roleCredentials(config: AwsConfig, input: RoleCredentialsInput): AwsCredentialIdentityProvider {
  const providers = stateOf(config).providers;
  const key = [input.roleArn, input.externalId ?? "", input.sessionName].join("\n");
  let provider = providers.get(key);
  if (!provider) {
    const created = newRoleCredentials(config, input);
    renewedOnRefusal(created, () => renewAfterRefusal(config, input.roleArn, key, created));
    providers.set(key, (provider = created));
  }
  return provider;
}

/** True when the retry after AWS refused this provider's session will run with another session. */
function renewAfterRefusal(config: AwsConfig, roleArn: string, key: string, provider: AwsCredentialIdentityProvider): boolean {
  const state = stateOf(config);
  if (state.providers.get(key) !== provider) return true;
  const obtainedAt = state.credentials.get(roleArn)?.obtainedAt;
  // A young session's refusal is the role's lack, unless the role changed lately: then IAM may still hold its old policy.
  if (obtainedAt !== undefined && Date.now() - obtainedAt < REFUSAL_RENEWAL_MS && !isRoleChanging(config, roleArn)) return false;
  forgetOrganizationCredentials(config, roleArn);
  return true;
}

function newRoleCredentials(config: AwsConfig, input: RoleCredentialsInput): AwsCredentialIdentityProvider {
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
          current.obtainedAt = Date.now();
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

// For a role whose external id changed or that was made again. Its providers go too, so ec2Client() makes a new client:
// the SDK keeps the identity a client resolved until it nears expiry.
export function forgetOrganizationCredentials(config: AwsConfig, roleArn: string): void {
  const state = stateOf(config);
  state.credentials.delete(roleArn);
  for (const key of state.providers.keys()) if (key.startsWith(`${roleArn}\n`)) state.providers.delete(key);
}

export function sharedCredentials(config: AwsConfig): AwsConfig["controlCredentials"] {
  return config.controlCredentials;
}
