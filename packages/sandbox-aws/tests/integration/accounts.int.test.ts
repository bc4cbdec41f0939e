import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateVpcEndpointServiceConfigurationCommand,
  DescribeAvailabilityZonesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
} from "@aws-sdk/client-ec2";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, describe, expect, it } from "vitest";
import { withSandbox } from "../fixtures/sandbox";
import type { Sandbox } from "../../src/server";
import { clientsFor, expectAwsError, startTestSandbox, type AccountsDocument } from "../../src/testing";

/** Customer accounts made at run time (`POST /_sandbox/accounts`), one per owner label, beside the seeded ones. */

type Account = AccountsDocument["accounts"][number];

async function makeAccount(sandbox: Sandbox, owner: unknown): Promise<{ status: number; account: Account }> {
  const response = await fetch(`${sandbox.url}/_sandbox/accounts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ owner }),
  });
  return { status: response.status, account: (await response.json()) as Account };
}

async function listAccounts(sandbox: Sandbox): Promise<Account[]> {
  return ((await (await fetch(`${sandbox.url}/_sandbox/accounts`)).json()) as { accounts: Account[] }).accounts;
}

const keysOf = (account: Account) => ({ accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey });

describe("sandbox: customer accounts made at run time", () => {
  const sandbox = withSandbox();

  it("makes one account per owner label, listed after the seeded ones, and answers the same one again", async () => {
    const first = await makeAccount(sandbox(), "organization:a");
    expect(first.status).toBe(201);
    expect(first.account).toMatchObject({ kind: "customer", owner: "organization:a", accountId: expect.stringMatching(/^\d{12}$/) });
    expect(first.account.accessKeyId).toBe(`AKIACUST${first.account.accountId}`);
    expect(first.account.secretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/);
    const again = await makeAccount(sandbox(), "organization:a");
    expect(again).toEqual({ status: 200, account: first.account });
    const other = await makeAccount(sandbox(), "organization:b");
    expect(other.account.accountId).not.toBe(first.account.accountId);

    const listed = await listAccounts(sandbox());
    expect(listed.map((a) => a.accountId)).toEqual([
      "111111111111",
      "222222222222",
      "333333333333",
      "444444444444",
      first.account.accountId,
      other.account.accountId,
    ]);
    expect(listed[4]).toEqual(first.account);
    const one = await fetch(`${sandbox().url}/_sandbox/accounts/${first.account.accountId}`);
    expect(await one.json()).toEqual(first.account);
    expect((await fetch(`${sandbox().url}/_sandbox/accounts/999999999999`)).status).toBe(404);
  });

  it("gives the account its own network in every region, as the seed derives it, and its keys act as its root", async () => {
    const { account } = await makeAccount(sandbox(), "organization:network");
    const clients = clientsFor(sandbox(), keysOf(account));
    expect(await clients.sts.send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: account.accountId,
      Arn: `arn:aws:iam::${account.accountId}:root`,
    });
    for (const region of ["us-east-1", "us-west-2", "eu-west-1"]) {
      const ec2 = clientsFor(sandbox(), keysOf(account), region).ec2;
      const { Vpcs = [] } = await ec2.send(new DescribeVpcsCommand({}));
      expect(Vpcs.map((v) => v.VpcId)).toEqual([account.vpcs[region]]);
      const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({}));
      expect(Subnets.map((s) => s.SubnetId).sort()).toEqual([...account.subnets[region]!].sort());
      expect(account.loadBalancers[region]).toHaveLength(1);
    }
    // Its own AZ mapping, rotated as customer-a's, so its NLB shares zones with the vendor's subnets.
    const { AvailabilityZones = [] } = await clients.ec2.send(new DescribeAvailabilityZonesCommand({}));
    expect(AvailabilityZones[0]).toMatchObject({ ZoneName: "us-east-1a", ZoneId: "use1-az2" });
    const { ServiceConfiguration } = await clients.ec2.send(
      new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: account.loadBalancers["us-east-1"] }),
    );
    expect(ServiceConfiguration?.AvailabilityZones).toEqual(["us-east-1a", "us-east-1b"]);
  });

  it("refuses an owner label that is missing, empty or too long with 400, making nothing", async () => {
    const count = (await listAccounts(sandbox())).length;
    for (const owner of [undefined, "", " ", "x".repeat(201), 42]) expect((await makeAccount(sandbox(), owner)).status).toBe(400);
    expect((await listAccounts(sandbox())).length).toBe(count);
  });

  it("forgets the made accounts on reset; the seeded ones stay", async () => {
    const { account } = await makeAccount(sandbox(), "organization:reset");
    const reset = await fetch(`${sandbox().url}/_sandbox/reset`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(reset.status).toBe(200);
    expect((await listAccounts(sandbox())).map((a) => a.accountId)).toEqual(["111111111111", "222222222222", "333333333333", "444444444444"]);
    await expectAwsError(clientsFor(sandbox(), keysOf(account)).ec2.send(new DescribeVpcsCommand({})), "AuthFailure", 401);
    const after = await makeAccount(sandbox(), "organization:reset");
    expect(after.status).toBe(201);
  });
});

describe("sandbox: made accounts in the state file", () => {
  const dir = mkdtempSync(join(tmpdir(), "sandbox-accounts-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps them, their keys and their resources across a restart", async () => {
    const stateFile = join(dir, "state.json");
    const first = await startTestSandbox({ stateFile });
    const { account } = await makeAccount(first, "organization:kept");
    const { ServiceConfiguration } = await clientsFor(first, keysOf(account)).ec2.send(
      new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: account.loadBalancers["us-east-1"] }),
    );
    await first.close();

    const second = await startTestSandbox({ stateFile });
    try {
      expect(await makeAccount(second, "organization:kept")).toEqual({ status: 200, account });
      const { ServiceConfigurations = [] } = await clientsFor(second, keysOf(account)).ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({}));
      expect(ServiceConfigurations.map((s) => s.ServiceId)).toEqual([ServiceConfiguration?.ServiceId]);
    } finally {
      await second.close();
    }
  });
});
