import { randomUUID } from "node:crypto";
import { CreateVpcEndpointCommand, DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { describeEndpointService } from "@/lib/aws/ec2";
import { TAG_LINK_ID, TAG_ORGANIZATION_ID } from "@/lib/aws/tags";
import type { Engine } from "@/lib/engine";
import { subnetsFor } from "@/lib/links/aws";
import { runOrphanDeletion } from "@/lib/links/orphan-delete";
import { HOURS_PER_MONTH, INTERFACE_ENDPOINT_USD_PER_AZ_HOUR } from "@/lib/links/orphan-views";
import { runProvisioning } from "@/lib/links/provision-link";
import { collectMetrics } from "@/lib/metrics/collect";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { registerLink } from "@/lib/links/register-link";
import { runVerification } from "@/lib/links/verify-link";
import { clientsOf, CUSTOMER_A, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { call, HANDLERS } from "../api/api-helpers";
import { expectDocumented } from "../api/openapi-check";
import { createOrganizationWithKey, jobCtx, principalArnOf, withLinkEngine } from "../fixtures/app";
import { createAdminKey, type Caller } from "../fixtures/callers";
import { createCustomerService, type CustomerService } from "../fixtures/customer";
import { withWorkers } from "../fixtures/workers";
import { until } from "../until";

/**
 * Endpoints of ours that no live link claims: found by the reconciler within one pass, adopted by a live link of their
 * service that holds none, otherwise listed to vendor admins and deleted (at once on their word, or after the grace by
 * the worker's job); and a link whose endpoint vanished, flagged and reconnected. The sandbox plays AWS and the customer.
 */
const { engine, sandbox } = withLinkEngine({ budgets: { burst: 100, refillPerSecond: 100 } });
const workers = withWorkers({ expireInSeconds: 30 });
let admin: Caller;

beforeAll(async () => {
  admin = { key: await createAdminKey() };
});

const vendorEc2 = () => clientsOf(sandbox(), VENDOR).ec2;
const linkOf = (id: string) => engine().db.link.findUniqueOrThrow({ where: { id } });
const pass = (eng: Engine = engine()) => reconcileLinks({ ctx: jobCtx(eng) });

async function awsState(endpointId: string): Promise<string | undefined> {
  const { VpcEndpoints } = await vendorEc2().send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-endpoint-id", Values: [endpointId] }] }));
  return VpcEndpoints?.[0]?.State;
}

async function api(op: string, method: string, path: string, params: Record<string, string>, caller: Caller) {
  const response = await call(HANDLERS[op]!, { method, path, params, caller });
  return { status: response.status, body: (await expectDocumented(op, response)) as Record<string, unknown> };
}

type OrphanRow = {
  endpointId: string;
  azIds: string[];
  estimatedMonthlyCostUsd: number;
  organizationId: string | null;
  organizationName: string | null;
  graceRemainingSeconds: number;
};
async function listedOrphans(): Promise<OrphanRow[]> {
  const { status, body } = await api("adminListOrphans", "GET", "/api/v1/admin/orphans?limit=100", {}, admin);
  expect(status).toBe(200);
  return body.data as OrphanRow[];
}

/** An organization, its service allowlisting its principal, and a link to it taken to `available` by the jobs in turn. */
async function availableLink(name: string) {
  const { org, ctx, key } = await createOrganizationWithKey({ approvalMode: "automatic" });
  const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), org.id)] });
  const { id } = await registerLink({ ctx, input: { name, serviceName: service.serviceName, region: "us-east-1" } });
  await takeToAvailable(id, service);
  return { org, ctx, key, service, id, endpointId: (await linkOf(id)).endpointId! };
}

async function takeToAvailable(id: string, service: CustomerService) {
  await runVerification({ ctx: jobCtx(), input: { linkId: id } });
  await runProvisioning({ ctx: jobCtx(), input: { linkId: id } });
  const provisioned = await linkOf(id);
  expect(provisioned.state).toBe("pending_acceptance");
  await service.accept(provisioned.endpointId!);
  await pass();
  expect(await linkOf(id)).toMatchObject({ state: "available" });
}

/** A service our account itself may see (nothing here verifies a link to it), for endpoints made outside the link flow. */
async function openService(organizationId: string): Promise<CustomerService> {
  return createCustomerService(sandbox(), CUSTOMER_A, {
    principals: [await principalArnOf(engine(), organizationId), `arn:aws:iam::${VENDOR.accountId}:root`],
  });
}

/** An endpoint made as our code makes them (our tags, our VPC), for a link no row of ours knows: a restored backup's gap. */
async function taggedEndpoint(service: CustomerService, organizationId: string): Promise<string> {
  const region = await engine().db.vendorRegion.findUniqueOrThrow({ where: { region: "us-east-1" } });
  const subnets = subnetsFor(region, (await describeEndpointService(vendorEc2(), service.serviceName)).availabilityZoneIds ?? null);
  const { VpcEndpoint } = await vendorEc2().send(
    new CreateVpcEndpointCommand({
      VpcEndpointType: "Interface",
      VpcId: region.vpcId,
      ServiceName: service.serviceName,
      SubnetIds: subnets,
      TagSpecifications: [
        {
          ResourceType: "vpc-endpoint",
          Tags: [
            { Key: TAG_LINK_ID, Value: randomUUID() },
            { Key: TAG_ORGANIZATION_ID, Value: organizationId },
          ],
        },
      ],
    }),
  );
  return VpcEndpoint!.VpcEndpointId!;
}

/** The orphan job until it has nothing left to do, as the queue runs it again after each RunAgain. */
async function runOrphanJob(endpointId: string): Promise<void> {
  while (await runOrphanDeletion({ ctx: jobCtx(), input: { endpointId } }));
}

describe("orphaned endpoints", () => {
  it("lists the endpoint of a link whose row is gone within one pass, with zones and cost; deleting it there removes it from AWS", async () => {
    const { id, endpointId, org } = await availableLink("restored-away");
    // As after restoring a backup older than the link.
    await engine().db.link.delete({ where: { id } });

    const report = await pass();
    expect(report.orphans).toBeGreaterThanOrEqual(1);
    const orphan = (await listedOrphans()).find((o) => o.endpointId === endpointId);
    expect(orphan).toMatchObject({ organizationId: org.id, organizationName: org.name });
    expect(orphan!.azIds.length).toBeGreaterThan(0);
    expect(orphan!.azIds.every((az) => /^use1-az\d$/.test(az))).toBe(true);
    expect(orphan!.estimatedMonthlyCostUsd).toBeCloseTo(orphan!.azIds.length * INTERFACE_ENDPOINT_USD_PER_AZ_HOUR * HOURS_PER_MONTH, 2);
    expect(orphan!.graceRemainingSeconds).toBeGreaterThan(86_000); // ORPHAN_GRACE_SECONDS' default: a day
    const metrics = (await collectMetrics(engine())).body;
    expect(metrics).toMatch(/privatelink_orphaned_endpoints\{region="us-east-1"\} [1-9]/);

    const deleted = await api("adminDeleteOrphan", "DELETE", `/api/v1/admin/orphans/${endpointId}`, { endpointId }, admin);
    expect(deleted).toMatchObject({ status: 202, body: { endpointId, graceRemainingSeconds: 0 } });
    await runOrphanJob(endpointId);
    expect(await awsState(endpointId)).toBe("deleted");
    expect(await engine().db.orphanEndpoint.findUnique({ where: { endpointId } })).toMatchObject({ outcome: "deleted" });
    expect((await listedOrphans()).map((o) => o.endpointId)).not.toContain(endpointId);
    const audit = await engine().db.auditLog.findMany({ where: { targetId: endpointId }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["orphan.delete", "orphan.deleted"]);

    // Settled: asking again is a 404, and the job run again changes nothing.
    expect((await api("adminDeleteOrphan", "DELETE", `/api/v1/admin/orphans/${endpointId}`, { endpointId }, admin)).status).toBe(404);
    await runOrphanJob(endpointId);
    expect(await engine().db.auditLog.count({ where: { targetId: endpointId } })).toBe(2);
  });

  it("has a live link of the same organization and service without an endpoint adopt it, and go on as AWS says", async () => {
    const { org } = await createOrganizationWithKey({ approvalMode: "automatic" });
    const service = await openService(org.id);
    const endpointId = await taggedEndpoint(service, org.id);
    const link = await engine().db.link.create({
      data: {
        organizationId: org.id,
        name: "waiting-for-its-create",
        serviceName: service.serviceName,
        serviceRegion: "us-east-1",
        region: "us-east-1",
        ports: [5432],
        state: "provisioning",
        nextCheckAt: new Date(),
      },
    });

    const report = await pass();
    expect(report.adopted).toBe(1);
    expect(await linkOf(link.id)).toMatchObject({ state: "pending_acceptance", endpointId });
    const [event] = await engine().db.linkEvent.findMany({ where: { linkId: link.id }, orderBy: { id: "desc" }, take: 1 });
    expect(event!.reason).toContain(`adopted endpoint ${endpointId}`);
    expect((await listedOrphans()).map((o) => o.endpointId)).not.toContain(endpointId);

    await service.accept(endpointId);
    await pass();
    expect(await linkOf(link.id)).toMatchObject({ state: "available", endpointId });
  });

  it("has a link registered again for the service take the recorded orphan when provisioned, rather than make a second endpoint", async () => {
    const { id, endpointId, ctx, service } = await availableLink("restored-then-registered");
    await engine().db.link.delete({ where: { id } });
    await pass();
    expect((await listedOrphans()).map((o) => o.endpointId)).toContain(endpointId);

    const again = await registerLink({ ctx, input: { name: "registered-again", serviceName: service.serviceName, region: "us-east-1" } });
    await runVerification({ ctx: jobCtx(), input: { linkId: again.id } });
    await runProvisioning({ ctx: jobCtx(), input: { linkId: again.id } });
    expect(await linkOf(again.id)).toMatchObject({ state: "available", endpointId }); // accepted before: available at once
    expect(await engine().db.orphanEndpoint.findUnique({ where: { endpointId } })).toMatchObject({ outcome: "adopted", adoptedByLinkId: again.id });
    const { VpcEndpoints } = await vendorEc2().send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "service-name", Values: [service.serviceName] }] }));
    expect(VpcEndpoints?.filter((e) => String(e.State) !== "deleted").map((e) => e.VpcEndpointId)).toEqual([endpointId]);
  });

  it("flags a link whose endpoint vanished and reconnects it to available with a new endpoint", async () => {
    const { id, endpointId, service, key } = await availableLink("lost-and-found");
    await vendorEc2().send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] })); // in the console, not by us
    await pass();
    expect(await linkOf(id)).toMatchObject({ state: "failed", lastErrorCode: "EndpointLost" });
    const flagged = await api("getLink", "GET", `/api/v1/links/${id}`, { id }, { key });
    expect(flagged.body.allowedActions).toContain("reconnect");

    const reconnected = await api("reconnectLink", "POST", `/api/v1/links/${id}/reconnect`, { id }, { key });
    expect(reconnected).toMatchObject({ status: 202, body: { state: "verifying", endpointId: null, lastError: null } });
    await takeToAvailable(id, service);
    const back = await linkOf(id);
    expect(back.endpointId).not.toBe(endpointId);
    const events = await engine().db.linkEvent.findMany({ where: { linkId: id }, orderBy: { id: "asc" } });
    expect(events.slice(-5).map((e) => `${e.fromState}>${e.toState}`)).toEqual([
      "available>failed",
      "failed>verifying",
      "verifying>provisioning",
      "provisioning>pending_acceptance",
      "pending_acceptance>available",
    ]);
    expect(events.find((e) => e.fromState === "failed" && e.toState === "verifying")!.reason).toBe("reconnect requested");
  });

  it("reconnects a link the customer revoked: its old endpoint is deleted, a new one made", async () => {
    const { id, endpointId, service, key } = await availableLink("revoked-then-back");
    await service.reject(endpointId);
    await pass();
    expect(await linkOf(id)).toMatchObject({ state: "disconnected" });

    expect((await api("reconnectLink", "POST", `/api/v1/links/${id}/reconnect`, { id }, { key })).status).toBe(202);
    await runOrphanJob(endpointId);
    expect(await awsState(endpointId)).toBe("deleted");
    await takeToAvailable(id, service);
    expect((await linkOf(id)).endpointId).not.toBe(endpointId);

    // Reconnect is for links that cannot go on as they are: an available one is a 409.
    expect((await api("reconnectLink", "POST", `/api/v1/links/${id}/reconnect`, { id }, { key })).status).toBe(409);
  });

  it("deletes an orphan after ORPHAN_GRACE_SECONDS through the worker's durable job", async () => {
    const { org } = await createOrganizationWithKey();
    const service = await openService(org.id);
    const graced: Engine = { ...engine(), overrides: { ...engine().overrides, orphans: { graceMs: 1_000 } } };
    const endpointId = await taggedEndpoint(service, org.id);
    await workers.start(graced);

    const row = await until(
      () => engine().db.orphanEndpoint.findUnique({ where: { endpointId } }),
      (found) => found !== null,
    );
    expect(row!.deleteAt.getTime() - row!.createdAt.getTime()).toBe(1_000);
    const settled = await until(
      () => engine().db.orphanEndpoint.findUnique({ where: { endpointId } }),
      (found) => found?.settledAt != null,
    );
    expect(settled).toMatchObject({ outcome: "deleted" });
    expect(await awsState(endpointId)).toBe("deleted");
  });
});
