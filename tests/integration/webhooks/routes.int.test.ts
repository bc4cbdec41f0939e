import { beforeAll, describe, expect, it } from "vitest";
import * as deliveriesRoute from "@/app/api/v1/webhooks/[id]/deliveries/route";
import * as webhookRoute from "@/app/api/v1/webhooks/[id]/route";
import * as webhooksRoute from "@/app/api/v1/webhooks/route";
import { dispatchWebhookEvents } from "@/lib/webhooks/dispatch";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { webhookCreatedViewSchema, webhookDeliveryPageSchema, webhookPageSchema, webhookViewSchema } from "@/lib/webhooks/schemas";
import { createOrganization, jobCtx, withLinkEngine, type Organization } from "../fixtures/app";
import { callersOf, type Caller } from "../fixtures/callers";
import { call } from "../api/api-helpers";
import { ownerOf, registerSomeLink } from "./helpers";

/** The webhook routes through real Requests: who may do what, what leaves, and what is refused. */
const { engine } = withLinkEngine();

type Handler = Parameters<typeof call>[0];
const h = (handler: unknown) => handler as Handler;

const CALLERS = ["none", "other", "readOnly", "member", "owner", "writeKey", "admin"] as const;
type CallerName = (typeof CALLERS)[number];
let callers: Record<CallerName, Caller>;
let orgA: Organization;

const row = (...statuses: number[]) => Object.fromEntries(CALLERS.map((name, i) => [name, statuses[i]!])) as Record<CallerName, number>;

async function webhookOfA() {
  return createWebhook({ ctx: ownerOf(orgA.ctx), input: { url: "http://127.0.0.1:9/hooks", eventTypes: ["link.state_changed"] } });
}

beforeAll(async () => {
  orgA = await createOrganization();
  const b = await createOrganization();
  callers = await callersOf(orgA.org.id, b.org.id);
});

const body = { url: "http://127.0.0.1:9/hooks", eventTypes: ["link.available", "link.failed"] };

describe("webhook routes: who may do what", () => {
  const cases = [
    {
      name: "POST /api/v1/webhooks",
      method: "POST",
      handler: () => h(webhooksRoute.POST),
      path: () => "/api/v1/webhooks",
      body,
      expected: row(401, 201, 403, 403, 201, 201, 403),
    },
    {
      name: "GET /api/v1/webhooks",
      method: "GET",
      handler: () => h(webhooksRoute.GET),
      path: () => "/api/v1/webhooks",
      expected: row(401, 200, 200, 200, 200, 200, 403),
    },
    {
      name: "GET /api/v1/webhooks/{id}",
      method: "GET",
      handler: () => h(webhookRoute.GET),
      path: (id: string) => `/api/v1/webhooks/${id}`,
      expected: row(401, 404, 200, 200, 200, 200, 403),
    },
    {
      name: "DELETE /api/v1/webhooks/{id}",
      method: "DELETE",
      handler: () => h(webhookRoute.DELETE),
      path: (id: string) => `/api/v1/webhooks/${id}`,
      expected: row(401, 404, 403, 403, 204, 204, 403),
    },
    {
      name: "GET /api/v1/webhooks/{id}/deliveries",
      method: "GET",
      handler: () => h(deliveriesRoute.GET),
      path: (id: string) => `/api/v1/webhooks/${id}/deliveries`,
      expected: row(401, 404, 200, 200, 200, 200, 403),
    },
  ];
  for (const c of cases) {
    for (const caller of CALLERS) {
      it(`${c.name} as ${caller} -> ${c.expected[caller]}`, async () => {
        const id = (await webhookOfA()).id;
        const response = await call(c.handler(), { method: c.method, path: c.path(id), params: { id }, body: c.body, caller: callers[caller] });
        expect(response.status).toBe(c.expected[caller]);
        if (response.status >= 400) expect(response.headers.get("content-type")).toBe("application/problem+json");
        if (caller !== "none") expect(response.headers.get("ratelimit-limit")).toBeTruthy();
        await engine().db.webhook.deleteMany({}); // stay under the per-organization limit
      });
    }
  }
});

describe("webhook routes: what leaves", () => {
  it("shows the secret once, at creation, and never in reads; audits create and delete", async () => {
    const created = await call(h(webhooksRoute.POST), {
      method: "POST",
      path: "/api/v1/webhooks",
      body: { ...body, description: "ops alerts" },
      caller: callers.owner,
    });
    expect(created.status).toBe(201);
    const view = webhookCreatedViewSchema.parse(await created.json());
    expect(view.secret).toMatch(/^whsec_[\w-]{43}$/);
    expect(view).toMatchObject({ url: "http://127.0.0.1:9/hooks", eventTypes: ["link.available", "link.failed"], description: "ops alerts", isEnabled: true });
    expect(created.headers.get("location")).toBe(`/api/v1/webhooks/${view.id}`);

    const one = await call(h(webhookRoute.GET), { method: "GET", path: `/api/v1/webhooks/${view.id}`, params: { id: view.id }, caller: callers.member });
    const oneText = await one.text();
    expect(webhookViewSchema.strict().parse(JSON.parse(oneText))).toMatchObject({ id: view.id });
    expect(oneText).not.toContain(view.secret);
    expect(oneText).not.toContain("secret");
    const list = await call(h(webhooksRoute.GET), { method: "GET", path: "/api/v1/webhooks", caller: callers.readOnly });
    const listText = await list.text();
    expect(webhookPageSchema.parse(JSON.parse(listText)).data.map((w) => w.id)).toContain(view.id);
    expect(listText).not.toContain("secret");

    const deleted = await call(h(webhookRoute.DELETE), {
      method: "DELETE",
      path: `/api/v1/webhooks/${view.id}`,
      params: { id: view.id },
      caller: callers.owner,
    });
    expect(deleted.status).toBe(204);
    const gone = await call(h(webhookRoute.GET), { method: "GET", path: `/api/v1/webhooks/${view.id}`, params: { id: view.id }, caller: callers.owner });
    expect(gone.status).toBe(404);
    const audit = await engine().db.auditLog.findMany({ where: { targetType: "webhook", targetId: view.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["webhook.create", "webhook.delete"]);
    expect(JSON.stringify(audit)).not.toContain(view.secret);
  });

  it.each([
    ["a missing url", { eventTypes: ["link.available"] }, "url"],
    ["a relative url", { url: "/hooks", eventTypes: ["link.available"] }, "url"],
    ["an ftp url", { url: "ftp://127.0.0.1/hooks", eventTypes: ["link.available"] }, "url"],
    ["credentials in the url", { url: "http://u:p@127.0.0.1/hooks", eventTypes: ["link.available"] }, "url"],
    ["no event types", { url: "http://127.0.0.1/hooks", eventTypes: [] }, "eventTypes"],
    ["an unknown event type", { url: "http://127.0.0.1/hooks", eventTypes: ["link.exploded"] }, "eventTypes.0"],
    ["an unknown field", { url: "http://127.0.0.1/hooks", eventTypes: ["link.available"], secret: "mine" }, "body"],
  ])("answers %s with 422 naming the field", async (_, bad, field) => {
    const response = await call(h(webhooksRoute.POST), { method: "POST", path: "/api/v1/webhooks", body: bad, caller: callers.owner });
    expect(response.status).toBe(422);
    const problem = await response.json();
    expect(problem).toMatchObject({ code: "validation_failed", status: 422 });
    expect(problem.invalidParams.map((p: { name: string }) => p.name)).toEqual([field]);
  });

  it("refuses a session write from another site (CSRF)", async () => {
    const response = await call(h(webhooksRoute.POST), {
      method: "POST",
      path: "/api/v1/webhooks",
      body,
      caller: callers.owner,
      headers: { origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
  });

  it("pages the delivery log newest first without duplicates, and filters by status", async () => {
    const webhook = await webhookOfA();
    for (let i = 0; i < 5; i++) await registerSomeLink(engine(), orgA.ctx);
    await dispatchWebhookEvents({ ctx: jobCtx(engine()) });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/api/v1/webhooks/${webhook.id}/deliveries?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const response = await call(h(deliveriesRoute.GET), { method: "GET", path, params: { id: webhook.id }, caller: callers.readOnly });
      expect(response.status).toBe(200);
      const page = webhookDeliveryPageSchema.parse(await response.json());
      seen.push(...page.data.map((d) => d.id));
      expect(page.data.every((d) => d.status === "pending" && d.eventType === "link.verifying")).toBe(true);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const delivered = await call(h(deliveriesRoute.GET), {
      method: "GET",
      path: `/api/v1/webhooks/${webhook.id}/deliveries?status=delivered`,
      params: { id: webhook.id },
      caller: callers.owner,
    });
    expect(webhookDeliveryPageSchema.parse(await delivered.json()).data).toEqual([]);
    const bad = await call(h(deliveriesRoute.GET), {
      method: "GET",
      path: `/api/v1/webhooks/${webhook.id}/deliveries?limit=0&cursor=nope`,
      params: { id: webhook.id },
      caller: callers.owner,
    });
    expect(bad.status).toBe(422);
    const junkCursor = await call(h(deliveriesRoute.GET), {
      method: "GET",
      path: `/api/v1/webhooks/${webhook.id}/deliveries?cursor=nope`,
      params: { id: webhook.id },
      caller: callers.owner,
    });
    expect(await junkCursor.json()).toMatchObject({ status: 422, invalidParams: [{ name: "cursor" }] });
  });

  it("answers 404 for ids that are not uuids", async () => {
    const response = await call(h(webhookRoute.GET), {
      method: "GET",
      path: "/api/v1/webhooks/not-a-uuid",
      params: { id: "not-a-uuid" },
      caller: callers.owner,
    });
    expect(response.status).toBe(404);
  });
});

describe("webhook routes: Idempotency-Key", () => {
  it("replays a create with the same key and body, and refuses the key with another body", async () => {
    const send = (payload: unknown) =>
      call(h(webhooksRoute.POST), {
        method: "POST",
        path: "/api/v1/webhooks",
        body: payload,
        caller: callers.writeKey,
        headers: { "idempotency-key": "create-hook-1" },
      });
    const before = await engine().db.webhook.count({ where: { organizationId: orgA.org.id } });
    const first = await send(body);
    expect(first.status).toBe(201);
    const created = (await first.json()) as Record<string, unknown>;
    expect(webhookCreatedViewSchema.parse(created).secret).toMatch(/^whsec_/);
    const again = await send(body);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotency-replayed")).toBe("true");
    // The signing secret is shown once: the replay has the same webhook without it (issue 26, finding 7).
    expect(await again.json()).toEqual({ ...created, secret: null, secretAlreadyShown: true });
    expect(await engine().db.webhook.count({ where: { organizationId: orgA.org.id } })).toBe(before + 1);
    const changed = await send({ ...body, eventTypes: ["link.deleted"] });
    expect(changed.status).toBe(422);
  });
});
