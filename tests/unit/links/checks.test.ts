import { describe, expect, it } from "vitest";
import { evaluateChecks, type ServiceFacts, type VerifyInput } from "@/lib/links/checks";
import type { TrustFacts } from "@/lib/links/trust-checks";

const SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
const PRINCIPAL = "arn:aws:iam::111111111111:role/privatelink/pl-acme-0123456789";
const PROOF = { roleName: "privatelink-proof-111111111111", externalId: "6f1c0c4e-0000-4000-8000-000000000001" };
const scoped: TrustFacts = { scope: { value: "organization", isCertain: true }, ownerProof: "undeclared", isTakenElsewhere: false };
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
  vendorAccountId: "111111111111",
  proof: PROOF,
  vendorRegion: {
    isOffered: true,
    crossRegionTo: ["us-west-2"],
    subnets: [
      { subnetId: "subnet-1", availabilityZone: "us-east-1a", availabilityZoneId: "use1-az1" },
      { subnetId: "subnet-2", availabilityZone: "us-east-1b", availabilityZoneId: "use1-az2" },
      { subnetId: "subnet-3", availabilityZone: "us-east-1c", availabilityZoneId: "use1-az4" },
    ],
    excludedAzIds: [],
  },
  service: facts,
  trust: scoped,
};
const statusOf = (input: VerifyInput) => Object.fromEntries(evaluateChecks(input).checks.map((c) => [c.name, c.status]));

describe("preflight checks", () => {
  it("passes a visible Interface service sharing two AZ IDs", () => {
    const verdict = evaluateChecks(base);
    expect(verdict.passed).toBe(true);
    expect(verdict.overlapAzIds).toEqual(["use1-az1", "use1-az2"]);
    expect(statusOf(base)).toMatchObject({
      name_format: "pass",
      region_offered: "pass",
      service_visible: "pass",
      az_overlap: "pass",
      owner_declared: "skipped",
    });
  });

  it("names the principal to allowlist when the service is invisible", () => {
    const verdict = evaluateChecks({ ...base, service: { failure: { kind: "permanent", code: "InvalidServiceName", message: "x" } } });
    expect(verdict.passed).toBe(false);
    expect(verdict.failure).toMatchObject({ name: "service_visible", awsCode: "InvalidServiceName" });
    expect(verdict.failure?.detail).toContain(`allowlist ${PRINCIPAL}`);
    expect(statusOf({ ...base, service: { failure: { kind: "permanent", code: "InvalidServiceName", message: "x" } } })).toMatchObject({
      az_overlap: "skipped",
      allowlist_scope: "skipped",
    });
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

  describe("with a zone we exclude (use1-az4)", () => {
    const excluding = { ...base, vendorRegion: { ...base.vendorRegion!, excludedAzIds: ["use1-az4"] } };
    const inZones = (...availabilityZoneIds: string[]) => ({ ...excluding, service: { ...facts, availabilityZoneIds } });

    it("fails a service whose only shared zone is excluded, naming the zones to add", () => {
      const verdict = evaluateChecks(inZones("use1-az4", "use1-az6"));
      expect(verdict.failure?.name).toBe("az_overlap");
      expect(verdict.failure?.detail).toBe(
        "Your service shares only use1-az4 with us, a zone we do not use in us-east-1; add a zone among use1-az1, use1-az2 (Availability Zone IDs, the same in every account).",
      );
      expect(verdict.overlapAzIds).toEqual([]);
    });

    it("counts only the zones we use, and never suggests the excluded one", () => {
      const one = evaluateChecks(inZones("use1-az1", "use1-az4"));
      expect(one.passed).toBe(true);
      expect(one.overlapAzIds).toEqual(["use1-az1"]);
      expect(one.checks.find((c) => c.name === "az_overlap")).toMatchObject({
        status: "warn",
        detail: "Only one shared zone (use1-az1) (use1-az4 is shared too, but we do not use it); add another of use1-az2 for resilience.",
      });
      const none = evaluateChecks(inZones("use1-az5"));
      expect(none.failure?.detail).toContain("we are in use1-az1, use1-az2:");
      expect(none.failure?.detail).not.toContain("use1-az4");
    });

    it("cross-region, overlaps every zone we use and none we exclude", () => {
      const cross = evaluateChecks({ ...excluding, serviceRegion: "us-west-2", service: { ...facts, availabilityZoneIds: ["usw2-az1"] } });
      expect(cross.passed).toBe(true);
      expect(cross.overlapAzIds).toEqual(["use1-az1", "use1-az2"]);
    });
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

  it("in shared mode, requires acceptance and an owner account the organization proved", () => {
    const shared = {
      ...base,
      mode: "shared" as const,
      trust: { ...scoped, scope: { value: "account" as const, isCertain: true }, ownerProof: "proved" as const },
    };
    expect(evaluateChecks(shared).passed).toBe(true);
    expect(evaluateChecks({ ...shared, service: { ...facts, acceptanceRequired: false } }).failure?.name).toBe("acceptance_required");
    const unproved = evaluateChecks({ ...shared, trust: { ...shared.trust, ownerProof: "unproved" } });
    expect(unproved.failure).toMatchObject({ name: "owner_declared" });
    expect(unproved.failure?.detail).toContain("declared but has not proved");
    expect(
      statusOf({ ...shared, trust: { ...shared.trust, scope: { value: "organization", isCertain: true }, ownerProof: "undeclared" } }).owner_declared,
    ).toBe("fail");
  });

  it("per organization, needs no proof when only the customer's named principals see the service", () => {
    const verdict = evaluateChecks(base);
    expect(verdict.trust).toEqual({ serviceOwnerAccountId: "222222222222", allowlistScope: "organization", ownerProof: "undeclared" });
    expect(statusOf(base)).toMatchObject({ allowlist_scope: "pass", owner_declared: "skipped", exclusive_service: "pass" });
  });

  it("when our whole account is allowlisted, warns, and fails until the owner account is proved, saying exactly how", () => {
    const broad = { ...base, trust: { ...scoped, scope: { value: "account" as const, isCertain: true } } };
    const verdict = evaluateChecks(broad);
    expect(verdict.passed).toBe(false);
    expect(verdict.trust.allowlistScope).toBe("account");
    const scope = verdict.checks.find((c) => c.name === "allowlist_scope");
    expect(scope?.status).toBe("warn");
    expect(scope?.detail).toContain("arn:aws:iam::111111111111:root");
    expect(scope?.detail).toContain(`Allowlist only your organization's role ${PRINCIPAL} instead`);
    expect(scope?.detail).not.toContain("everyone");
    expect(verdict.failure?.name).toBe("owner_declared");
    for (const part of ["222222222222", "has not proved", PROOF.roleName, PROOF.externalId, "arn:aws:iam::111111111111:root", "POST /api/v1/aws-accounts"])
      expect(verdict.failure?.detail).toContain(part);
    expect(statusOf(broad).exclusive_service).toBe("skipped");

    const uncertain = evaluateChecks({ ...broad, trust: { ...broad.trust, scope: { value: "account", isCertain: false } } });
    expect(uncertain.checks.find((c) => c.name === "allowlist_scope")?.detail).toContain("or everyone (*)");
    expect(evaluateChecks({ ...broad, trust: { ...broad.trust, ownerProof: "proved" } }).passed).toBe(true);
  });

  it("names an allow list open to everyone, and fails closed when the canaries could not be asked", () => {
    const open = evaluateChecks({ ...base, trust: { ...scoped, scope: { value: "public", isCertain: true } } });
    expect(open.checks.find((c) => c.name === "allowlist_scope")?.detail).toContain("everyone (*)");
    expect(open.failure?.name).toBe("owner_declared");
    const unknown = evaluateChecks({ ...base, trust: { ...scoped, scope: { failure: { kind: "permanent", code: "AccessDenied", message: "no" } } } });
    expect(unknown.trust.allowlistScope).toBeNull();
    expect(unknown.failure?.name).toBe("owner_declared");
    expect(unknown.checks.find((c) => c.name === "allowlist_scope")).toMatchObject({ status: "warn", awsCode: "AccessDenied" });
  });

  it("refuses a service another organization holds, but only once ownership holds", () => {
    const taken = { ...scoped, isTakenElsewhere: true };
    expect(evaluateChecks({ ...base, trust: taken }).failure?.name).toBe("exclusive_service");
    const broadTaken = { ...taken, scope: { value: "account" as const, isCertain: true } };
    expect(evaluateChecks({ ...base, trust: broadTaken }).failure?.name).toBe("owner_declared");
    expect(statusOf({ ...base, trust: broadTaken }).exclusive_service).toBe("skipped");
    expect(evaluateChecks({ ...base, trust: { ...broadTaken, ownerProof: "proved" } }).failure?.name).toBe("exclusive_service");
  });

  it("warns while the private DNS name is unverified", () => {
    expect(
      statusOf({ ...base, service: { ...facts, privateDnsName: "db.acme.example", privateDnsNameVerificationState: "pendingVerification" } }).private_dns,
    ).toBe("warn");
    expect(statusOf({ ...base, service: { ...facts, privateDnsName: "db.acme.example", privateDnsNameVerificationState: "verified" } }).private_dns).toBe(
      "pass",
    );
  });

  it("claims a verified private DNS name asked for, and fails one that is missing, unverified or taken", () => {
    const named = { ...facts, privateDnsName: "db.acme.example", privateDnsNameVerificationState: "verified" };
    const asked = { asked: true, holder: null };
    expect(evaluateChecks({ ...base, service: named }).privateDnsName).toBeNull();
    expect(evaluateChecks({ ...base, service: named, privateDns: asked })).toMatchObject({ passed: true, privateDnsName: "db.acme.example" });

    const none = evaluateChecks({ ...base, privateDns: asked });
    expect(none).toMatchObject({ passed: false, privateDnsName: null, errorCode: "private_dns", failure: { name: "private_dns" } });
    expect(none.failure?.detail).toContain("the service has none");
    const pending = evaluateChecks({ ...base, service: { ...named, privateDnsNameVerificationState: "pendingVerification" }, privateDns: asked });
    expect(pending.failure?.detail).toContain("db.acme.example is pendingVerification");

    const ours = evaluateChecks({
      ...base,
      service: named,
      privateDns: { asked: true, holder: { sameOrganization: true, linkId: "l-1", linkName: "orders" } },
    });
    expect(ours).toMatchObject({ passed: false, errorCode: "private_dns_conflict", privateDnsName: null });
    expect(ours.failure?.detail).toContain('Your link "orders" (l-1)');
    const theirs = evaluateChecks({ ...base, service: named, privateDns: { asked: true, holder: { sameOrganization: false } } });
    expect(theirs.errorCode).toBe("private_dns_conflict");
    expect(theirs.failure?.detail).toContain("already in use in us-east-1");
    expect(theirs.failure?.detail).not.toContain("Your link");
  });

  it("refuses a malformed name before asking AWS", () => {
    const verdict = evaluateChecks({ ...base, serviceName: "vpce-svc-123" });
    expect(verdict.failure?.name).toBe("name_format");
    expect(statusOf({ ...base, serviceName: "vpce-svc-123" }).service_visible).toBe("skipped");
  });
});
