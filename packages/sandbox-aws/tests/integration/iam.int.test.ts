import { CreateRoleCommand, DeleteRoleCommand, GetAccountSummaryCommand } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { withSandbox } from "../fixtures/sandbox";
import { clientsOf, CUSTOMER_A, expectAwsError, trustPolicy, VENDOR } from "../../src/testing";

describe("sandbox: IAM's account summary and its roles quota", () => {
  const sandbox = withSandbox();
  const summaryOf = async (account = VENDOR) => (await clientsOf(sandbox(), account).iam.send(new GetAccountSummaryCommand({}))).SummaryMap;
  const createRole = (name: string, account = VENDOR) =>
    clientsOf(sandbox(), account).iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustPolicy("*") }));

  it("counts the caller's account's roles, against AWS's default quota of 1000", async () => {
    const before = (await summaryOf())!.Roles!;
    expect(await summaryOf()).toMatchObject({ RolesQuota: 1000 });
    await createRole("summary-one");
    await createRole("summary-two");
    await createRole("elsewhere", CUSTOMER_A);
    expect(await summaryOf()).toMatchObject({ Roles: before + 2, RolesQuota: 1000 });
    await clientsOf(sandbox(), VENDOR).iam.send(new DeleteRoleCommand({ RoleName: "summary-two" }));
    expect((await summaryOf())!.Roles).toBe(before + 1);
  });

  it("takes a lower quota from its settings, and refuses a role beyond it as IAM does", async () => {
    const roles = (await summaryOf())!.Roles!;
    sandbox().runtime.iamQuotas.roles = roles + 1;
    try {
      expect(await summaryOf()).toMatchObject({ Roles: roles, RolesQuota: roles + 1 });
      await createRole("the-last-one");
      const refused = await expectAwsError(createRole("one-too-many"), "LimitExceededException", 409);
      expect(refused.message).toBe(`Cannot exceed quota for RolesPerAccount: ${roles + 1}`);
      expect((await summaryOf())!.Roles).toBe(roles + 1);
      await createRole("another-account-is-not-full", CUSTOMER_A);
    } finally {
      sandbox().runtime.iamQuotas.roles = 1000;
    }
  });
});
