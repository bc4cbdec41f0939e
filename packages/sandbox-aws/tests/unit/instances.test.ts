import { describe, expect, it } from "vitest";
import { addressKey, inCidr } from "../../src/data-plane/addresses";
import { endpointZones, locate, targetZone } from "../../src/data-plane/routing";
import type { TargetGroupRecord } from "../../src/elbv2/store";
import { addInstance } from "../../src/instances";
import { networkOf, SEED_ACCOUNTS } from "../../src/seed";
import { SandboxState, type Endpoint } from "../../src/state";

/** Instances standing for loopback servers, and where a target's connections go (routing.ts `locate`). */

const [VENDOR, CUSTOMER] = SEED_ACCOUNTS as [(typeof SEED_ACCOUNTS)[number], (typeof SEED_ACCOUNTS)[number]];
const subnets = (accountId: string) => networkOf(accountId).subnets.filter((s) => s.region === "us-east-1");

function group(accountId: string, targetType: TargetGroupRecord["targetType"]): TargetGroupRecord {
  return {
    arn: `arn:aws:elasticloadbalancing:us-east-1:${accountId}:targetgroup/g/0`,
    name: "g",
    ownerId: accountId,
    region: "us-east-1",
    protocol: "TCP",
    port: 22,
    vpcId: subnets(accountId)[0]!.vpcId,
    targetType,
    ipAddressType: "ipv4",
    healthCheck: { enabled: true, protocol: "TCP", port: "traffic-port", intervalSeconds: 10, timeoutSeconds: 10, healthyThreshold: 2, unhealthyThreshold: 2 },
    attributes: {},
    targets: [],
    tags: [],
    fingerprint: "",
  };
}

describe("sandbox instances", () => {
  it("get a private IP in their subnet and refuse a subnet of another account, a host off loopback and a bad port", () => {
    const state = new SandboxState();
    const subnet = subnets(CUSTOMER.accountId)[1]!;
    const instance = addInstance(state, { accountId: CUSTOMER.accountId, subnetId: subnet.subnetId, ports: { "22": 40022 } }, 0);
    expect(instance).toMatchObject({ instanceId: expect.stringMatching(/^i-[0-9a-f]{17}$/), vpcId: subnet.vpcId, host: "127.0.0.1" });
    expect(inCidr(instance.privateIp, subnet.cidrBlock)).toBe(true);
    expect(state.instances.get(instance.instanceId)).toBe(instance);

    expect(() => addInstance(state, { accountId: VENDOR.accountId, subnetId: subnet.subnetId }, 0)).toThrow(`no subnet ${subnet.subnetId} in account`);
    expect(() => addInstance(state, { accountId: CUSTOMER.accountId, subnetId: subnet.subnetId, host: "10.0.0.1" }, 0)).toThrow(/127\.0\.0\.0\/8/);
    expect(() => addInstance(state, { accountId: CUSTOMER.accountId, subnetId: subnet.subnetId, ports: { "22": 70000 } }, 0)).toThrow();
    expect(state.instances.size).toBe(1);
  });

  it("are reached by id as instance targets, in their subnet's zone, on their mapped port; by private IP as IP targets", () => {
    const state = new SandboxState();
    const subnet = subnets(CUSTOMER.accountId)[1]!;
    const instance = addInstance(state, { accountId: CUSTOMER.accountId, subnetId: subnet.subnetId, host: "127.0.0.2", ports: { "22": 40022 } }, 0);
    const byId = group(CUSTOMER.accountId, "instance");
    expect(locate(state, byId, { id: instance.instanceId, port: 22 }, 22)).toEqual({ host: "127.0.0.2", port: 40022 });
    expect(locate(state, byId, { id: instance.instanceId, port: 2222 }, 2222)).toEqual({ host: "127.0.0.2", port: 2222 });
    expect(targetZone(state, byId, { id: instance.instanceId, port: 22 })).toBe(subnet.zoneId);
    expect(locate(state, byId, { id: "i-0123456789abcdef0", port: 22 }, 22)).toBeUndefined();
    expect(targetZone(state, byId, { id: "i-0123456789abcdef0", port: 22 })).toBeUndefined();
    // Another account's target group does not reach it.
    expect(locate(state, group(VENDOR.accountId, "instance"), { id: instance.instanceId, port: 22 }, 22)).toBeUndefined();

    const byIp = group(CUSTOMER.accountId, "ip");
    expect(locate(state, byIp, { id: instance.privateIp, port: 22 }, 22)).toEqual({ host: "127.0.0.2", port: 40022 });
    expect(locate(state, byIp, { id: "127.0.0.9", port: 5432 }, 5432)).toEqual({ host: "127.0.0.9", port: 5432 });
    expect(locate(state, byIp, { id: "10.99.0.9", port: 22 }, 22)).toBeUndefined();
  });
});

describe("an endpoint interface's private IP as an IP target", () => {
  it("reaches the data plane's address for that zone once it has one, only from a group in the endpoint's VPC", () => {
    const state = new SandboxState();
    const [a, b] = subnets(VENDOR.accountId);
    const endpoint = {
      id: "vpce-0123456789abcdef0",
      type: "Interface",
      ownerId: VENDOR.accountId,
      region: "us-east-1",
      vpcId: a!.vpcId,
      subnetIds: [a!.subnetId, b!.subnetId],
      networkInterfaceIds: ["eni-0123456789abcdef0", "eni-0123456789abcdef1"],
      state: "available",
    } as Endpoint;
    state.addEndpoint(endpoint);
    const [first] = endpointZones(endpoint);
    const vendorGroup = group(VENDOR.accountId, "ip");
    const target = { id: first!.privateIp, port: 8443 };
    expect(locate(state, vendorGroup, target, 8443)).toBeUndefined();

    state.dataPlaneAddresses.set(addressKey(endpoint.id, first!.zoneId), "127.64.1.2");
    expect(locate(state, vendorGroup, target, 8443)).toEqual({ host: "127.64.1.2", port: 8443 });
    expect(targetZone(state, vendorGroup, target)).toBe(first!.zoneId);
    expect(locate(state, group(CUSTOMER.accountId, "ip"), target, 8443)).toBeUndefined();
  });
});
