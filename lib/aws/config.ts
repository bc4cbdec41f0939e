import "server-only";
import { EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@aws-sdk/types";
import { getEnv, type Env } from "@/lib/env";
import { traced } from "./tracing";

/**
 * Where the AWS calls go and as whom. No endpoint and no credentials: the SDK's own resolution
 * (real AWS, default credential chain). An endpoint points every client at LocalStack or the
 * sandbox.
 */
export type AwsConfig = {
  endpoint?: string;
  /** The control principal: the app's own identity, which assumes the per-organization roles. */
  controlCredentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** SDK attempts per call (the SDK's default is 3); 1 leaves every retry to the caller. */
  maxAttempts?: number;
};

export type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

/** IAM is a global service, signed for us-east-1. */
export const IAM_REGION = "us-east-1";

const fromEnv = new WeakMap<Env, AwsConfig>();

/**
 * The configuration the product runs with, one object per parsed environment (callers may key
 * caches on it). Explicit keys are used only with a custom endpoint: against real AWS the SDK's
 * default chain reads the same variables plus AWS_SESSION_TOKEN, profiles, SSO and instance roles.
 */
export function awsConfigFromEnv(env: Env = getEnv()): AwsConfig {
  const cached = fromEnv.get(env);
  if (cached) return cached;
  const config: AwsConfig = { endpoint: env.AWS_ENDPOINT_URL };
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

/** An EC2 client for a region, as `credentials` (an organization's role) or the control principal. */
export function ec2Client(config: AwsConfig, region: string, credentials: Credentials | undefined = config.controlCredentials): EC2Client {
  return traced(new EC2Client(clientConfig(config, region, credentials)), region);
}

export function stsClient(config: AwsConfig, region = IAM_REGION, credentials: Credentials | undefined = config.controlCredentials): STSClient {
  return traced(new STSClient(clientConfig(config, region, credentials)), region);
}

export function iamClient(config: AwsConfig, credentials: Credentials | undefined = config.controlCredentials): IAMClient {
  return traced(new IAMClient(clientConfig(config, IAM_REGION, credentials)), IAM_REGION);
}
