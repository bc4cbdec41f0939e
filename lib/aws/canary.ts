import "server-only";
import { DescribeVpcEndpointServicesCommand, type EC2Client } from "@aws-sdk/client-ec2";
import { CreateRoleCommand, GetRoleCommand, PutRolePolicyCommand, type IAMClient } from "@aws-sdk/client-iam";
import type { AwsConfig, Credentials } from "./config";
import { AwsCallError, awsCall } from "./errors";
import { roleCredentials } from "./principals";
import { canaryPolicy, trustPolicy } from "./role-policies";
import { ensureRole } from "./roles";
import { TAG_PURPOSE } from "./tags";

// Canaries are principals no customer is ever shown, so no allow list names them: the vendor-account canary sees services
// allowlisted to our whole account (`:root`) or to `*`; the outside canary, a role in another account, sees only `*`.

export const CANARY_ROLE_NAME = "privatelink-canary";
export const OUTSIDE_CANARY_ROLE_NAME = "privatelink-outside-canary";
const CANARY_POLICY_NAME = "privatelink-canary-describe";
const ensured = new WeakMap<AwsConfig, Promise<string>>();

function canaryRoleArn(config: AwsConfig, path: string): Promise<string> {
  let pending = ensured.get(config);
  if (!pending) {
    pending = ensureRole(config, {
      roleName: CANARY_ROLE_NAME,
      path,
      description: "Asks which endpoint services are visible to a principal no customer allowlists",
      tags: { [TAG_PURPOSE]: "allowlist-canary" },
      policyName: CANARY_POLICY_NAME,
      policy: canaryPolicy(),
    }).then((role) => role.roleArn);
    ensured.set(config, pending);
    // A failure is not remembered: the next verification tries again.
    pending.catch(() => ensured.delete(config));
  }
  return pending;
}

export async function canaryCredentials(config: AwsConfig, path: string): Promise<Credentials> {
  return roleCredentials(config, { roleArn: await canaryRoleArn(config, path), sessionName: "allowlist-canary" });
}

export function outsideCanaryCredentials(config: AwsConfig, roleArn: string): Credentials {
  return roleCredentials(config, { roleArn, sessionName: "allowlist-outside-canary" });
}

/** AWS answers an invisible service exactly like an unknown one: InvalidServiceName, or no detail. */
export async function canSeeService(ec2: EC2Client, serviceName: string, serviceRegion?: string): Promise<boolean> {
  try {
    const answer = await awsCall(
      ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName], ServiceRegions: serviceRegion ? [serviceRegion] : undefined })),
      { operation: "ec2:DescribeVpcEndpointServices" },
    );
    return (answer.ServiceDetails ?? []).some((detail) => detail.ServiceName === serviceName);
  } catch (error) {
    if (error instanceof AwsCallError && error.failure.code === "InvalidServiceName") return false;
    throw error;
  }
}

// Made with the other account's IAM client; idempotent. The dev sandbox runs it at start; against real AWS an operator
// does the same once (docs/ARCHITECTURE.md).
export async function createOutsideCanaryRole(iam: IAMClient, controlPrincipalArn: string): Promise<string> {
  let arn: string | undefined;
  try {
    arn = (await iam.send(new GetRoleCommand({ RoleName: OUTSIDE_CANARY_ROLE_NAME }))).Role?.Arn;
  } catch (error) {
    if ((error as { name?: string }).name !== "NoSuchEntity" && (error as { name?: string }).name !== "NoSuchEntityException") throw error;
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: OUTSIDE_CANARY_ROLE_NAME,
        AssumeRolePolicyDocument: trustPolicy(controlPrincipalArn),
        Description: "Asks which endpoint services are open to everyone",
      }),
    );
    arn = created.Role?.Arn;
  }
  await iam.send(new PutRolePolicyCommand({ RoleName: OUTSIDE_CANARY_ROLE_NAME, PolicyName: CANARY_POLICY_NAME, PolicyDocument: canaryPolicy() }));
  if (!arn) throw new Error(`IAM answered without the ARN of ${OUTSIDE_CANARY_ROLE_NAME}`);
  return arn;
}
