import { describe, expect, it } from "vitest";
import { advanceLifecycle, setState } from "../../src/ec2/lifecycle";
import { Runtime } from "../../src/runtime";
import type { Endpoint } from "../../src/state";

function endpoint(id: string): Endpoint {
  return {
    id,
    ownerId: "111111111111",
    region: "us-east-1",
    vpcId: "vpc-0",
    serviceId: "vpce-svc-0",
    serviceName: "svc",
    serviceRegion: "us-east-1",
    subnetIds: [],
    securityGroupIds: [],
    networkInterfaceIds: [],
    dnsSuffix: "abcdefgh",
    privateDnsEnabled: false,
    ipAddressType: "ipv4",
    state: "pending",
    stateSince: 0,
    tags: [],
    createdAt: new Date(0).toISOString(),
    fingerprint: "",
    connectionId: "vpce-con-0",
  };
}

function setup() {
  const runtime = new Runtime(
    { pendingMs: 1_000, deletingMs: 2_000, deletedRetentionMs: 5_000, expireAfterMs: 10_000 },
    { enabled: false, refillMultiplier: 1 },
  );
  const e = endpoint("vpce-00000000000000001");
  runtime.state.addEndpoint(e);
  return { runtime, e };
}

describe("endpoint lifecycle", () => {
  it("expires a request nobody accepts, and only then", () => {
    const { runtime, e } = setup();
    setState(runtime, e, "pendingAcceptance", 0);
    advanceLifecycle(runtime, 9_999);
    expect(e.state).toBe("pendingAcceptance");
    advanceLifecycle(runtime, 10_000);
    expect(e.state).toBe("expired");
    expect(e.next).toBeUndefined();
  });

  it("goes pending -> available after the delay, or failed when the endpoint is marked to fail", () => {
    const { runtime, e } = setup();
    setState(runtime, e, "pending", 0);
    advanceLifecycle(runtime, 500);
    expect(e.state).toBe("pending");
    advanceLifecycle(runtime, 1_000);
    expect(e.state).toBe("available");
    const failing = endpoint("vpce-00000000000000002");
    failing.failureReason = "boom";
    runtime.state.addEndpoint(failing);
    setState(runtime, failing, "pending", 2_000);
    advanceLifecycle(runtime, 3_000);
    expect(failing.state).toBe("failed");
  });

  it("deletes in steps, keeps the deleted endpoint for the retention time, then forgets it", () => {
    const { runtime, e } = setup();
    setState(runtime, e, "deleting", 0);
    advanceLifecycle(runtime, 1_999);
    expect(e.state).toBe("deleting");
    advanceLifecycle(runtime, 2_000);
    expect(e.state).toBe("deleted");
    advanceLifecycle(runtime, 6_999);
    expect(runtime.state.endpoints.has(e.id)).toBe(true);
    advanceLifecycle(runtime, 7_000);
    expect(runtime.state.endpoints.has(e.id)).toBe(false);
    expect(runtime.state.sortedEndpoints()).toEqual([]);
  });

  it("settles a chain of zero delays in one pass", () => {
    const runtime = new Runtime({ pendingMs: 0, deletingMs: 0, deletedRetentionMs: 0, expireAfterMs: 1 }, { enabled: false, refillMultiplier: 1 });
    const e = endpoint("vpce-00000000000000003");
    runtime.state.addEndpoint(e);
    setState(runtime, e, "deleting", 0);
    advanceLifecycle(runtime, 0);
    expect(runtime.state.endpoints.has(e.id)).toBe(false);
  });
});
