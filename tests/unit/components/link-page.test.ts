import { describe, expect, it } from "vitest";
import { acceptCommandOf, serviceIdOf } from "@/components/links/link-instruction";
import { linkPollMs } from "@/components/links/use-links";

describe("the link page's accept instruction", () => {
  it("names the service id and builds the AWS CLI command in the service's region", () => {
    const link = { serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", serviceRegion: "us-east-1", endpointId: "vpce-0aaaabbbbccccdddd" };
    expect(serviceIdOf(link.serviceName)).toBe("vpce-svc-0123456789abcdef0");
    expect(acceptCommandOf(link)).toBe(
      "aws ec2 accept-vpc-endpoint-connections --region us-east-1 --service-id vpce-svc-0123456789abcdef0 --vpc-endpoint-ids vpce-0aaaabbbbccccdddd",
    );
  });
});

describe("how often the link page looks again", () => {
  const now = Date.parse("2026-11-27T12:00:00Z");
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it("polls every 2 s while the link moves, whatever its age", () => {
    expect(linkPollMs({ state: "pending_acceptance", stateChangedAt: ago(3_600_000) }, now)).toBe(2_000);
    expect(linkPollMs({ state: "verifying", stateChangedAt: ago(0) }, now)).toBe(2_000);
  });

  it("slows down as a settled link stays unchanged, never beyond 10 s", () => {
    expect(linkPollMs({ state: "available", stateChangedAt: ago(1_000) }, now)).toBe(2_000);
    expect(linkPollMs({ state: "available", stateChangedAt: ago(50_000) }, now)).toBe(5_000);
    expect(linkPollMs({ state: "available", stateChangedAt: ago(86_400_000) }, now)).toBe(10_000);
  });
});
