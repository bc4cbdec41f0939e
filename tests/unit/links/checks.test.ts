import { describe, expect, it } from "vitest";
import { evaluateChecks, type ServiceFacts, type VerifyInput } from "@/lib/links/checks";

const SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
const PRINCIPAL = "arn:aws:iam::111111111111:role/privatelink/pl-acme-0123456789";
const facts: ServiceFacts = {
  serviceType: ["Interface"],
  owner: "222222222222",
  acceptanceRequired: true,
  availabilityZoneIds: ["use1-az1", "use1-az2"],
  supportedIpAddressTypes: ["ipv4"],
};
const base: VerifyInput = {
  serviceName: SERVICE,
  region: "us-east-1",
  serviceRegion: "us-east-1",
  principalArn: PRINCIPAL,
  mode: "per_organization",
  declaredAccountIds: [],
  vendorRegion: {
    isOffered: true,
    crossRegionTo: ["us-west-2"],
    subnets: [
      { subnetId: "subnet-1", availabilityZone: "us-east-1a", availabilityZoneId: "use1-az1" },
      { subnetId: "subnet-2", availabilityZone: "us-east-1b", availabilityZoneId: "use1-az2" },
      { subnetId: "subnet-3", availabilityZone: "us-east-1c", availabilityZoneId: "use1-az4" },
    ],
  },
  service: facts,
};
const statusOf = (input: VerifyInput) => Object.fromEntries(evaluateChecks(input).checks.map((c) => [c.name, c.status]));

describe("preflight checks", () => {
  it("passes a visible Interface service sharing two AZ IDs", () => {
    const verdict = evaluateChecks(base);
    expect(verdict.passed).toBe(true);
    expect(verdict.overlapAzIds).toEqual(["use1-az1", "use1-az2"]);
    expect(statusOf(base)).toMatchObject({ name_format: "pass", region_offered: "pass", service_visible: "pass", az_overlap: "pass", owner_declared: "skipped" });
  });

  it("names the principal to allowlist when the service is invisible", () => {
    const verdict = evaluateChecks({ ...base, service: { failure: { kind: "permanent", code: "InvalidServiceName", message: "x" } } });
    expect(verdict.passed).toBe(false);
    expect(verdict.failure).toMatchObject({ name: "service_visible", awsCode: "InvalidServiceName" });
    expect(verdict.failure?.detail).toContain(`allowlist ${PRINCIPAL}`);
    expect(statusOf({ ...base, service: { failure: { kind: "permanent", code: "InvalidServiceName", message: "x" } } }).az_overlap).toBe("skipped");
  });

  it("names our AZ IDs when no zone is shared", () => {
    const verdict = evaluateChecks({ ...base, service: { ...facts, availabilityZoneIds: ["use1-az5", "use1-az6"] } });
    expect(verdict.failure?.name).toBe("az_overlap");
    expect(verdict.failure?.detail).toContain("use1-az1, use1-az2, use1-az4");
    expect(verdict.failure?.detail).toContain("use1-az5, use1-az6");
  });

  it("warns with a single shared zone", () => {
    expect(statusOf({ ...base, service: { ...facts, availabilityZoneIds: ["use1-az4"] } }).az_overlap).toBe("warn");
    expect(evaluateChecks({ ...base, service: { ...facts, availabilityZoneIds: ["use1-az4"] } }).passed).toBe(true);
  });

  it("refuses regions we do not offer, and cross-region targets we cannot reach", () => {
    expect(evaluateChecks({ ...base, vendorRegion: null }).failure?.name).toBe("region_offered");
    expect(evaluateChecks({ ...base, serviceRegion: "eu-west-1" }).failure?.detail).toContain("We cannot reach services in eu-west-1 from us-east-1");
    const cross = evaluateChecks({ ...base, serviceRegion: "us-west-2", service: { ...facts, availabilityZoneIds: ["usw2-az1"] } });
    expect(cross.passed).toBe(true);
    expect(cross.overlapAzIds).toEqual(["use1-az1", "use1-az2", "use1-az4"]);
  });

  it("refuses gateway-type services and IPv6-only services", () => {
    expect(evaluateChecks({ ...base, service: { ...facts, serviceType: ["Gateway"] } }).failure?.name).toBe("interface_type");
    expect(evaluateChecks({ ...base, service: { ...facts, supportedIpAddressTypes: ["ipv6"] } }).failure?.name).toBe("ip_address_types");
  });

  it("in shared mode, requires acceptance and an owner the organization declared", () => {
    const shared = { ...base, mode: "shared" as const, declaredAccountIds: ["222222222222"] };
    expect(evaluateChecks(shared).passed).toBe(true);
    expect(evaluateChecks({ ...shared, service: { ...facts, acceptanceRequired: false } }).failure?.name).toBe("acceptance_required");
    expect(evaluateChecks({ ...shared, declaredAccountIds: ["999999999999"] }).failure?.detail).toContain("222222222222");
  });

  it("warns while the private DNS name is unverified", () => {
    expect(statusOf({ ...base, service: { ...facts, privateDnsName: "db.acme.example", privateDnsNameVerificationState: "pendingVerification" } }).private_dns).toBe("warn");
    expect(statusOf({ ...base, service: { ...facts, privateDnsName: "db.acme.example", privateDnsNameVerificationState: "verified" } }).private_dns).toBe("pass");
  });

  it("refuses a malformed name before asking AWS", () => {
    const verdict = evaluateChecks({ ...base, serviceName: "vpce-svc-123" });
    expect(verdict.failure?.name).toBe("name_format");
    expect(statusOf({ ...base, serviceName: "vpce-svc-123" }).service_visible).toBe("skipped");
  });
});
