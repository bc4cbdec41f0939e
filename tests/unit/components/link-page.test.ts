import { describe, expect, it } from "vitest";
import { fresherConnectivity, resultOf } from "@/components/links/link-connectivity";
import { acceptCommandOf, serviceIdOf } from "@/components/links/link-instruction";
import { probeFinished } from "@/components/links/use-links";

describe("the link page's accept instruction", () => {
  it("names the service id and builds the AWS CLI command in the service's region", () => {
    const link = { serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", serviceRegion: "us-east-1", endpointId: "vpce-0aaaabbbbccccdddd" };
    expect(serviceIdOf(link.serviceName)).toBe("vpce-svc-0123456789abcdef0");
    expect(acceptCommandOf(link)).toBe(
      "aws ec2 accept-vpc-endpoint-connections --region us-east-1 --service-id vpce-svc-0123456789abcdef0 --vpc-endpoint-ids vpce-0aaaabbbbccccdddd",
    );
  });
});

describe("the link page's connectivity", () => {
  const port = { port: 5432, connectMs: null, detail: null, tls: null };
  const reading = (checkedAt: string | null) => ({ status: "ok" as const, checkedAt, nextCheckAt: null, targets: [], diagnosis: [] });

  it("says each port's result: the connect time, the failure with what the probe saw, the certificate on TLS ports", () => {
    expect(resultOf({ ...port, result: "ok", connectMs: 1.6 })).toBe("ok in 2 ms");
    expect(resultOf({ ...port, result: "timeout", detail: "no answer in 3000 ms" })).toBe("timeout: no answer in 3000 ms");
    expect(resultOf({ ...port, result: "dns_error" })).toBe("dns error");
    expect(
      resultOf({ ...port, port: 443, result: "tls_error", tls: { names: ["db.example.com"], notAfter: "2027-01-31T00:00:00.000Z", failure: "name_mismatch" } }),
    ).toBe("tls error · TLS name mismatch (db.example.com, until 2027-01-31)");
  });

  it("waits for Test now until the link's last probe is at or after the request, and shows the newer reading", () => {
    const requestedAt = "2026-12-07T10:00:00.500Z";
    expect(probeFinished(reading(null), requestedAt)).toBe(false);
    expect(probeFinished(reading("2026-12-07T10:00:00.499Z"), requestedAt)).toBe(false);
    expect(probeFinished(reading("2026-12-07T10:00:00.5Z"), requestedAt)).toBe(true);
    const [older, newer] = [reading("2026-12-07T09:55:00Z"), reading("2026-12-07T10:00:01Z")];
    expect(fresherConnectivity(older, newer)).toBe(newer);
    expect(fresherConnectivity(newer, older)).toBe(newer);
    expect(fresherConnectivity(older, undefined)).toBe(older);
  });
});
