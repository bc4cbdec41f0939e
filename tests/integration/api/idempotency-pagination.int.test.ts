import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createOrganizationWithKey, withLinkEngine } from "../fixtures/app";
import { createKey } from "../fixtures/callers";
import { call, HANDLERS } from "./api-helpers";
import { expectDocumented } from "./openapi-check";

const { engine } = withLinkEngine();
let key = "";
let otherKey = "";
let organizationId = "";
let counter = 0;
const service = () => `com.amazonaws.vpce.us-east-1.vpce-svc-${(++counter).toString(16).padStart(17, "b")}`;

beforeAll(async () => {
  const created = await createOrganizationWithKey({ linkQuota: 5000 });
  organizationId = created.org.id;
  key = created.key;
  otherKey = (await createKey({ organizationId })).key;
});

const createLink = (body: unknown, idempotencyKey?: string, callerKey = key) =>
  call(HANDLERS.createLink!, {
    method: "POST",
    path: "/api/v1/links",
    body,
    caller: { key: callerKey },
    headers: idempotencyKey ? { "idempotency-key": idempotencyKey } : {},
  });

describe("Idempotency-Key", () => {
  it("replays the stored answer for the same key and body, creating one link", async () => {
    const body = { name: "orders", serviceName: service(), region: "us-east-1" };
    const first = await createLink(body, "create-orders-1");
    expect(first.status).toBe(201);
    const created = (await expectDocumented("createLink", first)) as { id: string };
    expect(first.headers.get("location")).toBe(`/api/v1/links/${created.id}`);
    const again = await createLink(body, "create-orders-1");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotency-replayed")).toBe("true");
    expect(await again.json()).toEqual(created);
    expect(await engine().db.link.count({ where: { serviceName: body.serviceName } })).toBe(1);
  });

  it("refuses the same key with another body (422), and keeps keys per principal", async () => {
    const body = { name: "billing", serviceName: service(), region: "us-east-1" };
    expect((await createLink(body, "k-2")).status).toBe(201);
    const changed = await createLink({ ...body, name: "billing-2" }, "k-2");
    expect(changed.status).toBe(422);
    expect(await expectDocumented("createLink", changed)).toMatchObject({ code: "idempotency_key_reused", invalidParams: [{ name: "Idempotency-Key" }] });
    // Another key holder may use the same Idempotency-Key for its own request.
    const other = await createLink({ ...body, name: "billing-other", serviceName: service() }, "k-2", otherKey);
    expect(other.status).toBe(201);
  });

  it("releases the key when the request fails, so a corrected retry runs", async () => {
    const bad = await createLink({ name: "x", serviceName: service(), region: "ap-south-1" }, "k-3");
    expect(bad.status).toBe(422);
    const body = { name: "x", serviceName: service(), region: "us-east-1" };
    expect((await createLink(body, "k-3")).status).toBe(201);
  });

  it("answers concurrent duplicates once: one 201, the others replays or 409 while it runs", async () => {
    const body = { name: "burst", serviceName: service(), region: "us-east-1" };
    const answers = await Promise.all(Array.from({ length: 8 }, () => createLink(body, "k-burst")));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(await engine().db.link.count({ where: { serviceName: body.serviceName } })).toBe(1);
  });

  it("takes over an expired key after 24 hours", async () => {
    const body = { name: "old", serviceName: service(), region: "us-east-1" };
    expect((await createLink(body, "k-old")).status).toBe(201);
    await engine().db.idempotencyKey.updateMany({ where: { key: "k-old" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const reused = await createLink({ ...body, name: "old-again", serviceName: service() }, "k-old");
    expect(reused.status).toBe(201);
    expect(reused.headers.get("idempotency-replayed")).toBeNull();
  });

  it("refuses malformed keys with 400", async () => {
    const response = await createLink({ name: "x", serviceName: service(), region: "us-east-1" }, "x".repeat(300));
    expect(response.status).toBe(400);
    await expectDocumented("createLink", response);
  });
});

describe("cursor pagination", () => {
  it("walks every link exactly once while links are being added", async () => {
    const { org } = await createOrganization({ linkQuota: 5000 });
    const pageKey = (await createKey({ organizationId: org.id, scopes: ["read", "write"] })).key;
    const before: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      const response = await createLink({ name: `l${i}`, serviceName: service(), region: "us-east-1" }, undefined, pageKey);
      before.push(((await response.json()) as { id: string }).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let added = 0;
    do {
      const query: string = `?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const response = await call(HANDLERS.listLinks!, { method: "GET", path: `/api/v1/links${query}`, caller: { key: pageKey } });
      expect(response.status).toBe(200);
      const page = (await expectDocumented("listLinks", response)) as { data: { id: string }[]; nextCursor: string | null };
      seen.push(...page.data.map((l) => l.id));
      cursor = page.nextCursor;
      // New links arrive between pages (newest first, so they sort before the cursor).
      await Promise.all([0, 1].map(() => createLink({ name: `new${added++}`, serviceName: service(), region: "us-east-1" }, undefined, pageKey)));
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...before].sort());
  });

  it("filters by state and region, and refuses a forged cursor with 422 naming it", async () => {
    const filtered = await call(HANDLERS.listLinks!, { method: "GET", path: "/api/v1/links?state=verifying&region=us-east-1&limit=100", caller: { key } });
    const page = (await expectDocumented("listLinks", filtered)) as { data: { state: string; organizationId: string }[] };
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data.every((l) => l.state === "verifying" && l.organizationId === organizationId)).toBe(true);
    const none = await call(HANDLERS.listLinks!, { method: "GET", path: "/api/v1/links?state=available", caller: { key } });
    expect(((await none.json()) as { data: unknown[] }).data).toEqual([]);
    const forged = await call(HANDLERS.listLinks!, { method: "GET", path: "/api/v1/links?cursor=bm9wZQ", caller: { key } });
    expect(forged.status).toBe(422);
    expect(await expectDocumented("listLinks", forged)).toMatchObject({ invalidParams: [{ name: "cursor" }] });
    const bad = await call(HANDLERS.listLinks!, { method: "GET", path: "/api/v1/links?limit=1000&state=nope", caller: { key } });
    expect(((await bad.json()) as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name).sort()).toEqual(["limit", "state"]);
  });

  it("leaves deleted links out unless includeDeleted=true or state=deleted asks for them", async () => {
    const created = (await (await createLink({ name: "gone-soon", serviceName: service(), region: "us-east-1" })).json()) as { id: string };
    // Deleted as the engine leaves a link once its endpoint is gone (the way there is lifecycle-routes' test).
    await engine().db.link.update({ where: { id: created.id }, data: { state: "deleted" } });
    const ids = async (query: string) => {
      const response = await call(HANDLERS.listLinks!, { method: "GET", path: `/api/v1/links?limit=100&q=gone-soon${query}`, caller: { key } });
      return ((await expectDocumented("listLinks", response)) as { data: { id: string }[] }).data.map((link) => link.id);
    };
    expect(await ids("")).not.toContain(created.id);
    expect(await ids("&includeDeleted=false")).not.toContain(created.id);
    expect(await ids("&includeDeleted=true")).toContain(created.id);
    expect(await ids("&state=deleted")).toEqual([created.id]);
    const bad = await call(HANDLERS.listLinks!, { method: "GET", path: "/api/v1/links?includeDeleted=yes", caller: { key } });
    expect(await expectDocumented("listLinks", bad)).toMatchObject({ status: 422, invalidParams: [{ name: "includeDeleted" }] });
  });

  it("refuses a link cursor on another list, or on the same list with other filters", async () => {
    const first = await call(HANDLERS.listLinks!, { method: "GET", path: "/api/v1/links?limit=1&region=us-east-1", caller: { key } });
    const cursor = encodeURIComponent(((await first.json()) as { nextCursor: string }).nextCursor);
    const same = await call(HANDLERS.listLinks!, { method: "GET", path: `/api/v1/links?limit=1&region=us-east-1&cursor=${cursor}`, caller: { key } });
    expect(same.status).toBe(200);
    const otherFilter = await call(HANDLERS.listLinks!, { method: "GET", path: `/api/v1/links?limit=1&cursor=${cursor}`, caller: { key } });
    expect(otherFilter.status).toBe(422);
    for (const [op, path] of [
      ["listWebhooks", "/api/v1/webhooks"],
      ["listAwsAccounts", "/api/v1/aws-accounts"],
    ] as const) {
      const elsewhere = await call(HANDLERS[op]!, { method: "GET", path: `${path}?cursor=${cursor}`, caller: { key } });
      expect(elsewhere.status, path).toBe(422);
      expect(await expectDocumented(op, elsewhere)).toMatchObject({ invalidParams: [{ name: "cursor" }] });
    }
  });
});
