import { beforeAll, describe, expect, it } from "vitest";
import { runDeletion } from "@/lib/links/delete-link";
import { runProvisioning } from "@/lib/links/provision-link";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { runVerification } from "@/lib/links/verify-link";
import { CUSTOMER_A, CUSTOMER_B, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganizationWithKey, jobCtx, proveAccount, withLinkEngine } from "../fixtures/app";
import { createAdminKey, createKey } from "../fixtures/callers";
import { createCustomerResource, createCustomerService } from "../fixtures/customer";
import { asQueuedJob, reconcileUntilMoved } from "../fixtures/jobs";
import { call, HANDLERS } from "./api-helpers";
import { expectDocumented } from "./openapi-check";

/** The engine's whole lifecycle driven through the routes, with the job handlers run in between. */
const { engine, sandbox } = withLinkEngine();
let admin = "";

beforeAll(async () => {
  admin = await createAdminKey();
});

type LinkBody = { id: string; state: string; endpointId: string | null; dnsNames: string[]; checks: { status: string }[]; lastError: unknown };

async function api(op: string, method: string, path: string, key: string, options: { id?: string; body?: unknown } = {}) {
  const response = await call(HANDLERS[op]!, { method, path, params: options.id ? { id: options.id } : {}, body: options.body, caller: { key } });
  return { status: response.status, body: (await expectDocumented(op, response)) as LinkBody & Record<string, unknown> };
}

describe("link lifecycle through /api/v1", () => {
  it("connectivity -> register -> verify -> provision -> accept -> available with DNS names -> delete", async () => {
    const { org, key } = await createOrganizationWithKey({ approvalMode: "automatic" });
    const connectivity = await api("getConnectivity", "GET", "/api/v1/connectivity", key);
    expect(connectivity.status).toBe(200);
    const principalArn = connectivity.body.principalArn as string;
    expect(principalArn).toMatch(/^arn:aws:iam::\d{12}:role\//);
    // A read: the role is not made by reading its ARN (verification makes it, with this very ARN).
    const roleArns = () => [...sandbox().state.roles.values()].map((role) => role.arn);
    expect(roleArns()).not.toContain(principalArn);
    expect((await engine().db.organization.findUniqueOrThrow({ where: { id: org.id } })).principalArn).toBeNull();
    expect((connectivity.body.regions as { region: string }[]).map((r) => r.region)).toEqual(["eu-west-1", "us-east-1"]);

    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [principalArn] });
    const created = await api("createLink", "POST", "/api/v1/links", key, {
      body: { name: "orders-db", serviceName: service.serviceName, region: "us-east-1" },
    });
    expect(created).toMatchObject({ status: 201, body: { state: "verifying", serviceRegion: "us-east-1", dnsNames: [] } });
    const id = created.body.id;

    await runVerification({ ctx: jobCtx(engine()), input: { linkId: id } });
    expect(roleArns()).toContain(principalArn);
    const verified = await api("getLink", "GET", `/api/v1/links/${id}`, key, { id });
    expect(verified.body.state).toBe("provisioning");
    expect(verified.body.checks.filter((c) => c.status === "fail")).toEqual([]);

    await runProvisioning({ ctx: jobCtx(engine()), input: { linkId: id } });
    const provisioned = await api("getLink", "GET", `/api/v1/links/${id}`, key, { id });
    expect(provisioned.body).toMatchObject({ state: "pending_acceptance", endpointId: expect.stringMatching(/^vpce-/) });

    await service.accept(provisioned.body.endpointId!);
    await reconcileLinks({ ctx: jobCtx(engine()) });
    const available = await api("getLink", "GET", `/api/v1/links/${id}`, key, { id });
    expect(available.body.state).toBe("available");
    expect(available.body.dnsNames.length).toBeGreaterThan(1);
    expect(available.body.dnsNames.every((name) => name.endsWith(".amazonaws.com"))).toBe(true);

    const deleted = await api("deleteLink", "DELETE", `/api/v1/links/${id}`, key, { id });
    expect(deleted).toMatchObject({ status: 202, body: { state: "deleting" } });
    await runDeletion({ ctx: jobCtx(engine()), input: { linkId: id } });
    await runDeletion({ ctx: jobCtx(engine()), input: { linkId: id } });
    expect((await api("getLink", "GET", `/api/v1/links/${id}`, key, { id })).body.state).toBe("deleted");

    const events = await api("listLinkEvents", "GET", `/api/v1/links/${id}/events`, key, { id });
    expect((events.body.data as { fromState: string | null; toState: string }[]).map((e) => `${e.fromState ?? "-"}>${e.toState}`)).toEqual([
      "->verifying",
      "verifying>provisioning",
      "provisioning>pending_acceptance",
      "pending_acceptance>available",
      "available>deleting",
      "deleting>deleted",
    ]);
    const audit = await engine().db.auditLog.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.actorType])).toEqual([
      ["link.register", "api_key"],
      ["link.delete", "api_key"],
    ]);
  });

  it("fails verification until the principal is allowlisted, re-verifies, then waits for an admin who approves", async () => {
    const { org, key } = await createOrganizationWithKey({ approvalMode: "manual" });
    const service = await createCustomerService(sandbox(), CUSTOMER_B, { principals: [] });
    const { body: link } = await api("createLink", "POST", "/api/v1/links", key, {
      body: { name: "later", serviceName: service.serviceName, region: "us-east-1" },
    });
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    const failed = await api("getLink", "GET", `/api/v1/links/${link.id}`, key, { id: link.id });
    expect(failed.body).toMatchObject({ state: "verification_failed", lastError: { code: "InvalidServiceName" } });

    const { body: connectivity } = await api("getConnectivity", "GET", "/api/v1/connectivity", key);
    const { ModifyVpcEndpointServicePermissionsCommand } = await import("@aws-sdk/client-ec2");
    await service.ec2.send(
      new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: service.serviceId, AddAllowedPrincipals: [connectivity.principalArn as string] }),
    );
    expect((await api("verifyLink", "POST", `/api/v1/links/${link.id}/verify`, key, { id: link.id })).status).toBe(202);
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    expect((await api("getLink", "GET", `/api/v1/links/${link.id}`, key, { id: link.id })).body.state).toBe("pending_approval");

    const listed = await api("adminListLinks", "GET", `/api/v1/admin/links?organizationId=${org.id}&state=pending_approval`, admin);
    expect((listed.body.data as { id: string }[]).map((l) => l.id)).toEqual([link.id]);
    const approved = await api("approveLink", "POST", `/api/v1/admin/links/${link.id}/approve`, admin, { id: link.id });
    expect(approved).toMatchObject({ status: 200, body: { state: "provisioning" } });
    const again = await api("approveLink", "POST", `/api/v1/admin/links/${link.id}/approve`, admin, { id: link.id });
    expect(again).toMatchObject({ status: 409, body: { code: "conflict" } });
  });

  it("denies with a reason the customer sees, and an organization's policy changes through the admin API", async () => {
    const { org, key } = await createOrganizationWithKey({ approvalMode: "manual" });
    const patched = await api("updateOrganization", "PATCH", `/api/v1/admin/organizations/${org.id}`, admin, {
      id: org.id,
      body: { linkQuota: 1, plan: "team" },
    });
    expect(patched.body).toMatchObject({ linkQuota: 1, plan: "team", approvalMode: "manual" });
    expect(await engine().db.auditLog.count({ where: { targetId: org.id, action: "organization.update" } })).toBe(1);

    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [] });
    const { body: link } = await api("createLink", "POST", "/api/v1/links", key, {
      body: { name: "one", serviceName: service.serviceName, region: "us-east-1" },
    });
    const overQuota = await api("createLink", "POST", "/api/v1/links", key, {
      body: { name: "two", serviceName: service.serviceName.replace(/.$/, "0"), region: "us-east-1" },
    });
    expect(overQuota).toMatchObject({ status: 403, body: { code: "quota_exceeded" } });

    await engine().db.link.update({ where: { id: link.id }, data: { state: "pending_approval" } });
    const denied = await api("denyLink", "POST", `/api/v1/admin/links/${link.id}/deny`, admin, { id: link.id, body: { reason: "not a customer of ours" } });
    expect(denied.body).toMatchObject({ state: "denied", lastError: { code: "denied", message: "not a customer of ours" } });
    expect((await api("getLink", "GET", `/api/v1/links/${link.id}`, key, { id: link.id })).body.lastError).toMatchObject({ message: "not a customer of ours" });

    const organizations = await api("adminListOrganizations", "GET", "/api/v1/admin/organizations?limit=100", admin);
    expect((organizations.body.data as { id: string }[]).some((o) => o.id === org.id)).toBe(true);
  });

  it("tells each caller which actions it may take on a link now (allowedActions, from the action table)", async () => {
    const { org, key } = await createOrganizationWithKey({ approvalMode: "manual" });
    const readOnly = (await createKey({ organizationId: org.id, scopes: ["read"] })).key;
    const service = await createCustomerService(sandbox(), CUSTOMER_B, { principals: [] });
    const { body: link } = await api("createLink", "POST", "/api/v1/links", key, {
      body: { name: "actions", serviceName: service.serviceName, region: "us-east-1" },
    });
    expect(link.allowedActions).toEqual(["delete"]); // verifying: only deleting it is up to the customer

    await engine().db.link.update({ where: { id: link.id }, data: { state: "pending_approval" } });
    const actionsFor = async (caller: string) => (await api("getLink", "GET", `/api/v1/links/${link.id}`, caller, { id: link.id })).body.allowedActions;
    expect(await actionsFor(key)).toEqual(["verify", "delete"]);
    expect(await actionsFor(admin)).toEqual(["verify", "approve", "deny", "delete"]);
    expect(await actionsFor(readOnly)).toEqual([]);

    await engine().db.link.update({ where: { id: link.id }, data: { state: "failed" } });
    expect(await actionsFor(key)).toEqual(["delete", "reconnect"]);
    expect(await actionsFor(admin)).toEqual(["retry", "delete", "reconcile", "reconnect"]);
    const retried = await api("retryLink", "POST", `/api/v1/admin/links/${link.id}/retry`, admin, { id: link.id });
    expect(retried.body).toMatchObject({ state: "provisioning", allowedActions: ["delete", "reconcile"] });
    const deleted = await api("deleteLink", "DELETE", `/api/v1/links/${link.id}`, key, { id: link.id });
    expect(deleted.body).toMatchObject({ state: "deleting", allowedActions: [] });
  });

  it("hides another organization's link: 404 to read, verify, list events and delete", async () => {
    const a = await createOrganizationWithKey({ approvalMode: "automatic" });
    const b = await createOrganizationWithKey({ approvalMode: "automatic" });
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [] });
    const { body: link } = await api("createLink", "POST", "/api/v1/links", a.key, {
      body: { name: "private", serviceName: service.serviceName, region: "us-east-1" },
    });
    expect((await api("getLink", "GET", `/api/v1/links/${link.id}`, b.key, { id: link.id })).status).toBe(404);
    expect((await api("listLinkEvents", "GET", `/api/v1/links/${link.id}/events`, b.key, { id: link.id })).status).toBe(404);
    expect((await api("verifyLink", "POST", `/api/v1/links/${link.id}/verify`, b.key, { id: link.id })).status).toBe(404);
    expect((await api("deleteLink", "DELETE", `/api/v1/links/${link.id}`, b.key, { id: link.id })).status).toBe(404);
    const { body: page } = await api("listLinks", "GET", "/api/v1/links", b.key);
    expect((page.data as { id: string }[]).map((l) => l.id)).not.toContain(link.id);
    expect((await engine().db.link.findUniqueOrThrow({ where: { id: link.id } })).state).toBe("verifying");
  });

  it("registers a resource link (kind resource) that becomes available with its association's DNS name; refuses a bad one naming the field", async () => {
    const { ctx, key } = await createOrganizationWithKey({ approvalMode: "automatic" });
    const missing = await api("createLink", "POST", "/api/v1/links", key, { body: { kind: "resource", name: "no-arn", region: "us-east-1" } });
    expect(missing).toMatchObject({ status: 422, body: { invalidParams: [{ name: "resourceConfigurationArn" }] } });
    const unknown = await api("createLink", "POST", "/api/v1/links", key, { body: { kind: "tunnel", name: "x", region: "us-east-1" } });
    expect(unknown).toMatchObject({ status: 422, body: { invalidParams: [{ name: "kind" }] } });
    expect(await engine().db.link.count({ where: { organizationId: ctx.organizationId! } })).toBe(0);

    await proveAccount(engine(), sandbox(), CUSTOMER_B, ctx);
    const resource = await createCustomerResource(sandbox(), CUSTOMER_B, { name: "routes-db", shareWith: VENDOR.accountId });
    const created = await api("createLink", "POST", "/api/v1/links", key, {
      body: { kind: "resource", name: "routes-db", resourceConfigurationArn: resource.arn, resourceShareArn: resource.shareArn, region: "us-east-1" },
    });
    expect(created).toMatchObject({ status: 201, body: { kind: "resource", resourceConfigurationArn: resource.arn, resourceShareArn: resource.shareArn } });
    const id = created.body.id;
    await asQueuedJob(runVerification)({ ctx: jobCtx(engine()), input: { linkId: id } });
    await asQueuedJob(runProvisioning)({ ctx: jobCtx(engine()), input: { linkId: id } });
    await reconcileUntilMoved(engine(), id);
    const available = await api("getLink", "GET", `/api/v1/links/${id}`, key, { id });
    expect(available.body).toMatchObject({ state: "available", kind: "resource", dnsNames: [expect.stringMatching(/\.vpc-lattice-rsc\.us-east-1\.on\.aws$/)] });
  });
});
