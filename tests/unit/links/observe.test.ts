import { describe, expect, it } from "vitest";
import type { ResourceAssociation } from "@/lib/aws/ec2";
import { dnsNamesOf, observe } from "@/lib/links/observe";
import { subnetsFor } from "@/lib/links/aws";
import { canTransition } from "@/lib/links/state-machine";

const endpoint = (state: string) => ({ state, dnsEntries: [] });

const subnets = [
  { subnetId: "a1", availabilityZone: "x", availabilityZoneId: "az1" },
  { subnetId: "a2", availabilityZone: "x", availabilityZoneId: "az1" },
  { subnetId: "b", availabilityZone: "y", availabilityZoneId: "az2" },
  { subnetId: "c", availabilityZone: "z", availabilityZoneId: "az3" },
];

describe("observing an endpoint", () => {
  it.each([
    ["provisioning", "pendingAcceptance", "pending_acceptance"],
    ["pending_acceptance", "available", "available"],
    ["pending_acceptance", "rejected", "rejected"],
    ["pending_acceptance", "expired", "expired"],
    ["pending_acceptance", "failed", "failed"],
    ["available", "rejected", "disconnected"],
    ["available", "deleted", "failed"],
    ["deleting", "deleted", "deleted"],
  ] as const)("a %s link whose endpoint is %s becomes %s, a move the state machine allows", (current, aws, to) => {
    const observation = observe(current, endpoint(aws));
    expect(observation?.to).toBe(to);
    expect(canTransition(current, to)).toBe(true);
  });

  it.each([
    ["pending_acceptance", "pendingAcceptance"],
    ["pending_acceptance", "pending"],
    ["available", "available"],
    ["disconnected", "rejected"],
    ["deleting", "deleting"],
  ] as const)("leaves a %s link alone while its endpoint is %s", (current, aws) => {
    expect(observe(current, endpoint(aws))).toBeNull();
  });

  it("calls an endpoint that vanished lost, except while deleting or not yet created", () => {
    expect(observe("available", undefined)).toMatchObject({ to: "failed", error: { code: "EndpointLost" } });
    expect(observe("deleting", undefined)).toMatchObject({ to: "deleted" });
    expect(observe("provisioning", undefined)).toBeNull();
  });

  it("splits regional and zonal DNS names", () => {
    const names = dnsNamesOf({
      dnsEntries: [
        { dnsName: "vpce-0abc-1234abcd.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com" },
        { dnsName: "vpce-0abc-1234abcd-us-east-1a.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com" },
        { dnsName: "vpce-0abc-1234abcd-us-east-1b.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com" },
      ],
    });
    expect(names.regional).toEqual(["vpce-0abc-1234abcd.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com"]);
    expect(names.zonal).toHaveLength(2);
  });

  it("puts one subnet in each shared zone", () => {
    const region = { subnets, excludedAzIds: [] };
    expect(subnetsFor(region, ["az1", "az3"])).toEqual(["a1", "c"]);
    expect(subnetsFor(region, null)).toEqual(["a1", "b", "c"]);
    expect(subnetsFor(region, ["az9"])).toEqual([]);
  });

  it("never puts a subnet in an excluded zone, shared or cross-region", () => {
    const region = { subnets, excludedAzIds: ["az3"] };
    expect(subnetsFor(region, ["az1", "az3"])).toEqual(["a1"]);
    expect(subnetsFor(region, ["az3"])).toEqual([]);
    expect(subnetsFor(region, null)).toEqual(["a1", "b"]);
    expect(subnetsFor({ subnets, excludedAzIds: ["az1"] }, ["az1", "az2"])).toEqual(["b"]);
  });
});

describe("observing a resource endpoint", () => {
  const accessible = { endpointId: "vpce-1", accessible: true, dnsName: "vpce-1.rcfg-1.abc1234.vpc-lattice-rsc.us-east-1.on.aws" };
  const resource = (state: string, association?: ResourceAssociation | null) => ({ state, type: "Resource", dnsEntries: [], association });

  it("skips the acceptance step: pending stays provisioning, available with its association is available", () => {
    expect(observe("provisioning", resource("pending"))).toBeNull();
    expect(observe("provisioning", resource("available", accessible))?.to).toBe("available");
    expect(observe("available", resource("available", accessible))).toBeNull();
  });

  it("waits for a new endpoint's association rather than failing the link", () => {
    expect(observe("provisioning", resource("available", null))).toBeNull();
  });

  it.each([
    [null, "AssociationDeleted", "association with your resource configuration was deleted"],
    [
      { endpointId: "vpce-1", accessible: false, failure: { code: "ResourceConfigurationNotShared", message: "no longer shared" } },
      "ResourceConfigurationNotShared",
      "no longer shared",
    ],
  ] as const)("disconnects an available link whose association is %o", (association, code, words) => {
    const observation = observe("available", resource("available", association));
    expect(observation).toMatchObject({ to: "disconnected", error: { code, message: expect.stringContaining(words) } });
    expect(observe("disconnected", resource("available", association))).toBeNull();
  });

  it("names the custom domain first, then the association's own name", () => {
    expect(dnsNamesOf(resource("available", { ...accessible, privateDnsName: "db.example.com" }))).toEqual({
      regional: ["db.example.com", accessible.dnsName],
      zonal: [],
    });
  });
});
