import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ec2Client, stsClient } from "@/lib/aws/config";
import { AwsCallError, classifyAwsError, ROLE_PROPAGATION_MS } from "@/lib/aws/errors";
import { controlIdentity, forgetOrganizationCredentials, INLINE_POLICY_NAME, roleCredentials, sharedCredentials } from "@/lib/aws/principals";
import { ensureOrganizationRole, organizationRoleName } from "@/lib/aws/roles";
import { DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { endpointManagementPolicy } from "@/lib/aws/role-policies";
import { assumedCredentials, clientsOf, CUSTOMER_A, credentialsOf, expectAwsError, trustPolicy, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { withSandbox } from "../fixtures/sandbox";
import { credentialsFor, organization, sandboxConfig } from "./helpers";

describe("lib/aws/principals against the sandbox", () => {
  const sandbox = withSandbox();
  afterEach(() => {
    vi.useRealTimers();
  });

  const sessions = () => sandbox().state.sessions.size;

  it("knows the control principal, asking STS once", async () => {
    const config = sandboxConfig(sandbox());
    const first = controlIdentity(config);
    expect(controlIdentity(config)).toBe(first);
    expect(await first).toEqual({
      accountId: VENDOR.accountId,
      arn: `arn:aws:iam::${VENDOR.accountId}:root`,
      userId: VENDOR.accountId,
      principalArn: `arn:aws:iam::${VENDOR.accountId}:root`,
    });
  });

  it("derives IAM-valid role names from the slug and a hash of the organization id", () => {
    expect(organizationRoleName("org_1", "acme")).toMatch(/^pl-acme-[0-9a-f]{10}$/);
    expect(organizationRoleName("org_1", "acme")).not.toBe(organizationRoleName("org_2", "acme"));
    const long = organizationRoleName("org_1", `Ünïcode Corp! ${"x".repeat(100)}`);
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toMatch(/^[\w+=,.@-]+$/);
    expect(organizationRoleName("org_1", "!!!")).toMatch(/^pl-org-[0-9a-f]{10}$/);
  });

  it("creates the organization's role once, under the path, with tags, trust and a narrow inline policy", async () => {
    const config = sandboxConfig(sandbox());
    const input = { organizationId: "org_acme", slug: "acme", externalId: "ext-acme-1" };
    const first = await ensureOrganizationRole(config, input);
    expect(first.created).toBe(true);
    expect(first.roleArn).toBe(`arn:aws:iam::${VENDOR.accountId}:role/privatelink/${first.roleName}`);
    const again = await ensureOrganizationRole(config, input);
    expect(again).toEqual({ ...first, created: false });

    const roles = [...sandbox().state.roles.values()].filter((r) => r.roleName === first.roleName);
    expect(roles).toHaveLength(1);
    const role = roles[0]!;
    expect(role.path).toBe("/privatelink/");
    expect(role.tags).toEqual([
      { key: "privatelink-portal:organization-id", value: "org_acme" },
      { key: "privatelink-portal:organization-slug", value: "acme" },
    ]);
    expect(JSON.parse(role.trustPolicy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${VENDOR.accountId}:root` },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": "ext-acme-1" } },
        },
      ],
    });
    expect(role.inlinePolicies[INLINE_POLICY_NAME]).toBe(endpointManagementPolicy({ partition: "aws", accountId: VENDOR.accountId }, "org_acme"));

    // A role made under an older policy gets the current one the next time it is ensured.
    role.inlinePolicies[INLINE_POLICY_NAME] = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:*", Resource: "*" }] });
    await ensureOrganizationRole(config, input);
    expect(role.inlinePolicies[INLINE_POLICY_NAME]).toBe(endpointManagementPolicy({ partition: "aws", accountId: VENDOR.accountId }, "org_acme"));
  });

  it("honours another path and tolerates a concurrent creator", async () => {
    const config = sandboxConfig(sandbox());
    const input = { organizationId: "org_race", slug: "race", externalId: "ext-race", path: "/tenants/pl/" };
    const results = await Promise.all([ensureOrganizationRole(config, input), ensureOrganizationRole(config, input), ensureOrganizationRole(config, input)]);
    expect(new Set(results.map((r) => r.roleArn)).size).toBe(1);
    expect(results[0]?.roleArn).toMatch(/:role\/tenants\/pl\/pl-race-/);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it("refuses an existing role whose trust policy lacks the organization's external id", async () => {
    const config = sandboxConfig(sandbox());
    await ensureOrganizationRole(config, { organizationId: "org_rot", slug: "rot", externalId: "ext-old" });
    const error = await ensureOrganizationRole(config, { organizationId: "org_rot", slug: "rot", externalId: "ext-new" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as AwsCallError).failure).toMatchObject({ kind: "permanent", code: "RoleTrustMismatch" });

    // Also when the control principal changed (here: a role session instead of the account).
    const { iam, sts } = clientsOf(sandbox(), VENDOR);
    const { Role } = await iam.send(
      new CreateRoleCommand({ RoleName: "other-control", AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${VENDOR.accountId}:root`) }),
    );
    const otherControl = sandboxConfig(sandbox(), { controlCredentials: await assumedCredentials(sts, Role?.Arn ?? "", undefined, "ctl") });
    const changed = await ensureOrganizationRole(otherControl, { organizationId: "org_rot", slug: "rot", externalId: "ext-old" }).catch((e: unknown) => e);
    expect((changed as AwsCallError).failure).toMatchObject({ kind: "permanent", code: "RoleTrustMismatch" });
    expect((changed as AwsCallError).message).toContain(`arn:aws:iam::${VENDOR.accountId}:role/other-control`);
  });

  it("lets the control principal assume the role only with the right external id", async () => {
    const config = sandboxConfig(sandbox());
    const org = await organization(config, "trusty");
    const { sts } = clientsOf(sandbox(), VENDOR);
    await expectAwsError(sts.send(new AssumeRoleCommand({ RoleArn: org.roleArn, RoleSessionName: "wk", ExternalId: "wrong-id" })), "AccessDenied", 403);
    await expectAwsError(sts.send(new AssumeRoleCommand({ RoleArn: org.roleArn, RoleSessionName: "wk" })), "AccessDenied", 403);
    await expect(assumedCredentials(sts, org.roleArn, org.externalId)).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });

    // Through the provider (of another process, which did not just create the role): a wrong
    // external id is a permanent AccessDenied naming the role.
    const wrong = roleCredentials(sandboxConfig(sandbox()), { roleArn: org.roleArn, externalId: "wrong-id", sessionName: "worker" });
    const error = await wrong().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as AwsCallError).failure).toMatchObject({ kind: "permanent", code: "AccessDenied", httpStatus: 403 });
    expect((error as AwsCallError).message).toContain(org.roleArn);

    // Another account cannot assume it, even with the external id.
    const customer = clientsOf(sandbox(), CUSTOMER_A).sts;
    await expectAwsError(customer.send(new AssumeRoleCommand({ RoleArn: org.roleArn, RoleSessionName: "wk", ExternalId: org.externalId })), "AccessDenied");
  });

  it("treats AccessDenied from a role this process just created as IAM still propagating it", async () => {
    const config = sandboxConfig(sandbox());
    const org = await organization(config, "fresh");
    const input = { roleArn: org.roleArn, externalId: "not-the-id", sessionName: "worker" };
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const early = await roleCredentials(config, input)().catch((e: unknown) => e);
    expect((early as AwsCallError).failure).toMatchObject({ kind: "transient", code: "AccessDenied" });
    expect((early as AwsCallError).message).toMatch(/moments ago, which it may not have propagated yet/);
    vi.setSystemTime(start + ROLE_PROPAGATION_MS + 1);
    const late = await roleCredentials(config, input)().catch((e: unknown) => e);
    expect((late as AwsCallError).failure).toMatchObject({ kind: "permanent", code: "AccessDenied" });
  });

  it("acts as the role: EC2 calls run as the organization's assumed-role session", async () => {
    const config = sandboxConfig(sandbox());
    const org = await organization(config, "actor");
    const provider = credentialsFor(config, org);
    const identity = await stsClient(config, "us-east-1", provider).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`arn:aws:sts::${VENDOR.accountId}:assumed-role/${org.roleName}/link-worker-actor`);
    const { Vpcs } = await ec2Client(config, "us-east-1", provider).send(new DescribeVpcsCommand({}));
    expect(Vpcs).toHaveLength(1);
  });

  it("caches credentials per role: concurrent callers share one AssumeRole, later calls none", async () => {
    const config = sandboxConfig(sandbox());
    const org = await organization(config, "cache");
    const before = sessions();
    const provider = credentialsFor(config, org);
    const all = await Promise.all(Array.from({ length: 10 }, () => provider()));
    expect(sessions() - before).toBe(1);
    expect(new Set(all.map((c) => c.accessKeyId)).size).toBe(1);

    // A second provider for the same role (another job) shares the cache.
    const again = credentialsFor(config, org);
    expect((await again()).accessKeyId).toBe(all[0]?.accessKeyId);
    const ec2 = ec2Client(config, "us-east-1", again);
    for (let i = 0; i < 5; i++) await ec2.send(new DescribeVpcsCommand({}));
    expect(sessions() - before).toBe(1);

    // Another organization's role has its own cache entry.
    const other = await organization(config, "cache-other");
    await credentialsFor(config, other)();
    expect(sessions() - before).toBe(2);

    forgetOrganizationCredentials(config, org.roleArn);
    await provider();
    expect(sessions() - before).toBe(3);
  });

  it("refreshes credentials five minutes before they expire", async () => {
    const config = sandboxConfig(sandbox());
    const org = await organization(config, "expiry");
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const provider = credentialsFor(config, org);
    const before = sessions();
    const first = await provider();
    expect(first.expiration?.getTime()).toBe(start + 3600_000);
    vi.setSystemTime(start + 54 * 60_000);
    expect((await provider()).accessKeyId).toBe(first.accessKeyId);
    expect(sessions() - before).toBe(1);
    vi.setSystemTime(start + 55 * 60_000 + 1);
    const second = await provider();
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(sessions() - before).toBe(2);
  });

  it("recovers with forgetOrganizationCredentials when the sandbox clock jumps past the session's lifetime", async () => {
    // The sandbox expires sessions on its own (advanced) clock while the cache runs on the real
    // one; AWS's clock never jumps, but tests that advance the sandbox clock need this.
    const config = sandboxConfig(sandbox());
    const org = await organization(config, "jump");
    const first = ec2Client(config, "us-east-1", credentialsFor(config, org));
    await first.send(new DescribeVpcsCommand({}));
    sandbox().advanceClock(2 * 3600_000);
    try {
      const stale = await first.send(new DescribeVpcsCommand({})).catch((e: unknown) => e);
      expect(classifyAwsError(stale)).toMatchObject({ code: "RequestExpired" });
      forgetOrganizationCredentials(config, org.roleArn);
      const { Vpcs } = await ec2Client(config, "us-east-1", credentialsFor(config, org)).send(new DescribeVpcsCommand({}));
      expect(Vpcs).toHaveLength(1);
    } finally {
      sandbox().runtime.clockOffsetMs = 0;
    }
  });

  it("does not remember a failed AssumeRole", async () => {
    const config = sandboxConfig(sandbox());
    const org = await organization(config, "flaky");
    sandbox().addFaults([{ action: "AssumeRole", errorRate: 1, errorStatus: 503, count: 1 }]);
    const provider = credentialsFor(config, org);
    const error = await provider().catch((e: unknown) => e);
    expect((error as AwsCallError).failure).toMatchObject({ kind: "transient", code: "ServiceUnavailable" });
    await expect(provider()).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
  });

  it("trusts the role, with its path, when the control principal is itself a role session", async () => {
    const { iam, sts } = clientsOf(sandbox(), VENDOR);
    const { Role } = await iam.send(
      new CreateRoleCommand({ RoleName: "portal-control", Path: "/ops/", AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${VENDOR.accountId}:root`) }),
    );
    const controlRoleArn = Role?.Arn ?? "";
    const config = sandboxConfig(sandbox(), { controlCredentials: await assumedCredentials(sts, controlRoleArn, undefined, "portal") });
    const identity = await controlIdentity(config);
    expect(identity.arn).toBe(`arn:aws:sts::${VENDOR.accountId}:assumed-role/portal-control/portal`);
    expect(identity.principalArn).toBe(`arn:aws:iam::${VENDOR.accountId}:role/ops/portal-control`);

    const org = await organization(config, "chained");
    const role = [...sandbox().state.roles.values()].find((r) => r.arn === org.roleArn);
    expect(JSON.parse(role?.trustPolicy ?? "{}")).toMatchObject({ Statement: [{ Principal: { AWS: controlRoleArn } }] });
    await expect(credentialsFor(config, org)()).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
    // The account root is not the trusted principal any more.
    await expectAwsError(sts.send(new AssumeRoleCommand({ RoleArn: org.roleArn, RoleSessionName: "wk", ExternalId: org.externalId })), "AccessDenied");
  });

  it("shared mode uses the control credentials themselves", () => {
    const config = sandboxConfig(sandbox());
    expect(sharedCredentials(config)).toEqual(credentialsOf(VENDOR));
  });
});
