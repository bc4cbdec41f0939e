import { describe, expect, it } from "vitest";
import { classifyAction, Throttler } from "../../src/throttling";

describe("throttling", () => {
  it("classifies actions into EC2's buckets", () => {
    expect(classifyAction("CreateVpcEndpoint")).toBe("endpoint-mutation");
    expect(classifyAction("DeleteVpcEndpoints")).toBe("endpoint-mutation");
    expect(classifyAction("ModifyVpcEndpoint")).toBe("endpoint-mutation");
    expect(classifyAction("AcceptVpcEndpointConnections")).toBe("connection-mutation");
    expect(classifyAction("RejectVpcEndpointConnections")).toBe("connection-mutation");
    expect(classifyAction("CreateVpcEndpointServiceConfiguration")).toBe("mutation");
    expect(classifyAction("DescribeVpcEndpoints")).toBe("describe");
  });

  it("allows the burst, then refills at the published rate", () => {
    const throttler = new Throttler({ enabled: true, refillMultiplier: 1 });
    const take = (at: number) => throttler.take("111111111111", "us-east-1", "CreateVpcEndpoint", at);
    expect([take(0), take(0), take(0), take(0), take(0)]).toEqual([true, true, true, true, false]);
    expect(take(3_000)).toBe(false); // 0.9 of a token
    expect(take(3_400)).toBe(true); // 1.02 tokens
    expect(take(3_400)).toBe(false);
    // Buckets are per account, region and class.
    expect(throttler.take("222222222222", "us-east-1", "CreateVpcEndpoint", 0)).toBe(true);
    expect(throttler.take("111111111111", "eu-west-1", "CreateVpcEndpoint", 0)).toBe(true);
    expect(throttler.take("111111111111", "us-east-1", "DescribeVpcEndpoints", 0)).toBe(true);
  });

  it("refills faster with a multiplier and never throttles when off", () => {
    const fast = new Throttler({ enabled: true, refillMultiplier: 10 });
    for (let i = 0; i < 4; i++) fast.take("a", "r", "CreateVpcEndpoint", 0);
    expect(fast.take("a", "r", "CreateVpcEndpoint", 0)).toBe(false);
    expect(fast.take("a", "r", "CreateVpcEndpoint", 400)).toBe(true);
    const off = new Throttler({ enabled: false, refillMultiplier: 1 });
    for (let i = 0; i < 1000; i++) expect(off.take("a", "r", "CreateVpcEndpoint", 0)).toBe(true);
  });
});
