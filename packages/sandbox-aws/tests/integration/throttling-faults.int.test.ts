import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  ModifyVpcEndpointServicePermissionsCommand,
} from "@aws-sdk/client-ec2";
import { CreateRoleCommand, GetRoleCommand } from "@aws-sdk/client-iam";
import { beforeAll, describe, expect, it } from "vitest";
import { withSandbox } from "../fixtures/sandbox";
import type { Sandbox } from "../../src/server";
import { clientsOf, CUSTOMER_A, CUSTOMER_B, expectAwsError, loadBalancerOf, startTestSandbox, trustPolicy, VENDOR, type Clients } from "../../src/testing";

async function openService(sandbox: Sandbox): Promise<string> {
  const customer = clientsOf(sandbox, CUSTOMER_A).ec2;
  const service = await customer.send(
    new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [await loadBalancerOf(sandbox, CUSTOMER_A)], AcceptanceRequired: false }),
  );
  await customer.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: service.ServiceConfiguration?.ServiceId, AddAllowedPrincipals: ["*"] }));
  return service.ServiceConfiguration?.ServiceName ?? "";
}

async function postJson(sandbox: Sandbox, path: string, body: unknown): Promise<Response> {
  return fetch(`${sandbox.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

describe("sandbox: throttling as EC2 does it", () => {
  // Buckets that all but never refill, so what passes a burst does not depend on how fast this machine sends it.
  const sandbox = withSandbox({ throttling: { enabled: true, refillMultiplier: 1e-6 } });
  let vendor: Clients;
  let serviceName: string;
  let vpcId: string;

  beforeAll(async () => {
    vendor = clientsOf(sandbox(), VENDOR);
    serviceName = await openService(sandbox());
    vpcId = (await vendor.ec2.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId ?? "";
  });

  const create = () => vendor.ec2.send(new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: serviceName }));

  it("allows a burst of 4 CreateVpcEndpoint, then answers RequestLimitExceeded (503)", async () => {
    const results = await Promise.allSettled(Array.from({ length: 6 }, create));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(4);
    await expectAwsError(create(), "RequestLimitExceeded", 503);
    // Other accounts and other action classes have their own buckets.
    await vendor.ec2.send(new DescribeVpcEndpointsCommand({}));
    await clientsOf(sandbox(), CUSTOMER_B).ec2.send(new DescribeVpcsCommand({}));
  });

  it("allows a burst of about 100 describes, then refuses", async () => {
    const other = clientsOf(sandbox(), CUSTOMER_B, "eu-west-1").ec2;
    const results = await Promise.allSettled(Array.from({ length: 150 }, () => other.send(new DescribeVpcsCommand({}))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(100);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect((refused?.reason as Error | undefined)?.name).toBe("RequestLimitExceeded");
  });

  it("refills faster when asked to, and can be switched off", async () => {
    // 0.3 a second times 100: a token every ~33 ms instead of every 3.3 s (waiting longer only adds tokens).
    await postJson(sandbox(), "/_sandbox/config", { throttling: { refillMultiplier: 100 } });
    const burst = await Promise.allSettled(Array.from({ length: 12 }, create));
    expect(burst.some((r) => r.status === "rejected")).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await create();
    await postJson(sandbox(), "/_sandbox/config", { throttling: { enabled: false } });
    await Promise.all(Array.from({ length: 10 }, create));
  });
});

describe("sandbox: faults, reset and persistence", () => {
  const sandbox = withSandbox();
  let vendor: Clients;

  beforeAll(async () => {
    vendor = clientsOf(sandbox(), VENDOR);
  });

  it("injects 500s, 503s, throttling and latency for chosen actions", async () => {
    const added = await postJson(sandbox(), "/_sandbox/faults", { action: "DescribeVpcs", errorRate: 1, errorStatus: 500, count: 1 });
    expect(added.status).toBe(200);
    await expectAwsError(vendor.ec2.send(new DescribeVpcsCommand({})), "InternalError", 500);
    await vendor.ec2.send(new DescribeVpcsCommand({}));

    await postJson(sandbox(), "/_sandbox/faults", { faults: [{ action: "DescribeVpcs", errorRate: 1, errorStatus: 503 }] });
    await expectAwsError(vendor.ec2.send(new DescribeVpcsCommand({})), "Unavailable", 503);
    await fetch(`${sandbox().url}/_sandbox/faults`, { method: "DELETE", headers: { "content-type": "application/json" } });

    await postJson(sandbox(), "/_sandbox/faults", { action: "DescribeVpcs", throttle: true, accountId: VENDOR.accountId, count: 1 });
    await clientsOf(sandbox(), CUSTOMER_A).ec2.send(new DescribeVpcsCommand({})); // the fault is for the vendor only
    await expectAwsError(vendor.ec2.send(new DescribeVpcsCommand({})), "RequestLimitExceeded", 503);

    await postJson(sandbox(), "/_sandbox/faults", { action: "*", latencyMs: 150, count: 1 });
    const started = Date.now();
    await vendor.ec2.send(new DescribeVpcsCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    const bad = await postJson(sandbox(), "/_sandbox/faults", { errorRate: 3 });
    expect(bad.status).toBe(400);
  });

  it("makes new endpoints fail on request", async () => {
    const serviceName = await openService(sandbox());
    const vpcId = (await vendor.ec2.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId;
    await postJson(sandbox(), "/_sandbox/faults", { action: "CreateVpcEndpoint", failEndpoints: true, count: 1 });
    const { VpcEndpoint } = await vendor.ec2.send(new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: serviceName }));
    const { VpcEndpoints } = await vendor.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [VpcEndpoint?.VpcEndpointId ?? ""] }));
    expect(VpcEndpoints?.[0]?.State).toBe("failed");
    expect(VpcEndpoints?.[0]?.FailureReason).toBeTruthy();
  });

  it("clears state on reset", async () => {
    await vendor.iam.send(new CreateRoleCommand({ RoleName: "before-reset", AssumeRolePolicyDocument: trustPolicy("*") }));
    expect((await postJson(sandbox(), "/_sandbox/reset", {})).status).toBe(200);
    await expectAwsError(vendor.iam.send(new GetRoleCommand({ RoleName: "before-reset" })), "NoSuchEntityException");
    expect((await vendor.ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints ?? []).toEqual([]);
  });

  it("keeps state in a JSON file across restarts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sandbox-state-"));
    const stateFile = join(dir, "state.json");
    try {
      const first = await startTestSandbox({ stateFile });
      await clientsOf(first, VENDOR).iam.send(new CreateRoleCommand({ RoleName: "survivor", AssumeRolePolicyDocument: trustPolicy("*") }));
      await first.close();
      const second = await startTestSandbox({ stateFile });
      const { Role } = await clientsOf(second, VENDOR).iam.send(new GetRoleCommand({ RoleName: "survivor" }));
      expect(Role?.RoleName).toBe("survivor");
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
