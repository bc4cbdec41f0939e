import path from "node:path";
import { IAMClient } from "@aws-sdk/client-iam";
import { startSandbox } from "@privatelink-portal/sandbox-aws";
import { accountsDocument } from "@privatelink-portal/sandbox-aws/admin";
import { readSandboxConfig, sandboxOptions } from "@privatelink-portal/sandbox-aws/config";
import { SEED_ACCOUNTS } from "@privatelink-portal/sandbox-aws/seed";
import { createOutsideCanaryRole } from "@/lib/aws/canary";
import type { Env } from "@/lib/env";
import { DATA_DIR, say } from "./runtime";

/**
 * With no AWS configured, `npm run dev` and `npm start` run the sandbox AWS in-process and act as
 * its vendor account; its state is kept in .data/sandbox-state.json across restarts. The last
 * customer account (customer-c, which no demo organization plays) hosts the outside canary, so
 * verification tells a service open to everyone from one open to the vendor account. Its resolver
 * (the data plane, docs/SANDBOX.md) answers the worker's probes.
 */

export type AwsSetup = {
  /** Variables for the server and worker processes (the SDK's standard ones). */
  env: Record<string, string>;
  sandbox: { endpoint: string; dns: { host: string; port: number } | null; accounts: ReturnType<typeof accountsDocument>["accounts"] } | null;
  stop: () => Promise<void>;
};

export function isAwsConfigured(env: Env): boolean {
  return Boolean(env.AWS_ENDPOINT_URL || env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE);
}

export async function setUpAws(env: Env): Promise<AwsSetup> {
  if (isAwsConfigured(env)) return { env: {}, sandbox: null, stop: async () => {} };
  const config = readSandboxConfig();
  let sandbox;
  try {
    sandbox = await startSandbox({ ...sandboxOptions(config), stateFile: config.SANDBOX_STATE_FILE ?? path.join(DATA_DIR, "sandbox-state.json") });
  } catch (error) {
    throw new Error(
      `the sandbox AWS could not listen on ${config.SANDBOX_HOST}:${config.SANDBOX_PORT} (${error instanceof Error ? error.message : String(error)}). ` +
        "Set SANDBOX_PORT to a free port, or AWS_ENDPOINT_URL / AWS credentials to use another AWS.",
    );
  }
  const vendor = SEED_ACCOUNTS.find((a) => a.kind === "vendor")!;
  const outside = SEED_ACCOUNTS.at(-1)!;
  const outsideIam = new IAMClient({
    endpoint: sandbox.url,
    region: "us-east-1",
    credentials: { accessKeyId: outside.accessKeyId, secretAccessKey: outside.secretAccessKey },
  });
  const outsideCanary = env.OUTSIDE_CANARY_ROLE_ARN ?? (await createOutsideCanaryRole(outsideIam, `arn:aws:iam::${vendor.accountId}:root`));
  say(
    `no AWS configured: sandbox AWS on ${sandbox.url}, acting as vendor account ${vendor.accountId}, ${sandbox.runtime.consistency.summary()} (docs/SANDBOX.md)`,
  );
  return {
    env: {
      AWS_ENDPOINT_URL: sandbox.url,
      AWS_ACCESS_KEY_ID: vendor.accessKeyId,
      AWS_SECRET_ACCESS_KEY: vendor.secretAccessKey,
      AWS_REGION: "us-east-1",
      OUTSIDE_CANARY_ROLE_ARN: outsideCanary,
      // The worker's probes ask the sandbox's resolver, as they would ask the VPC's in AWS.
      ...(sandbox.dns && { PROBE_DNS_SERVER: `${sandbox.dns.host.includes(":") ? `[${sandbox.dns.host}]` : sandbox.dns.host}:${sandbox.dns.port}` }),
    },
    sandbox: { endpoint: sandbox.url, dns: sandbox.dns, accounts: accountsDocument().accounts },
    stop: () => sandbox.close(),
  };
}
