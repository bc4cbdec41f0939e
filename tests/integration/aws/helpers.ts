import type { EC2Client } from "@aws-sdk/client-ec2";
import { ec2Client, type AwsConfig } from "@/lib/aws/config";
import { roleCredentials } from "@/lib/aws/principals";
import { ensureOrganizationRole, type OrganizationRole } from "@/lib/aws/roles";
import type { Sandbox } from "@privatelink-portal/sandbox-aws";
import { credentialsOf, VENDOR } from "@privatelink-portal/sandbox-aws/testing";

/** The product's configuration against a sandbox: the vendor account is the control principal. */
export function sandboxConfig(sandbox: Sandbox, overrides: Partial<AwsConfig> = {}): AwsConfig {
  return { endpoint: sandbox.url, controlCredentials: credentialsOf(VENDOR), maxAttempts: 1, ...overrides };
}

export type TestOrganization = OrganizationRole & { organizationId: string; slug: string; externalId: string };

export async function organization(config: AwsConfig, slug: string): Promise<TestOrganization> {
  const input = { organizationId: `org_${slug}_0001`, slug, externalId: `ext-${slug}-secret` };
  return { ...input, ...(await ensureOrganizationRole(config, input)) };
}

export function credentialsFor(config: AwsConfig, org: TestOrganization) {
  return roleCredentials(config, { roleArn: org.roleArn, externalId: org.externalId, sessionName: `link-worker-${org.slug}` });
}

/** Organizations alpha and bravo, each with its own role, and an EC2 client acting as each. */
export async function twoOrganizations(sandbox: Sandbox) {
  const config = sandboxConfig(sandbox);
  const orgA = await organization(config, "alpha");
  const orgB = await organization(config, "bravo");
  return {
    config,
    orgA,
    orgB,
    asA: ec2Client(config, "us-east-1", credentialsFor(config, orgA)),
    asB: ec2Client(config, "us-east-1", credentialsFor(config, orgB)),
  };
}

/** Records the name of every command a client sends. */
export function recordCommands(client: EC2Client): string[] {
  const names: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      names.push(context.commandName ?? "");
      return next(args);
    },
    { step: "initialize", name: `recordCommands${Math.random()}` },
  );
  return names;
}
