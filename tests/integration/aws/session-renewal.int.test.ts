import { DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { DeleteRoleCommand, DeleteRolePolicyCommand } from "@aws-sdk/client-iam";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ec2Client } from "@/lib/aws/config";
import { AwsCallError, awsCall, ROLE_PROPAGATION_MS } from "@/lib/aws/errors";
import { INLINE_POLICY_NAME, REFUSAL_RENEWAL_MS } from "@/lib/aws/principals";
import { ensureOrganizationRole } from "@/lib/aws/roles";
import { clientsOf, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { withSandbox } from "../fixtures/sandbox";
import { credentialsFor, organization, sandboxConfig, type TestOrganization } from "./helpers";

/** lib/aws/session-renewal.ts: a process recovers by itself from sessions AWS no longer honours. */
describe("role sessions refused by AWS, against the sandbox", () => {
  const sandbox = withSandbox();
  afterEach(() => {
    vi.useRealTimers();
  });

  const sessions = () => sandbox().state.sessions.size;

  /** What an operator does by hand: the role's inline policy, then the role. */
  async function deleteRole(org: TestOrganization) {
    const { iam } = clientsOf(sandbox(), VENDOR);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: org.roleName, PolicyName: INLINE_POLICY_NAME }));
    await iam.send(new DeleteRoleCommand({ RoleName: org.roleName }));
  }

  it("drops a session AWS refuses once its role was deleted and made again, so the retry assumes the new role", async () => {
    const config = sandboxConfig(sandbox());
    const org = await organization(config, "reborn");
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const worker = ec2Client(config, "us-east-1", credentialsFor(config, org));
    await worker.send(new DescribeVpcsCommand({}));
    const before = sessions();

    // Deleted by hand and made again by another process (an admin's repair): same ARN, new role id.
    await deleteRole(org);
    expect((await ensureOrganizationRole(sandboxConfig(sandbox()), org)).roleArn).toBe(org.roleArn);

    vi.setSystemTime(start + REFUSAL_RENEWAL_MS);
    const refused = await awsCall(worker.send(new DescribeVpcsCommand({}))).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AwsCallError);
    expect((refused as AwsCallError).failure).toMatchObject({ kind: "transient", code: "UnauthorizedOperation", httpStatus: 403 });
    expect(sessions()).toBe(before);

    // The job's retry: a new session of the new role, long before the old one would expire.
    const { Vpcs } = await ec2Client(config, "us-east-1", credentialsFor(config, org)).send(new DescribeVpcsCommand({}));
    expect(Vpcs).toHaveLength(1);
    expect(sessions()).toBe(before + 1);
  });

  it("assumes a role refused for a missing permission again at most once per REFUSAL_RENEWAL_MS", async () => {
    const config = sandboxConfig(sandbox());
    const org = await organization(config, "denied");
    const role = [...sandbox().state.roles.values()].find((r) => r.arn === org.roleArn)!;
    role.inlinePolicies[INLINE_POLICY_NAME] = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "ec2:DescribeSubnets", Resource: "*" }],
    });
    // Long after the role was made: within ROLE_PROPAGATION_MS its refusals could be IAM still holding an older policy.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + ROLE_PROPAGATION_MS);
    const start = Date.now();
    const before = sessions();
    const attempt = async () => {
      const error = await awsCall(ec2Client(config, "us-east-1", credentialsFor(config, org)).send(new DescribeVpcsCommand({}))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AwsCallError);
      return error as AwsCallError;
    };

    // A fresh session refused: the permission is missing, not the session stale; no AssumeRole loop.
    for (let i = 0; i < 5; i++) expect((await attempt()).failure).toMatchObject({ kind: "permanent", code: "UnauthorizedOperation" });
    expect(sessions()).toBe(before + 1);

    // Later, the session may be stale: dropped once (retried), then the new one is refused for good.
    vi.setSystemTime(start + REFUSAL_RENEWAL_MS);
    expect((await attempt()).failure).toMatchObject({ kind: "transient", code: "UnauthorizedOperation" });
    expect(sessions()).toBe(before + 1);
    for (let i = 0; i < 5; i++) expect((await attempt()).failure).toMatchObject({ kind: "permanent", code: "UnauthorizedOperation" });
    expect(sessions()).toBe(before + 2);
  });

  it("forgets a role's cached session when this process makes the role again", async () => {
    const config = sandboxConfig(sandbox());
    const org = await organization(config, "repaired");
    const first = await credentialsFor(config, org)();
    await deleteRole(org);
    expect((await ensureOrganizationRole(config, org)).created).toBe(true);
    const provider = credentialsFor(config, org);
    expect((await provider()).accessKeyId).not.toBe(first.accessKeyId);
    const { Vpcs } = await ec2Client(config, "us-east-1", provider).send(new DescribeVpcsCommand({}));
    expect(Vpcs).toHaveLength(1);
  });
});
