import { DeleteVpcEndpointServiceConfigurationsCommand, DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "@/lib/engine";
import { runDeletion } from "@/lib/links/delete-link";
import { runEndpointDetails } from "@/lib/links/endpoint-details";
import { runProvisioning } from "@/lib/links/provision-link";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { registerLink } from "@/lib/links/register-link";
import { runRelease } from "@/lib/links/release-endpoint";
import { runVerification } from "@/lib/links/verify-link";
import { clientsOf, CUSTOMER_A, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { call, HANDLERS } from "../api/api-helpers";
import { expectDocumented } from "../api/openapi-check";
import { createOrganization, jobCtx, principalArnOf, withLinkEngine } from "../fixtures/app";
import { createAdminKey } from "../fixtures/callers";
import { createCustomerService, type CustomerService } from "../fixtures/customer";

/**
 * Two-sided teardown, the jobs run in turn with the SDK playing the customer: a link the customer turned away keeps its
 * state, and our endpoint is deleted once RELEASE_AFTER_SECONDS (the engine's `release` override here) has passed.
 */
// More endpoints than EC2's burst of creates; the budget is not what is tested here.
const { engine, sandbox } = withLinkEngine({ budgets: { burst: 100, refillPerSecond: 100 } });
const WEEK_MS = 604_800_000;
let admin = "";

beforeAll(async () => {
  admin = await createAdminKey();
});

/** The engine with no grace: a link turned away is released in the reconcile pass that sees it. */
const atOnce = (): Engine => ({ ...engine(), overrides: { ...engine().overrides, release: { afterMs: 0 } } });

const linkOf = (id: string) => engine().db.link.findUniqueOrThrow({ where: { id } });

async function awsState(endpointId: string): Promise<string | undefined> {
  const { VpcEndpoints } = await clientsOf(sandbox(), VENDOR).ec2.send(
    new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-endpoint-id", Values: [endpointId] }] }),
  );
  return VpcEndpoints?.[0]?.State;
}

/** A link waiting for the customer's acceptance, with its endpoint. */
async function pendingLink(name: string): Promise<{ id: string; endpointId: string; service: CustomerService }> {
  const { org, ctx } = await createOrganization({ approvalMode: "automatic" });
  const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), org.id)] });
  const { id } = await registerLink({ ctx, input: { name, serviceName: service.serviceName, region: "us-east-1" } });
  await runVerification({ ctx: jobCtx(engine()), input: { linkId: id } });
  await runProvisioning({ ctx: jobCtx(engine()), input: { linkId: id } });
  const link = await linkOf(id);
  expect(link.state).toBe("pending_acceptance");
  return { id, endpointId: link.endpointId!, service };
}

/** The release job until it has nothing left to do, as the queue runs it again after each RunAgain. */
async function release(linkId: string, eng: Engine = engine()): Promise<number> {
  let runs = 0;
  for (;;) {
    runs += 1;
    if (!(await runRelease({ ctx: jobCtx(eng), input: { linkId } }))) return runs;
  }
}

async function releaseEvents(linkId: string) {
  const events = await engine().db.linkEvent.findMany({ where: { linkId, kind: "endpoint_released" }, orderBy: { id: "asc" } });
  return events.map((e) => `${e.fromState}>${e.toState}: ${e.reason}`);
}

async function api(op: string, method: string, path: string, id: string) {
  const response = await call(HANDLERS[op]!, { method, path, params: { id }, caller: { key: admin } });
  return { status: response.status, body: (await expectDocumented(op, response)) as Record<string, unknown> };
}

describe("releasing our endpoint after the customer turns a link away", () => {
  it("releases a rejected link's endpoint at once with no grace: gone from AWS, on the timeline, the link still rejected", async () => {
    const { id, endpointId, service } = await pendingLink("rejected-now");
    await service.reject(endpointId);
    const report = await reconcileLinks({ ctx: jobCtx(atOnce()) });
    expect(report.releases).toBeGreaterThanOrEqual(1);
    const rejected = await linkOf(id);
    expect(rejected.state).toBe("rejected");
    expect(rejected.releaseAt!.getTime()).toBeLessThanOrEqual(Date.now());

    expect(await release(id)).toBeGreaterThan(1); // deleted, then seen gone
    expect(await awsState(endpointId)).toBe("deleted");
    const released = await linkOf(id);
    expect(released).toMatchObject({ state: "rejected", releaseAt: null, nextCheckAt: null, lastErrorCode: "Rejected" });
    expect(released.endpointReleasedAt).toBeInstanceOf(Date);
    expect(await releaseEvents(id)).toEqual(["rejected>rejected: our endpoint was deleted: the customer rejected the connection"]);

    // A job run again (a crash after the release, a second queue entry) changes nothing, and the reconciler looks no more.
    expect(await release(id)).toBe(1);
    expect((await linkOf(id)).version).toBe(released.version);
    await reconcileLinks({ ctx: jobCtx(atOnce()) });
    expect(await releaseEvents(id)).toHaveLength(1);
    expect((await linkOf(id)).updatedAt).toEqual(released.updatedAt);
  });

  it("keeps the endpoint for RELEASE_AFTER_SECONDS (7 days by default), and never releases a request that may still be accepted", async () => {
    const waiting = await pendingLink("still-pending");
    const { id, endpointId, service } = await pendingLink("rejected-later");
    await reconcileLinks({ ctx: jobCtx(atOnce()) });
    expect(await linkOf(waiting.id)).toMatchObject({ state: "pending_acceptance", releaseAt: null });

    const before = Date.now();
    await service.reject(endpointId);
    await reconcileLinks({ ctx: jobCtx(engine()) });
    const rejected = await linkOf(id);
    expect(rejected.state).toBe("rejected");
    expect(rejected.releaseAt!.getTime()).toBeGreaterThanOrEqual(before + WEEK_MS);
    expect(rejected.releaseAt!.getTime()).toBeLessThanOrEqual(Date.now() + WEEK_MS);
    // Not due: the job, were it queued, deletes nothing; neither link is released by any pass.
    expect(await release(id)).toBe(1);
    await reconcileLinks({ ctx: jobCtx(atOnce()) });
    expect(await awsState(endpointId)).toBe("rejected");
    expect(await awsState(waiting.endpointId)).toBe("pendingAcceptance");
    expect((await linkOf(id)).endpointReleasedAt).toBeNull();
    expect(await releaseEvents(waiting.id)).toEqual([]);
  });

  it("releases a connection the customer revoked after accepting it (disconnected)", async () => {
    const { id, endpointId, service } = await pendingLink("revoked");
    await service.accept(endpointId);
    await reconcileLinks({ ctx: jobCtx(atOnce()) });
    expect((await linkOf(id)).state).toBe("available");
    await runEndpointDetails({ ctx: jobCtx(atOnce()), input: { linkId: id } });
    expect((await linkOf(id)).endpointAddresses).not.toEqual([]);
    await service.reject(endpointId);
    await reconcileLinks({ ctx: jobCtx(atOnce()) });
    await release(id);
    // The addresses were the endpoint's: gone with it.
    expect(await linkOf(id)).toMatchObject({ state: "disconnected", lastErrorCode: "Rejected", endpointAddresses: [], privateDnsEnabled: false });
    expect(await awsState(endpointId)).toBe("deleted");
    expect(await releaseEvents(id)).toEqual(["disconnected>disconnected: our endpoint was deleted: the customer revoked the accepted connection"]);
  });

  it("says the customer deleted its endpoint service when it did (it must reject the connection first)", async () => {
    const { id, endpointId, service } = await pendingLink("service-gone");
    const refused = await service.ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [service.serviceId] }));
    expect(refused.Unsuccessful?.[0]?.Error?.Code).toBe("ExistingVpcEndpointConnections");
    await service.reject(endpointId);
    const deleted = await service.ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [service.serviceId] }));
    expect(deleted.Unsuccessful ?? []).toEqual([]);
    // Our side of AWS still shows the endpoint rejected: only the service's absence tells the two apart.
    expect(await awsState(endpointId)).toBe("rejected");

    await reconcileLinks({ ctx: jobCtx(atOnce()) });
    await release(id);
    const released = await linkOf(id);
    expect(released).toMatchObject({ state: "rejected", lastErrorCode: "ServiceDeleted" });
    expect(released.lastError).toMatch(/^The customer deleted its endpoint service/);
    expect(await releaseEvents(id)).toEqual(["rejected>rejected: our endpoint was deleted: the customer deleted its endpoint service"]);
    expect(await awsState(endpointId)).toBe("deleted");
  });

  it("lets a vendor admin release now (409 for an available link or one already released), and a released link still deletes", async () => {
    const available = await pendingLink("kept");
    await available.service.accept(available.endpointId);
    await reconcileLinks({ ctx: jobCtx(engine()) });
    const refused = await api("releaseLink", "POST", `/api/v1/admin/links/${available.id}/release`, available.id);
    expect(refused).toMatchObject({ status: 409, body: { code: "conflict" } });

    const { id, endpointId, service } = await pendingLink("released-by-admin");
    await service.reject(endpointId);
    await reconcileLinks({ ctx: jobCtx(engine()) });
    expect((await api("getLink", "GET", `/api/v1/links/${id}`, id)).body.allowedActions).toContain("release");
    const accepted = await api("releaseLink", "POST", `/api/v1/admin/links/${id}/release`, id);
    expect(accepted).toMatchObject({ status: 202, body: { state: "rejected", endpointReleasedAt: null } });
    expect(Date.parse(accepted.body.releaseAt as string)).toBeLessThanOrEqual(Date.now());
    expect(await engine().db.auditLog.count({ where: { targetId: id, action: "link.release" } })).toBe(1);
    await release(id);
    expect(await awsState(endpointId)).toBe("deleted");
    const viewed = await api("getLink", "GET", `/api/v1/links/${id}`, id);
    expect(viewed.body).toMatchObject({ state: "rejected", releaseAt: null, endpointReleasedAt: expect.any(String) });
    expect(viewed.body.allowedActions).not.toContain("release");
    expect(await api("releaseLink", "POST", `/api/v1/admin/links/${id}/release`, id)).toMatchObject({ status: 409, body: { code: "conflict" } });

    const deleting = await api("deleteLink", "DELETE", `/api/v1/links/${id}`, id);
    expect(deleting).toMatchObject({ status: 202, body: { state: "deleting", releaseAt: null } });
    await runDeletion({ ctx: jobCtx(engine()), input: { linkId: id } });
    expect((await linkOf(id)).state).toBe("deleted");
  });
});
