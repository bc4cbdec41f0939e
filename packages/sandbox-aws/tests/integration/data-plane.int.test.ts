import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeSubnetsCommand } from "@aws-sdk/client-ec2";
import { DeregisterTargetsCommand, ModifyTargetGroupAttributesCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inCidr } from "../../src/data-plane/addresses";
import { accept, buildWorld, exchange, freePort, resolve4, startEcho, type World } from "../fixtures/data-plane";
import { withSandbox } from "../fixtures/sandbox";
import type { Sandbox } from "../../src/server";
import { clientsOf, CUSTOMER_A, startTestSandbox } from "../../src/testing";

/** The data plane: names resolve to loopback addresses, and connections go through the customer's NLB as AWS would route them. */

let echo: Awaited<ReturnType<typeof startEcho>>;

beforeAll(async () => {
  echo = await startEcho();
});
afterAll(() => echo.close());

describe("sandbox data plane: routing", () => {
  const sandbox = withSandbox({ dataPlane: { ports: [] } });
  let world: World;

  beforeAll(async () => {
    world = await buildWorld(sandbox(), { name: "routing", targets: [{ port: echo.port }], acceptanceRequired: true });
  });

  it("resolves every name of the endpoint to loopback addresses, zonal to one, regional to all; times out until accepted", async () => {
    const zonal = await Promise.all(Object.values(world.zonalNames).map((name) => resolve4(sandbox(), name)));
    expect(zonal.map((a) => a.length)).toEqual([1, 1]);
    const regional = await resolve4(sandbox(), world.regionalName);
    expect(regional.sort()).toEqual(zonal.flat().sort());
    for (const address of regional) {
      expect(inCidr(address, "127.64.0.0/10")).toBe(true);
      expect(address).not.toBe("127.0.0.1");
    }
    expect(await exchange(regional[0]!, world.listenerPort)).toBe("timeout");
    await accept(world);
    for (const address of regional) expect(await exchange(address, world.listenerPort, "through the NLB")).toBe("ok");
    const table = (await (await fetch(`${sandbox().url}/_sandbox/data-plane`)).json()) as { sockets: { address: string; mode: string; bound: boolean }[] };
    expect(table.sockets.filter((s) => regional.includes(s.address)).map((s) => [s.mode, s.bound])).toEqual([
      ["forward", true],
      ["forward", true],
    ]);
  });

  it("answers NXDOMAIN for unknown names under vpce.amazonaws.com and refuses others", async () => {
    const unknown = world.regionalName.replace(/^vpce-[0-9a-f]{17}/, "vpce-0123456789abcdef0");
    await expect(resolve4(sandbox(), unknown)).rejects.toMatchObject({ code: "ENOTFOUND" });
    await expect(resolve4(sandbox(), "example.com")).rejects.toMatchObject({ code: "EREFUSED" });
  });

  it("sends a PROXY protocol v2 header with the interface's address and the endpoint id when the group asks for it", async () => {
    await world.elb.send(
      new ModifyTargetGroupAttributesCommand({ TargetGroupArn: world.groupArn, Attributes: [{ Key: "proxy_protocol_v2.enabled", Value: "true" }] }),
    );
    const [address] = await resolve4(sandbox(), Object.values(world.zonalNames)[0]!);
    const before = echo.headers.length;
    expect(await exchange(address!, world.listenerPort, "behind a header")).toBe("ok");
    const header = echo.headers[before]!;
    expect(header[12]).toBe(0x21); // version 2, PROXY
    expect(header[13]).toBe(0x11); // TCP over IPv4
    const source = [...header.subarray(16, 20)].join(".");
    const vendorCidrs = ((await world.vendor.send(new DescribeSubnetsCommand({}))).Subnets ?? []).map((s) => s.CidrBlock!);
    expect(vendorCidrs.some((cidr) => inCidr(source, cidr))).toBe(true);
    expect(header.readUInt16BE(26)).toBe(world.listenerPort);
    expect(header[28]).toBe(0xea);
    expect(header[31]).toBe(0x01);
    expect(header.subarray(32, 28 + 3 + header.readUInt16BE(29)).toString()).toBe(world.endpointId);
    await world.elb.send(
      new ModifyTargetGroupAttributesCommand({ TargetGroupArn: world.groupArn, Attributes: [{ Key: "proxy_protocol_v2.enabled", Value: "false" }] }),
    );
  });

  it("resets the client when the target fails while connected", async () => {
    const [address] = await resolve4(sandbox(), world.regionalName);
    const client = connect({ host: address!, port: world.listenerPort });
    client.write("hello");
    await once(client, "data");
    const failure = once(client, "error");
    echo.resetAll();
    await expect(failure).resolves.toMatchObject([{ code: "ECONNRESET" }]);
  });

  it("drops traffic to a port without a listener, and once the group has no target", async () => {
    const [address] = await resolve4(sandbox(), world.regionalName);
    expect(await exchange(address!, await freePort())).toBe("refused"); // not served at all: the kernel answers
    await world.elb.send(new DeregisterTargetsCommand({ TargetGroupArn: world.groupArn, Targets: [{ Id: "127.0.0.1", Port: echo.port }] }));
    expect(await exchange(address!, world.listenerPort)).toBe("timeout");
  });
});

describe("sandbox data plane: the NLB's security groups", () => {
  const sandbox = withSandbox({ dataPlane: { ports: [] } });

  it("drops PrivateLink traffic until an inbound rule allows the endpoint's address, then forwards it", async () => {
    const customer = clientsOf(sandbox(), CUSTOMER_A).ec2;
    const vpcId = (await customer.send(new DescribeSubnetsCommand({}))).Subnets![0]!.VpcId!;
    const { GroupId } = await customer.send(new CreateSecurityGroupCommand({ GroupName: "nlb", Description: "nlb", VpcId: vpcId }));
    const world = await buildWorld(sandbox(), { name: "guarded", targets: [{ port: echo.port }], securityGroups: [GroupId!] });
    const [address] = await resolve4(sandbox(), world.regionalName);
    expect(await exchange(address!, world.listenerPort)).toBe("timeout");
    await customer.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId,
        IpPermissions: [{ IpProtocol: "tcp", FromPort: world.listenerPort, ToPort: world.listenerPort, IpRanges: [{ CidrIp: world.vpcCidr }] }],
      }),
    );
    expect(await exchange(address!, world.listenerPort)).toBe("ok");
  });
});

describe("sandbox data plane: a probe port without a listener", () => {
  let sandbox: Sandbox;
  let extraPort = 0;
  beforeAll(async () => {
    extraPort = await freePort();
    sandbox = await startTestSandbox({ dataPlane: { ports: [extraPort] } });
  });
  afterAll(() => sandbox.close());

  it("times out on a data plane port the NLB has no listener for", async () => {
    const world = await buildWorld(sandbox, { name: "ports", targets: [{ port: echo.port }] });
    const [address] = await resolve4(sandbox, world.regionalName);
    expect(await exchange(address!, world.listenerPort)).toBe("ok");
    expect(await exchange(address!, extraPort)).toBe("timeout");
  });
});

describe("sandbox data plane: off", () => {
  const sandbox = withSandbox({ dataPlane: { enabled: false } });

  it("runs no resolver and binds nothing", async () => {
    expect(sandbox().dns).toBeNull();
    expect(sandbox().dataPlane).toBeNull();
    expect(await (await fetch(`${sandbox().url}/_sandbox/data-plane`)).json()).toEqual({ dns: null, sockets: [] });
  });
});

describe("sandbox data plane: restarts", () => {
  it("keeps each endpoint's addresses in the state file", async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), "sandbox-dp-")), "state.json");
    const first = await startTestSandbox({ stateFile, dataPlane: { ports: [] } });
    const world = await buildWorld(first, { name: "kept", targets: [{ port: echo.port }] });
    const before = await resolve4(first, world.regionalName);
    await first.close();
    const second = await startTestSandbox({ stateFile, dataPlane: { ports: [] } });
    try {
      expect((await resolve4(second, world.regionalName)).sort()).toEqual(before.sort());
      expect(await exchange(before[0]!, world.listenerPort)).toBe("ok");
    } finally {
      await second.close();
    }
  });
});
