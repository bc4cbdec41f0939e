import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization, withLinkEngine } from "../fixtures/app";
import { adminSession, createKey, createUser, type Caller } from "../fixtures/callers";
import { call, HANDLERS } from "./api-helpers";
import { expectDocumented } from "./openapi-check";

const { engine } = withLinkEngine();

let admin: Caller;
beforeAll(async () => {
  admin = await adminSession();
});

async function send(op: string, caller: Caller, options: { method?: string; path: string; params?: Record<string, string>; body?: unknown }) {
  const response = await call(HANDLERS[op]!, { method: options.method ?? "POST", path: options.path, params: options.params, body: options.body, caller });
  return { status: response.status, body: (await expectDocumented(op, response)) as Record<string, unknown> };
}

const ask = (caller: Caller, body: unknown) => send("createUpgradeRequest", caller, { path: "/api/v1/upgrade-requests", body });
const answer = (verb: "approve" | "deny", caller: Caller, id: string, body: unknown) =>
  send(verb === "approve" ? "approveUpgradeRequest" : "denyUpgradeRequest", caller, {
    path: `/api/v1/admin/upgrade-requests/${id}/${verb}`,
    params: { id },
    body,
  });

async function freeOrganization() {
  const { org } = await createOrganization({ plan: "free" });
  const member = { cookie: (await createUser({ organizationId: org.id, role: "member" })).cookie };
  return { org, member };
}

describe("plan upgrade requests", () => {
  it("a member asks once; a second open request is a 409 and a plan not above the current one a 422 at plan", async () => {
    const { org, member } = await freeOrganization();
    const asked = await ask(member, { plan: "team", message: "We need a link to our orders database." });
    expect(asked).toMatchObject({
      status: 201,
      body: { organizationId: org.id, organizationName: org.name, currentPlan: "free", requestedPlan: "team", status: "open", reason: null, answeredAt: null },
    });
    expect(await ask(member, { plan: "enterprise" })).toMatchObject({ status: 409, body: { code: "conflict" } });
    expect(await engine().db.upgradeRequest.count({ where: { organizationId: org.id } })).toBe(1);

    const { member: other } = await freeOrganization();
    expect(await ask(other, { plan: "free" })).toMatchObject({ status: 422, body: { invalidParams: [{ name: "plan" }] } });
    expect(await ask(other, { plan: "platinum" })).toMatchObject({ status: 422, body: { invalidParams: [{ name: "plan" }] } });

    const audit = await engine().db.auditLog.findMany({ where: { organizationId: org.id, action: "upgrade_request.create" } });
    expect(audit).toHaveLength(1);
  });

  it("an organization lists only its own requests; a read-only key may read but not ask", async () => {
    const a = await freeOrganization();
    const b = await freeOrganization();
    await ask(a.member, { plan: "team" });
    const own = await send("listUpgradeRequests", b.member, { method: "GET", path: "/api/v1/upgrade-requests" });
    expect(own).toMatchObject({ status: 200, body: { data: [] } });
    const readOnly = { key: (await createKey({ organizationId: a.org.id, scopes: ["read"] })).key };
    expect((await send("listUpgradeRequests", readOnly, { method: "GET", path: "/api/v1/upgrade-requests" })).body.data).toHaveLength(1);
    expect((await ask(readOnly, { plan: "enterprise" })).status).toBe(403);
  });

  it("a vendor admin sees the open queue, approves (the plan changes) and cannot answer twice; a member cannot answer", async () => {
    const { org, member } = await freeOrganization();
    const { body } = await ask(member, { plan: "enterprise" });
    const id = body.id as string;

    expect((await answer("approve", member, id, {})).status).toBe(403);
    const queue = await send("adminListUpgradeRequests", admin, { method: "GET", path: "/api/v1/admin/upgrade-requests?status=open&limit=100" });
    expect(queue.status).toBe(200);
    expect((queue.body.data as { id: string; status: string }[]).map((r) => r.status)).not.toContain("approved");
    expect((queue.body.data as { id: string }[]).map((r) => r.id)).toContain(id);

    expect(await answer("approve", admin, id, { reason: "Welcome aboard" })).toMatchObject({
      status: 200,
      body: { status: "approved", reason: "Welcome aboard" },
    });
    expect((await engine().db.organization.findUniqueOrThrow({ where: { id: org.id } })).plan).toBe("enterprise");
    expect(await answer("deny", admin, id, { reason: "changed our mind" })).toMatchObject({ status: 409 });
    expect(await engine().db.auditLog.count({ where: { organizationId: org.id, action: "upgrade_request.approve" } })).toBe(1);

    // Answered, the organization may ask again (for more than it now has).
    expect((await ask(member, { plan: "team" })).status).toBe(422);
  });

  it("GET /plan: a Free organization's plan, every plan compared least to most, its open request, then the plan approved", async () => {
    const { member } = await freeOrganization();
    const summary = () => send("getPlanSummary", member, { method: "GET", path: "/api/v1/plan" });
    const before = await summary();
    expect(before).toMatchObject({ status: 200, body: { plan: { key: "free", privateLinks: false }, activeLinks: 0, latestRequest: null } });
    const plans = before.body.plans as { key: string; privateLinks: boolean; allows: string }[];
    expect(plans.map((p) => p.key).slice(0, 3)).toEqual(["free", "team", "enterprise"]);
    expect(plans[0]!.allows).toContain("No private links");
    expect((before.body.upgrades as { key: string }[]).map((u) => u.key)).toContain("team");

    const id = (await ask(member, { plan: "team" })).body.id as string;
    expect((await summary()).body.latestRequest).toMatchObject({ id, status: "open", requestedPlan: "team" });
    await answer("approve", admin, id, {});
    expect((await summary()).body).toMatchObject({ plan: { key: "team", privateLinks: true }, latestRequest: { id, status: "approved" } });
    expect((await send("getPlanSummary", admin, { method: "GET", path: "/api/v1/plan" })).status).toBe(403);
  });

  it("denying needs a reason, leaves the plan, and frees the organization to ask again", async () => {
    const { org, member } = await freeOrganization();
    const id = (await ask(member, { plan: "team" })).body.id as string;
    expect(await answer("deny", admin, id, {})).toMatchObject({ status: 422, body: { invalidParams: [{ name: "reason" }] } });
    expect(await answer("deny", admin, id, { reason: "Please sign the order form first." })).toMatchObject({ status: 200, body: { status: "denied" } });
    expect((await engine().db.organization.findUniqueOrThrow({ where: { id: org.id } })).plan).toBe("free");
    // Whoever asked hears the answer by email (the plan panel says so).
    const mail = await engine().db.mailMessage.findUniqueOrThrow({ where: { key: `upgrade-request-answer:${id}` } });
    expect(mail).toMatchObject({ template: "upgrade-answered", data: { outcome: "denied", reason: "Please sign the order form first." } });
    expect((await ask(member, { plan: "team" })).status).toBe(201);
    expect((await answer("approve", admin, "00000000-0000-4000-8000-000000000000", {})).status).toBe(404);
  });
});
