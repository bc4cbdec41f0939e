import "server-only";
import { EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@aws-sdk/types";
import { getEnv, type Env } from "@/lib/env";
import { renewingRefusedSessions } from "./session-renewal";
import { traced } from "./tracing";

/**
 * Where the AWS calls go and as whom. No endpoint and no credentials: the SDK's own resolution
 * (real AWS, default credential chain). An endpoint points every client at LocalStack or the
 * sandbox.
 */
export type AwsConfig = {
  endpoint?: string;
  /**
   * The region of the control principal's own calls (STS, and IAM in its partition): AWS_REGION.
   * STS is asked in this region (its regional endpoint), not the global us-east-1 one.
   */
  region?: string;
  /** The control principal: the app's own identity, which assumes the per-organization roles. */
  controlCredentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** SDK attempts per call (the SDK's default is 3); 1 leaves every retry to the caller. */
  maxAttempts?: number;
};

export type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

/** IAM is a global service, signed for us-east-1 in the commercial partition. */
export const IAM_REGION = "us-east-1";

/** The region IAM (a global service) is signed for in the partition of `region`. */
export function iamRegionFor(region: string | undefined): string {
  if (region?.startsWith("cn-")) return "cn-north-1";
  if (region?.startsWith("us-gov-")) return "us-gov-west-1";
  if (region?.startsWith("us-iso-")) return "us-iso-east-1";
  if (region?.startsWith("us-isob-")) return "us-isob-east-1";
  return IAM_REGION;
}

const fromEnv = new WeakMap<Env, AwsConfig>();

/**
 * The configuration the product runs with, one object per parsed environment (callers may key
 * caches on it). Explicit keys are used only with a custom endpoint: against real AWS the SDK's
 * default chain reads the same variables plus AWS_SESSION_TOKEN, profiles, SSO and instance roles.
 */
export function awsConfigFromEnv(env: Env = getEnv()): AwsConfig {
  const cached = fromEnv.get(env);
  if (cached) return cached;
  const config: AwsConfig = { endpoint: env.AWS_ENDPOINT_URL, region: env.AWS_REGION };
  if (env.AWS_ENDPOINT_URL && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY && !env.AWS_PROFILE) {
    config.controlCredentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
  }
  fromEnv.set(env, config);
  return config;
}

export type PrincipalSettings = {
  mode: Env["PRINCIPAL_MODE"];
  /** In shared mode, the one ARN every customer allowlists. */
  sharedPrincipalArn?: string;
  /** The IAM path of per-organization roles (and of the canary). */
  rolePath: string;
  /** A role in another AWS account, for telling a service open to everyone from one open to the vendor account. */
  outsideCanaryRoleArn?: string;
};

export function principalSettingsFromEnv(env: Env = getEnv()): PrincipalSettings {
  return {
    mode: env.PRINCIPAL_MODE,
    sharedPrincipalArn: env.SHARED_PRINCIPAL_ARN,
    rolePath: env.PRINCIPAL_ROLE_PATH,
    outsideCanaryRoleArn: env.OUTSIDE_CANARY_ROLE_ARN,
  };
}

function clientConfig(config: AwsConfig, region: string, credentials: Credentials | undefined) {
  return {
    region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    ...(config.maxAttempts ? { maxAttempts: config.maxAttempts } : {}),
  };
}

/** EC2 clients by configuration, then credentials (the object or provider itself), then region. */
const ec2Clients = new WeakMap<AwsConfig, WeakMap<object, Map<string, EC2Client>>>();

/**
 * The EC2 client for a region, as `credentials` (an organization's role) or the control principal:
 * made once per configuration, credentials and region and reused, so its socket pool and resolved
 * credentials serve every job and pass. Pass the same credentials object (or provider) to share it.
 *
 * In the SDK's adaptive retry mode: EC2's budgets are per account and region, and every job of the
 * process sends through this one client, so once EC2 throttles, the client itself slows to the rate
 * EC2 admits instead of each call retrying on its own clock into the same empty bucket. (STS and
 * IAM keep the standard mode: a handful of calls per organization.) A role's session that AWS refuses
 * is dropped from the role's cache (lib/aws/session-renewal.ts).
 */
export function ec2Client(config: AwsConfig, region: string, credentials: Credentials | undefined = config.controlCredentials): EC2Client {
  let byCredentials = ec2Clients.get(config);
  if (!byCredentials) ec2Clients.set(config, (byCredentials = new WeakMap()));
  const owner = credentials ?? config;
  let byRegion = byCredentials.get(owner);
  if (!byRegion) byCredentials.set(owner, (byRegion = new Map()));
  let client = byRegion.get(region);
  if (!client) {
    client = traced(new EC2Client({ ...clientConfig(config, region, credentials), retryMode: "adaptive" }), region);
    byRegion.set(region, renewingRefusedSessions(client, credentials));
  }
  return client;
}

export function stsClient(
  config: AwsConfig,
  region = config.region ?? IAM_REGION,
  credentials: Credentials | undefined = config.controlCredentials,
): STSClient {
  return traced(new STSClient(clientConfig(config, region, credentials)), region);
}

export function iamClient(config: AwsConfig, credentials: Credentials | undefined = config.controlCredentials): IAMClient {
  const region = iamRegionFor(config.region);
  return traced(new IAMClient(clientConfig(config, region, credentials)), region);
}
