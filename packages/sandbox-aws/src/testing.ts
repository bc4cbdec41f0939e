import assert from "node:assert/strict";
import { EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import { RAMClient } from "@aws-sdk/client-ram";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";
import { ZERO_DELAYS } from "./runtime";
import { SEED_ACCOUNTS, type SeedAccount } from "./seed";
import { startSandbox, type Sandbox, type SandboxOptions } from "./server";

/**
 * Tests against a sandbox through the real AWS SDK clients (the package's own, and the tests of
 * whatever uses it): a throwaway sandbox, its seeded accounts, clients acting as them.
 */

export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const [VENDOR, CUSTOMER_A, CUSTOMER_B, CUSTOMER_C] = SEED_ACCOUNTS as [SeedAccount, SeedAccount, SeedAccount, SeedAccount];

/** A sandbox on a free loopback port with zero delays and, unless asked, no throttling. */
export function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ port: 0, host: "127.0.0.1", delays: ZERO_DELAYS, throttling: { enabled: false }, ...options });
}

export function credentialsOf(account: SeedAccount): AwsCredentialIdentity {
  return { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey };
}

export interface Clients {
  ec2: EC2Client;
  sts: STSClient;
  iam: IAMClient;
  lattice: VPCLatticeClient;
  ram: RAMClient;
}

/** The real SDK clients pointed at the sandbox; one attempt, so errors surface as they come. */
export function clientsFor(sandbox: Sandbox, credentials: AwsCredentialIdentity, region = "us-east-1"): Clients {
  const config = { endpoint: sandbox.url, region, credentials, maxAttempts: 1 };
  return {
    ec2: new EC2Client(config),
    sts: new STSClient(config),
    iam: new IAMClient(config),
    lattice: new VPCLatticeClient(config),
    ram: new RAMClient(config),
  };
}

export function clientsOf(sandbox: Sandbox, account: SeedAccount, region = "us-east-1"): Clients {
  return clientsFor(sandbox, credentialsOf(account), region);
}

/** Asserts an SDK call fails with this AWS error code (and HTTP status, when given). */
export async function expectAwsError(call: Promise<unknown>, code: string, status?: number): Promise<Error> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof Error, `expected ${code}`);
  const failure = error as Error & { $metadata?: { httpStatusCode?: number } };
  assert.equal(failure.name, code);
  if (status !== undefined) assert.equal(failure.$metadata?.httpStatusCode, status);
  return failure;
}

export function trustPolicy(principal: string, externalId?: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: principal },
        Action: "sts:AssumeRole",
        ...(externalId ? { Condition: { StringEquals: { "sts:ExternalId": externalId } } } : {}),
      },
    ],
  });
}

export async function assumedCredentials(sts: STSClient, roleArn: string, externalId?: string, sessionName = "worker"): Promise<AwsCredentialIdentity> {
  const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, ExternalId: externalId }));
  if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey || !Credentials.SessionToken) throw new Error("AssumeRole returned no credentials");
  return { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey, sessionToken: Credentials.SessionToken };
}

export interface AccountsDocument {
  accounts: {
    accountId: string;
    kind: string;
    owner?: string;
    accessKeyId: string;
    secretAccessKey: string;
    loadBalancers: Record<string, string[]>;
    vpcs: Record<string, string>;
    subnets: Record<string, string[]>;
  }[];
}

export async function fetchAccounts(sandbox: Sandbox): Promise<AccountsDocument> {
  const response = await fetch(`${sandbox.url}/_sandbox/accounts`);
  return (await response.json()) as AccountsDocument;
}

export async function loadBalancerOf(sandbox: Sandbox, account: SeedAccount, region = "us-east-1"): Promise<string> {
  const document = await fetchAccounts(sandbox);
  const arn = document.accounts.find((a) => a.accountId === account.accountId)?.loadBalancers[region]?.[0];
  if (!arn) throw new Error(`no load balancer for ${account.accountId} in ${region}`);
  return arn;
}
