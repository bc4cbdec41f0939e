import type { EC2Client } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { ec2Client, type AwsConfig } from "@/lib/aws/config";
import {
  createEndpoint,
  deleteEndpoints,
  describeEndpointPages,
  describeEndpointService,
  describeEndpoints,
  zoneIdsByName,
  type CreateEndpointInput,
} from "@/lib/aws/ec2";
import { AwsCallError } from "@/lib/aws/errors";
import { discoverVendorNetwork, type VendorNetwork } from "@/lib/aws/network";
import { TAG_LINK_ID, TAG_ORGANIZATION_ID } from "@/lib/aws/tags";
import { zonesFor } from "@privatelink-portal/sandbox-aws/seed";
import type { Endpoint } from "@privatelink-portal/sandbox-aws/state";
import { CUSTOMER_A, CUSTOMER_B, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { createCustomerService, type CustomerService } from "../fixtures/customer";
import { withSandbox } from "../fixtures/sandbox";
import { recordCommands, twoOrganizations, type TestOrganization } from "./helpers";

async function failureOf(call: Promise<unknown>): Promise<AwsCallError> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AwsCallError);
  return error as AwsCallError;
}

describe("lib/aws/ec2 against the sandbox", () => {
  const sandbox = withSandbox();
  let config: AwsConfig;
  let orgA: TestOrganization;
  let orgB: TestOrganization;
  let asA: EC2Client;
  let asB: EC2Client;
  let service: CustomerService;
  let network: VendorNetwork;
  let subnetIds: string[];

  beforeAll(async () => {
    ({ config, orgA, orgB, asA, asB } = await twoOrganizations(sandbox()));
    service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [orgA.roleArn] });
    network = await discoverVendorNetwork(asA);
    const details = await describeEndpointService(asA, service.serviceName);
    const zoneIds = await zoneIdsByName(asA);
    const serviceZoneIds = details.availabilityZones.map((name) => zoneIds.get(name));
    subnetIds = network.subnets.filter((s) => serviceZoneIds.includes(s.availabilityZoneId)).map((s) => s.subnetId);
  });

  function endpointInput(overrides: Partial<CreateEndpointInput> = {}): CreateEndpointInput {
    return {
      vpcId: network.vpcId,
      serviceName: service.serviceName,
      subnetIds,
      securityGroupIds: network.securityGroupIds,
      clientToken: `link-${Math.random().toString(36).slice(2)}`,
      tags: { [TAG_LINK_ID]: "link-1", [TAG_ORGANIZATION_ID]: orgA.organizationId },
      principal: orgA.roleArn,
      ...overrides,
    };
  }

  describe("describeEndpointService", () => {
    it("shows the service to the organization whose role is allowlisted", async () => {
      const details = await describeEndpointService(asA, service.serviceName, { principal: orgA.roleArn });
      expect(details).toMatchObject({
        serviceName: service.serviceName,
        serviceId: service.serviceId,
        serviceType: ["Interface"],
        owner: CUSTOMER_A.accountId,
        acceptanceRequired: true,
        supportedIpAddressTypes: ["ipv4"],
        serviceRegion: "us-east-1",
      });
      // AZ names are the vendor's own; through the vendor's mapping they are the service's AZ IDs.
      const zoneIds = await zoneIdsByName(asA);
      const ids = details.availabilityZones.map((name) => zoneIds.get(name)).sort();
      expect(details.availabilityZones).toHaveLength(2);
      expect(ids).toEqual(details.availabilityZoneIds);
      const customerZones = zonesFor(CUSTOMER_A.accountId, "us-east-1")
        .slice(0, 2)
        .map((z) => z.zoneId)
        .sort();
      expect(ids).toEqual(customerZones);
    });

    it("hides it from another organization's role, naming that role in the sentence", async () => {
      const failure = await failureOf(describeEndpointService(asB, service.serviceName, { principal: orgB.roleArn }));
      expect(failure.failure).toMatchObject({ kind: "permanent", code: "InvalidServiceName", httpStatus: 400 });
      expect(failure.message).toContain(`Allowlist ${orgB.roleArn} on it`);
      expect(failure.message).not.toContain(orgA.roleArn);
    });

    it("refuses creation for the other organization too", async () => {
      const failure = await failureOf(createEndpoint(asB, endpointInput({ principal: orgB.roleArn, tags: { [TAG_ORGANIZATION_ID]: orgB.organizationId } })));
      expect(failure.failure).toMatchObject({ kind: "permanent", code: "InvalidServiceName" });
      expect(failure.message).toContain(orgB.roleArn);
    });

    it("reaches a cross-region service when its region is named", async () => {
      const remote = await createCustomerService(sandbox(), CUSTOMER_B, { principals: [orgA.roleArn], region: "us-west-2", supportedRegions: ["us-east-1"] });
      await failureOf(describeEndpointService(asA, remote.serviceName));
      const details = await describeEndpointService(asA, remote.serviceName, { serviceRegion: "us-west-2" });
      expect(details.serviceRegion).toBe("us-west-2");
    });
  });

  describe("createEndpoint", () => {
    it("creates an endpoint waiting for acceptance, with tags and DNS names", async () => {
      const input = endpointInput();
      const created = await createEndpoint(asA, input);
      expect(created).toMatchObject({
        endpointId: expect.stringMatching(/^vpce-[0-9a-f]{17}$/),
        state: "pendingAcceptance",
        serviceName: service.serviceName,
        vpcId: network.vpcId,
        subnetIds,
        tags: input.tags,
      });
      expect(created.createdAt).toBeInstanceOf(Date);
      expect(created.dnsEntries).toHaveLength(subnetIds.length + 1);
      expect(created.dnsEntries[0]?.dnsName).toContain(`${service.serviceId}.us-east-1.vpce.amazonaws.com`);
      expect(created.lastError).toBeUndefined();

      await service.accept(created.endpointId);
      const [seen] = await describeEndpoints(asA, { ids: [created.endpointId] });
      expect(seen?.state).toBe("available");
      expect(seen?.dnsEntries).toEqual(created.dnsEntries);
    });

    it("is idempotent by client token, and refuses the token with other parameters", async () => {
      const input = endpointInput({ clientToken: "link-idem-1" });
      const first = await createEndpoint(asA, input);
      const again = await createEndpoint(asA, input);
      expect(again.endpointId).toBe(first.endpointId);
      expect([...sandbox().state.endpoints.values()].filter((e) => e.clientToken === "link-idem-1")).toHaveLength(1);

      const mismatch = await failureOf(createEndpoint(asA, { ...input, tags: { ...input.tags, other: "tags" } }));
      expect(mismatch.failure).toMatchObject({ kind: "permanent", code: "IdempotentParameterMismatch" });
    });

    it("classifies bad subnets as a permanent parameter problem", async () => {
      const outside = network.subnets.find((s) => !subnetIds.includes(s.subnetId));
      expect(outside).toBeDefined();
      const failure = await failureOf(createEndpoint(asA, endpointInput({ subnetIds: [outside?.subnetId ?? ""] })));
      expect(failure.failure).toMatchObject({ kind: "permanent", code: "InvalidParameter" });
      expect(failure.message).toContain("does not support the availability zone");
    });

    it("reports an endpoint that failed with its last error", async () => {
      sandbox().addFaults([{ action: "CreateVpcEndpoint", failEndpoints: true, count: 1 }]);
      const created = await createEndpoint(asA, endpointInput());
      const [seen] = await describeEndpoints(asA, { ids: [created.endpointId] });
      expect(seen?.state).toBe("failed");
      expect(seen?.lastError?.message).toMatch(/injected fault/);
    });
  });

  describe("throttling and server errors", () => {
    it("classifies EC2's RequestLimitExceeded as throttled, never as a failure", async () => {
      sandbox().runtime.throttler.options = { enabled: true, refillMultiplier: 1 };
      sandbox().runtime.throttler.reset();
      try {
        const results = await Promise.allSettled(Array.from({ length: 6 }, () => createEndpoint(asA, endpointInput())));
        const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(4);
        expect(refused).toHaveLength(2);
        for (const error of refused) {
          expect(error).toBeInstanceOf(AwsCallError);
          expect((error as AwsCallError).failure).toMatchObject({ kind: "throttled", code: "RequestLimitExceeded", httpStatus: 503 });
          expect((error as AwsCallError).retryable).toBe(true);
        }
      } finally {
        sandbox().runtime.throttler.options = { enabled: false, refillMultiplier: 1 };
      }
    });

    it("classifies an injected 500 as transient", async () => {
      sandbox().addFaults([{ action: "DescribeVpcEndpoints", errorRate: 1, errorStatus: 500, count: 1 }]);
      const failure = await failureOf(describeEndpoints(asA, { tag: { key: "anything" } }));
      expect(failure.failure).toMatchObject({ kind: "transient", code: "InternalError", httpStatus: 500 });
    });
  });

  describe("describeEndpoints", () => {
    /** Copies a real endpoint straight into the sandbox's state: thousands cost no API calls. */
    function cloneEndpoints(template: Endpoint, count: number, tag: (i: number) => { key: string; value: string }[], prefix: string): string[] {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const id = `vpce-${prefix}${i.toString(16).padStart(17 - prefix.length, "0")}`;
        sandbox().state.addEndpoint({ ...template, id, tags: tag(i), clientToken: undefined, next: undefined, state: "available" });
        ids.push(id);
      }
      return ids;
    }

    async function template(): Promise<Endpoint> {
      const created = await createEndpoint(asA, endpointInput());
      const endpoint = sandbox().state.endpoints.get(created.endpointId);
      if (!endpoint) throw new Error("endpoint not in sandbox state");
      return endpoint;
    }

    it("pages by tag through more than 1000 endpoints, 1000 a call", async () => {
      const ids = cloneEndpoints(await template(), 2345, (i) => [{ key: "bulk-link", value: `link-${i}` }], "b");
      // Endpoints without the tag stay out.
      cloneEndpoints(await template(), 10, () => [{ key: "unrelated", value: "x" }], "c");
      const calls = recordCommands(asA);
      const found = await describeEndpoints(asA, { tag: { key: "bulk-link" } });
      expect(found).toHaveLength(2345);
      expect(new Set(found.map((e) => e.endpointId))).toEqual(new Set(ids));
      expect(calls.filter((c) => c === "DescribeVpcEndpointsCommand")).toHaveLength(3);
      expect(found.find((e) => e.endpointId === ids[1500])?.tags).toEqual({ "bulk-link": "link-1500" });
    });

    it("hands a sweep over a page at a time, asking for the next page only once the caller is done with one", async () => {
      cloneEndpoints(await template(), 1500, (i) => [{ key: "paged-link", value: `link-${i}` }], "f");
      const calls = recordCommands(asA);
      const pages: { size: number; callsSoFar: number }[] = [];
      for await (const page of describeEndpointPages(asA, { tag: { key: "paged-link" } })) {
        pages.push({ size: page.length, callsSoFar: calls.filter((c) => c === "DescribeVpcEndpointsCommand").length });
      }
      expect(pages).toEqual([
        { size: 1000, callsSoFar: 1 },
        { size: 500, callsSoFar: 2 },
      ]);
    });

    it("finds endpoints by tag values, 200 values a call", async () => {
      cloneEndpoints(await template(), 450, (i) => [{ key: "valued-link", value: `v-${i}` }], "d");
      const calls = recordCommands(asA);
      const wanted = Array.from({ length: 300 }, (_, i) => `v-${i * 2}`);
      const found = await describeEndpoints(asA, { tag: { key: "valued-link", values: wanted } });
      expect(found).toHaveLength(225); // v-0 .. v-448, even
      expect(found.every((e) => Number(e.tags["valued-link"]?.slice(2)) % 2 === 0)).toBe(true);
      expect(calls.filter((c) => c === "DescribeVpcEndpointsCommand")).toHaveLength(2);
    });

    it("describes by ids in batches, leaving out unknown ids instead of failing", async () => {
      const ids = cloneEndpoints(await template(), 450, () => [{ key: "by-id", value: "1" }], "e");
      const unknown = "vpce-0fffffffffffffff0";
      const calls = recordCommands(asA);
      const found = await describeEndpoints(asA, { ids: [...ids, unknown, ids[0] ?? ""] });
      expect(found.map((e) => e.endpointId).sort()).toEqual([...ids].sort());
      expect(calls.filter((c) => c === "DescribeVpcEndpointsCommand")).toHaveLength(3);
      expect(await describeEndpoints(asA, { ids: [unknown] })).toEqual([]);
      expect(await describeEndpoints(asA, { ids: [] })).toEqual([]);
    });

    it("sees endpoints of the account, whichever organization role asks (AWS scopes them by account)", async () => {
      const created = await createEndpoint(asA, endpointInput());
      const [seen] = await describeEndpoints(asB, { ids: [created.endpointId] });
      expect(seen?.endpointId).toBe(created.endpointId);
    });
  });

  describe("deleteEndpoints", () => {
    it("deletes, and deleting again (or an unknown id) is fine", async () => {
      const created = await createEndpoint(asA, endpointInput());
      expect(await deleteEndpoints(asA, [created.endpointId])).toEqual({ unsuccessful: [] });
      const [seen] = await describeEndpoints(asA, { ids: [created.endpointId] });
      expect(seen?.state).toBe("deleted");
      expect(await deleteEndpoints(asA, [created.endpointId])).toEqual({ unsuccessful: [] });
      // An id AWS does not know carries no organization tag: only the control principal may name it.
      const control = ec2Client(config, "us-east-1");
      expect(await deleteEndpoints(control, [created.endpointId, "vpce-0eeeeeeeeeeeeeee0"])).toEqual({ unsuccessful: [] });

      sandbox().advanceClock(sandbox().runtime.delays.deletedRetentionMs + 1_000);
      expect(await describeEndpoints(asA, { ids: [created.endpointId] })).toEqual([]);
      expect(await deleteEndpoints(control, [created.endpointId])).toEqual({ unsuccessful: [] });
    });

    it("deletes in batches of 25", async () => {
      const template = sandbox().state.endpoints.values().next().value as Endpoint;
      const ids = Array.from({ length: 60 }, (_, i) => `vpce-f${i.toString(16).padStart(16, "0")}`);
      const tags = [{ key: TAG_ORGANIZATION_ID, value: orgA.organizationId }];
      for (const id of ids) sandbox().state.addEndpoint({ ...template, id, tags, clientToken: undefined, next: undefined, state: "available" });
      const calls = recordCommands(asA);
      expect(await deleteEndpoints(asA, ids)).toEqual({ unsuccessful: [] });
      expect(calls.filter((c) => c === "DeleteVpcEndpointsCommand")).toHaveLength(3);
      const after = await describeEndpoints(asA, { ids });
      expect(after.every((e) => e.state === "deleted")).toBe(true);
    });

    it("reports a malformed id as a permanent failure", async () => {
      const failure = await failureOf(deleteEndpoints(asA, ["not-an-endpoint"]));
      expect(failure.failure).toMatchObject({ kind: "permanent", code: "InvalidVpcEndpointId.Malformed" });
    });
  });

  it("acts as the vendor account in every call (the endpoints belong to it)", () => {
    expect([...sandbox().state.endpoints.values()].every((e) => e.ownerId === VENDOR.accountId)).toBe(true);
  });
});
