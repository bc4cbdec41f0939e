import "server-only";
import { EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import { RAMClient } from "@aws-sdk/client-ram";
import { VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";
import { STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@aws-sdk/types";
import { getEnv, type Env } from "@/lib/env";
import { renewingRefusedSessions } from "./session-renewal";
import { traced } from "./tracing";

/** Without endpoint and credentials, the SDK's own resolution (real AWS); an endpoint points every client at LocalStack or the sandbox. */
export type AwsConfig = {
  endpoint?: string;
  /** The control principal's region (AWS_REGION): STS is asked at this regional endpoint, not the global us-east-1 one. */
  region?: string;
  /** The app's own identity, which assumes the per-organization roles. */
  controlCredentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** The SDK's default is 3; 1 leaves every retry to the caller. */
  maxAttempts?: number;
};

export type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

export const IAM_REGION = "us-east-1";

/** IAM is a global service, signed for one region per partition (us-east-1 in the commercial one). */
export function iamRegionFor(region: string | undefined): string {
  if (region?.startsWith("cn-")) return "cn-north-1";
  if (region?.startsWith("us-gov-")) return "us-gov-west-1";
  if (region?.startsWith("us-iso-")) return "us-iso-east-1";
  if (region?.startsWith("us-isob-")) return "us-isob-east-1";
  return IAM_REGION;
}

const fromEnv = new WeakMap<Env, AwsConfig>();

// One object per parsed environment: callers may key caches on it. Explicit keys only with a custom endpoint: against
// real AWS the SDK's default chain reads the same variables plus AWS_SESSION_TOKEN, profiles, SSO and instance roles.
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
  sharedPrincipalArn?: string;
  rolePath: string;
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

const ec2Clients = new WeakMap<AwsConfig, WeakMap<object, Map<string, EC2Client>>>();

// Made once per configuration, credentials (pass the same object or provider to share it) and region, so its socket pool
// and resolved credentials serve every job. Adaptive retry: EC2's budgets are per account and region and the whole process
// sends through this client, so once EC2 throttles, the client slows to the rate EC2 admits instead of each call retrying
// on its own clock into the same empty bucket. STS and IAM keep standard mode: a handful of calls per organization.
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

/** A resource link's few calls per verification: a client each time, like STS and IAM. */
export function latticeClient(config: AwsConfig, region: string, credentials: Credentials | undefined = config.controlCredentials): VPCLatticeClient {
  return traced(new VPCLatticeClient(clientConfig(config, region, credentials)), region);
}

/** RAM shares reach accounts, not roles: invitations are answered as the control identity of our account. */
export function ramClient(config: AwsConfig, region: string): RAMClient {
  return traced(new RAMClient(clientConfig(config, region, config.controlCredentials)), region);
}
