import { DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { CreateRoleCommand, DeleteRoleCommand, DeleteRolePolicyCommand, GetRoleCommand, ListRolesCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { beforeAll, describe, expect, it } from "vitest";
import { withSandbox } from "../fixtures/sandbox";
import { assumedCredentials, clientsFor, clientsOf, CUSTOMER_A, expectAwsError, trustPolicy, VENDOR, type Clients } from "../../src/testing";

describe("sandbox: credentials, IAM roles and STS", () => {
  const sandbox = withSandbox();
  let vendor: Clients;
  let roleArn: string;

  beforeAll(async () => {
    vendor = clientsOf(sandbox(), VENDOR);
    const { Role } = await vendor.iam.send(
      new CreateRoleCommand({
        RoleName: "tenant-acme",
        Path: "/tenants/",
        Description: "acme's links",
        AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${VENDOR.accountId}:root`, "acme-ext-id"),
        Tags: [{ Key: "org", Value: "acme" }],
      }),
    );
    roleArn = Role?.Arn ?? "";
  });

  it("answers GetCallerIdentity for account keys as the account root", async () => {
    const identity = await vendor.sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: VENDOR.accountId, Arn: `arn:aws:iam::${VENDOR.accountId}:root`, UserId: VENDOR.accountId });
  });

  it("refuses a wrong secret: AuthFailure from EC2, SignatureDoesNotMatch from STS and IAM", async () => {
    const wrong = clientsFor(sandbox(), { accessKeyId: VENDOR.accessKeyId, secretAccessKey: "not-the-secret" });
    await expectAwsError(wrong.ec2.send(new DescribeVpcsCommand({})), "AuthFailure", 401);
    await expectAwsError(wrong.sts.send(new GetCallerIdentityCommand({})), "SignatureDoesNotMatch", 403);
    await expectAwsError(wrong.iam.send(new ListRolesCommand({})), "SignatureDoesNotMatch", 403);
  });

  it("refuses an unknown key: AuthFailure from EC2, InvalidClientTokenId from STS", async () => {
    const unknown = clientsFor(sandbox(), { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x" });
    await expectAwsError(unknown.ec2.send(new DescribeVpcsCommand({})), "AuthFailure", 401);
    await expectAwsError(unknown.sts.send(new GetCallerIdentityCommand({})), "InvalidClientTokenId", 403);
  });

  it("creates, reads, lists and deletes roles with inline policies", async () => {
    const { Role } = await vendor.iam.send(new GetRoleCommand({ RoleName: "tenant-acme" }));
    expect(Role).toMatchObject({
      Path: "/tenants/",
      Arn: `arn:aws:iam::${VENDOR.accountId}:role/tenants/tenant-acme`,
      Description: "acme's links",
      MaxSessionDuration: 3600,
    });
    expect(Role?.Tags).toEqual([{ Key: "org", Value: "acme" }]);
    expect(JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? ""))).toMatchObject({ Version: "2012-10-17" });
    await expectAwsError(
      vendor.iam.send(new CreateRoleCommand({ RoleName: "tenant-acme", AssumeRolePolicyDocument: trustPolicy("*") })),
      "EntityAlreadyExistsException",
      409,
    );
    await vendor.iam.send(new CreateRoleCommand({ RoleName: "scratch", AssumeRolePolicyDocument: trustPolicy("*") }));
    const listed = await vendor.iam.send(new ListRolesCommand({ PathPrefix: "/tenants/" }));
    expect(listed.Roles?.map((r) => r.RoleName)).toEqual(["tenant-acme"]);
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:Describe*", Resource: "*" }] });
    await vendor.iam.send(new PutRolePolicyCommand({ RoleName: "scratch", PolicyName: "describe", PolicyDocument: policy }));
    await expectAwsError(vendor.iam.send(new DeleteRoleCommand({ RoleName: "scratch" })), "DeleteConflictException", 409);
    await vendor.iam.send(new DeleteRolePolicyCommand({ RoleName: "scratch", PolicyName: "describe" }));
    await vendor.iam.send(new DeleteRoleCommand({ RoleName: "scratch" }));
    await expectAwsError(vendor.iam.send(new GetRoleCommand({ RoleName: "scratch" })), "NoSuchEntityException", 404);
    await expectAwsError(
      vendor.iam.send(new CreateRoleCommand({ RoleName: "broken", AssumeRolePolicyDocument: "{not json" })),
      "MalformedPolicyDocumentException",
    );
    // IAM's codes on the wire are EntityAlreadyExists, DeleteConflict...; the SDK names them *Exception.
    // Roles live in their account: another account does not see them.
    await expectAwsError(clientsOf(sandbox(), CUSTOMER_A).iam.send(new GetRoleCommand({ RoleName: "tenant-acme" })), "NoSuchEntityException");
  });

  it("assumes a role only with the right external id and from a trusted principal", async () => {
    await expectAwsError(vendor.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "w1" })), "AccessDenied", 403);
    await expectAwsError(vendor.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "w1", ExternalId: "someone-else" })), "AccessDenied");
    const customer = clientsOf(sandbox(), CUSTOMER_A);
    await expectAwsError(customer.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "w1", ExternalId: "acme-ext-id" })), "AccessDenied");
    await expectAwsError(
      vendor.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${VENDOR.accountId}:role/missing`, RoleSessionName: "w1" })),
      "AccessDenied",
    );
    const assumed = await vendor.sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "worker-1", ExternalId: "acme-ext-id", DurationSeconds: 900 }),
    );
    expect(assumed.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${VENDOR.accountId}:assumed-role/tenant-acme/worker-1`);
    const expiresIn = (assumed.Credentials?.Expiration?.getTime() ?? 0) - Date.now();
    expect(expiresIn).toBeGreaterThan(800_000);
    expect(expiresIn).toBeLessThanOrEqual(900_000);
  });

  it("validates session names and durations", async () => {
    const base = { RoleArn: roleArn, ExternalId: "acme-ext-id" };
    await expectAwsError(vendor.sts.send(new AssumeRoleCommand({ ...base, RoleSessionName: "has space" })), "ValidationError");
    await expectAwsError(vendor.sts.send(new AssumeRoleCommand({ ...base, RoleSessionName: "x" })), "ValidationError");
    await expectAwsError(vendor.sts.send(new AssumeRoleCommand({ ...base, RoleSessionName: "ok", DurationSeconds: 600 })), "ValidationError");
    await expectAwsError(vendor.sts.send(new AssumeRoleCommand({ ...base, RoleSessionName: "ok", DurationSeconds: 7200 })), "ValidationError");
    await expectAwsError(vendor.sts.send(new AssumeRoleCommand({ ...base, RoleSessionName: "" })), "ValidationError");
  });

  it("acts as the assumed role until the credentials expire", async () => {
    const credentials = await assumedCredentials(vendor.sts, roleArn, "acme-ext-id", "expiring");
    const session = clientsFor(sandbox(), credentials);
    const identity = await session.sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`arn:aws:sts::${VENDOR.accountId}:assumed-role/tenant-acme/expiring`);
    expect(identity.UserId).toMatch(/^AROA[0-9A-Z]+:expiring$/);
    await session.ec2.send(new DescribeVpcsCommand({}));

    // A session token that does not belong to the key is refused.
    const forged = clientsFor(sandbox(), { ...credentials, sessionToken: "forged" });
    await expectAwsError(forged.sts.send(new GetCallerIdentityCommand({})), "InvalidClientTokenId");

    sandbox().advanceClock(3_601_000);
    await expectAwsError(session.sts.send(new GetCallerIdentityCommand({})), "ExpiredToken", 403);
    await expectAwsError(session.ec2.send(new DescribeVpcsCommand({})), "RequestExpired");
  });
});
