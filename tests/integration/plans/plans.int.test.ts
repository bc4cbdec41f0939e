import { beforeAll, describe, expect, it } from "vitest";
import { registerLink } from "@/lib/links/register-link";
import { runVerification } from "@/lib/links/verify-link";
import { CUSTOMER_A } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganization, jobCtx, principalArnOf, withLinkEngine } from "../fixtures/app";
import { adminSession, createKey, createUser, type Caller } from "../fixtures/callers";
import { call, HANDLERS } from "../api/api-helpers";
import { expectDocumented } from "../api/openapi-check";
import { createCustomerService } from "../fixtures/customer";

/** Plans as data: listed, changed and added by vendor admins (audited), and what registration and approval check. */
const { engine, sandbox } = withLinkEngine();

let admin: Caller;
beforeAll(async () => {
  admin = await adminSession();
});

async function send(op: string, caller: Caller, options: { method: string; path: string; params?: Record<string, string>; body?: unknown }) {
  const response = await call(HANDLERS[op]!, { ...options, caller });
  return { status: response.status, body: (await expectDocumented(op, response)) as Record<string, unknown> & { data?: Record<string, unknown>[] } };
}

const list = (caller: Caller) => send("adminListPlans", caller, { method: "GET", path: "/api/v1/admin/plans" });
const patch = (caller: Caller, plan: string, body: unknown) =>
  send("updatePlan", caller, { method: "PATCH", path: `/api/v1/admin/plans/${plan}`, params: { plan }, body });
const add = (caller: Caller, body: unknown) => send("createPlan", caller, { method: "POST", path: "/api/v1/admin/plans", body });

let unique = 0;
const service = (region = "us-east-1") => `com.amazonaws.vpce.${region}.vpce-svc-${(unique += 1).toString(16).padStart(17, "c")}`;
const register = (caller: Caller, body: Record<string, unknown>) => send("createLink", caller, { method: "POST", path: "/api/v1/links", body });

async function memberOf(plan: string) {
  const { org } = await createOrganization({ plan, approvalMode: "manual" });
  return { org, key: { key: (await createKey({ organizationId: org.id })).key } };
}

describe("plans through /api/v1/admin/plans", () => {
  it("lists today's plans least to most, with the defaults the migration gave them", async () => {
    const { status, body } = await list(admin);
    expect(status).toBe(200);
    expect(body.data!.map((p) => p.key)).toEqual(["free", "team", "enterprise"]);
    expect(body.data![0]).toMatchObject({ name: "Free", privateLinks: false, crossRegion: false, resourceEndpoints: false, linkQuota: 10 });
    expect(body.data![1]).toMatchObject({ name: "Team", privateLinks: true, crossRegion: true, resourceEndpoints: false, linkQuota: 10 });
    expect(body.data![2]).toMatchObject({ name: "Enterprise", privateLinks: true, crossRegion: true, resourceEndpoints: true, linkQuota: 10 });
  });

  it("refuses everyone but vendor admins, and a member's key too", async () => {
    const { org, key } = await memberOf("team");
    const member = { cookie: (await createUser({ organizationId: org.id, role: "owner" })).cookie };
    for (const caller of [member, key]) {
      expect((await list(caller)).status).toBe(403);
      expect((await patch(caller, "team", { linkQuota: 99 })).status).toBe(403);
      expect((await add(caller, { key: "sneaky", name: "Sneaky", privateLinks: true, crossRegion: true, resourceEndpoints: true, linkQuota: 99 })).status).toBe(
        403,
      );
    }
    expect(await engine().db.plan.findUnique({ where: { key: "sneaky" } })).toBeNull();
    expect((await engine().db.plan.findUniqueOrThrow({ where: { key: "team" } })).linkQuota).toBe(10);
  });

  it("adds a plan, audited; a taken key is a 409, a bad body a 422 naming each field, and nothing changes", async () => {
    const startup = { key: "startup", name: "Startup", privateLinks: true, crossRegion: false, resourceEndpoints: false, linkQuota: 3 };
    const created = await add(admin, startup);
    expect(created).toMatchObject({ status: 201, body: { ...startup, organizations: 0 } });
    const audit = await engine().db.auditLog.findFirstOrThrow({ where: { action: "plan.create", targetId: "startup" } });
    expect(audit.metadata).toMatchObject({ before: null, after: { name: "Startup", privateLinks: true, linkQuota: 3 } });

    expect(await add(admin, { ...startup, name: "Other" })).toMatchObject({ status: 409, body: { code: "conflict", invalidParams: [{ name: "key" }] } });
    const bad = await add(admin, { key: "Not A Key", name: "", privateLinks: "yes", crossRegion: true, resourceEndpoints: false, linkQuota: -1 });
    expect(bad.status).toBe(422);
    expect((bad.body.invalidParams as { name: string }[]).map((p) => p.name).sort()).toEqual(["key", "linkQuota", "name", "privateLinks"]);
    expect(await engine().db.plan.count()).toBe(4);
    expect((await engine().db.plan.findUniqueOrThrow({ where: { key: "startup" } })).name).toBe("Startup");
  });

  it("changes a plan, audited with before and after; an unknown plan is a 404, an empty or bad body a 422", async () => {
    const changed = await patch(admin, "free", { linkQuota: 2 });
    expect(changed).toMatchObject({ status: 200, body: { key: "free", linkQuota: 2, privateLinks: false } });
    const audit = await engine().db.auditLog.findFirstOrThrow({ where: { action: "plan.update", targetId: "free" } });
    expect(audit).toMatchObject({ organizationId: null, targetType: "plan", metadata: { before: { linkQuota: 10 }, after: { linkQuota: 2 } } });

    expect(await patch(admin, "platinum", { linkQuota: 5 })).toMatchObject({ status: 404, body: { code: "not_found" } });
    expect(await patch(admin, "free", {})).toMatchObject({ status: 422 });
    expect(await patch(admin, "free", { crossRegion: "no", linkQuota: 10_001 })).toMatchObject({
      status: 422,
      body: { invalidParams: expect.arrayContaining([expect.objectContaining({ name: "crossRegion" }), expect.objectContaining({ name: "linkQuota" })]) },
    });
    expect((await engine().db.plan.findUniqueOrThrow({ where: { key: "free" } })).linkQuota).toBe(2);
  });
});

describe("what registration and approval check", () => {
  it("a vendor admin makes private links Enterprise-only: a Team organization's registration and a pending Team link's approval are refused", async () => {
    const team = await memberOf("team");
    const pending = await engine().db.link.create({
      data: {
        organizationId: team.org.id,
        name: "waiting",
        serviceName: service(),
        serviceRegion: "us-east-1",
        region: "us-east-1",
        ports: [5432],
        state: "pending_approval",
      },
    });
    expect((await patch(admin, "team", { privateLinks: false })).status).toBe(200);

    const refused = await register(team.key, { name: "orders", serviceName: service(), region: "us-east-1" });
    expect(refused).toMatchObject({
      status: 403,
      body: { code: "plan_not_eligible", detail: "The Team plan does not include private links; ask for Startup or Enterprise." },
    });
    const approval = await send("approveLink", admin, { method: "POST", path: `/api/v1/admin/links/${pending.id}/approve`, params: { id: pending.id } });
    expect(approval).toMatchObject({ status: 403, body: { code: "plan_not_eligible" } });
    expect(approval.body.detail).toContain(`${team.org.name} is on the Team plan, which does not include private links`);
    expect((await engine().db.link.findUniqueOrThrow({ where: { id: pending.id } })).state).toBe("pending_approval");
    expect(await engine().db.link.count({ where: { organizationId: team.org.id } })).toBe(1);

    // An Enterprise organization still registers.
    const enterprise = await memberOf("enterprise");
    expect((await register(enterprise.key, { name: "orders", serviceName: service(), region: "us-east-1" })).status).toBe(201);
    await patch(admin, "team", { privateLinks: true });
  });

  it("a cross-region registration needs a plan with cross-region links; the same region does not", async () => {
    const regional = await memberOf("startup");
    const cross = await register(regional.key, { name: "west", serviceName: service("us-west-2"), region: "us-east-1" });
    expect(cross).toMatchObject({
      status: 403,
      body: { code: "plan_not_eligible", detail: "The Startup plan does not include cross-region links; ask for Team or Enterprise." },
    });
    expect((await register(regional.key, { name: "east", serviceName: service(), region: "us-east-1" })).status).toBe(201);

    // Approval reads the plan too: a cross-region link registered on Team waits, then Team loses cross-region.
    const team = await memberOf("team");
    const registered = await register(team.key, { name: "west", serviceName: service("us-west-2"), region: "us-east-1" });
    expect(registered.status).toBe(201);
    const id = registered.body.id as string;
    await engine().db.link.update({ where: { id }, data: { state: "pending_approval" } });
    await patch(admin, "team", { crossRegion: false });
    const approval = await send("approveLink", admin, { method: "POST", path: `/api/v1/admin/links/${id}/approve`, params: { id } });
    expect(approval).toMatchObject({ status: 403, body: { code: "plan_not_eligible" } });
    expect(approval.body.detail).toContain("does not include cross-region links; move it to Enterprise first.");
    await patch(admin, "team", { crossRegion: true });
  });

  it("a link verified after its plan lost private links is not approved automatically: it waits for a vendor admin, saying why", async () => {
    const { org, ctx } = await createOrganization({ plan: "startup", approvalMode: "automatic" });
    const customer = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), org.id)] });
    const link = await registerLink({ ctx, input: { name: "late", serviceName: customer.serviceName, region: "us-east-1" } });
    await patch(admin, "startup", { privateLinks: false });
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    expect((await engine().db.link.findUniqueOrThrow({ where: { id: link.id } })).state).toBe("pending_approval");
    const event = await engine().db.linkEvent.findFirstOrThrow({ where: { linkId: link.id, toState: "pending_approval" } });
    expect(event.reason).toBe("checks passed; the Startup plan lacks private links, so a vendor admin decides");
    await patch(admin, "startup", { privateLinks: true });
  });

  it("the quota checked is the organization's own when set, else its plan's, as the plan says now", async () => {
    const follows = await memberOf("startup"); // the Startup plan: 3 links
    const own = await createOrganization({ plan: "startup", linkQuota: 1 });
    const ownKey = { key: (await createKey({ organizationId: own.org.id })).key };
    for (const name of ["a", "b", "c"]) expect((await register(follows.key, { name, serviceName: service(), region: "us-east-1" })).status).toBe(201);
    expect(await register(follows.key, { name: "d", serviceName: service(), region: "us-east-1" })).toMatchObject({
      status: 403,
      body: { code: "quota_exceeded", detail: expect.stringContaining("3 of 3 links") },
    });
    await patch(admin, "startup", { linkQuota: 4 });
    expect((await register(follows.key, { name: "d", serviceName: service(), region: "us-east-1" })).status).toBe(201);
    expect((await register(ownKey, { name: "a", serviceName: service(), region: "us-east-1" })).status).toBe(201);
    expect(await register(ownKey, { name: "b", serviceName: service(), region: "us-east-1" })).toMatchObject({ status: 403, body: { code: "quota_exceeded" } });

    const view = await send("adminGetOrganization", admin, {
      method: "GET",
      path: `/api/v1/admin/organizations/${follows.org.id}`,
      params: { id: follows.org.id },
    });
    expect(view.body.organization).toMatchObject({ plan: "startup", planName: "Startup", linkQuota: 4, linkQuotaOverride: null });
  });

  it("an organization's plan must be one of the table's (422 at plan); a null quota follows the plan's", async () => {
    const { org } = await createOrganization({ plan: "team", linkQuota: 30 });
    const update = (body: unknown) =>
      send("updateOrganization", admin, { method: "PATCH", path: `/api/v1/admin/organizations/${org.id}`, params: { id: org.id }, body });
    expect(await update({ plan: "platinum" })).toMatchObject({ status: 422, body: { invalidParams: [{ name: "plan" }] } });
    expect(await update({ plan: "startup", linkQuota: null })).toMatchObject({
      status: 200,
      body: { plan: "startup", planName: "Startup", linkQuota: 4, linkQuotaOverride: null },
    });
  });
});
