import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createKey } from "../fixtures/callers";
import { withAppDatabase } from "../fixtures/database";
import { call, getOpenApi, HANDLERS } from "./api-helpers";
import { expectDocumented, openApiDocument } from "./openapi-check";

const db = withAppDatabase();

type RouteModule = Record<string, (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>>;

/** Route files under app/api/v1 (the catch-all aside) as OpenAPI path templates, and the methods each allows, as its OPTIONS answer says. */
async function routeFiles(dir = "app/api/v1"): Promise<{ path: string; methods: string[] }[]> {
  const found: { path: string; methods: string[] }[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (entry === "[...path]") continue;
    if (statSync(full).isDirectory()) found.push(...(await routeFiles(full)));
    else if (entry === "route.ts") {
      const routeModule = (await import(path.resolve(full))) as RouteModule;
      const options = await routeModule.OPTIONS!(new Request("http://localhost/", { method: "OPTIONS" }), { params: Promise.resolve({}) });
      const methods = (options.headers.get("allow") ?? "")
        .split(", ")
        .filter((m) => !["HEAD", "OPTIONS"].includes(m))
        .map((m) => m.toLowerCase());
      found.push({
        path: `/${path
          .dirname(full)
          .replace(/^app\//, "")
          .replaceAll("\\", "/")
          .replace(/\[(\w+)\]/g, "{$1}")}`,
        methods,
      });
    }
  }
  return found;
}

describe("OpenAPI document", () => {
  it("is served at /api/v1/openapi.json as OpenAPI 3.1 without authentication", async () => {
    const response = await call(getOpenApi, { method: "GET", path: "/api/v1/openapi.json" });
    expect(response.status).toBe(200);
    const served = await response.json();
    expect(served.openapi).toBe("3.1.0");
    expect(served.paths).toEqual(openApiDocument.paths);
  });

  it("lists every route file's methods (the public ones aside: sign-up, the sign-in step's passkey options, the document itself, an invitation link's, SSO discovery, a mailed link's), each with a handler", async () => {
    const own = (await routeFiles()).filter(
      (r) => !/\/(sign-up|sign-in|openapi\.json|invitations\/accept|sso\/discover|unsubscribe|password-resets|email-verifications)(\/|$)/.test(r.path),
    );
    expect(own.length).toBeGreaterThanOrEqual(12);
    for (const route of own) {
      const documented = openApiDocument.paths[route.path];
      expect(documented, route.path).toBeDefined();
      expect(Object.keys(documented!).sort(), route.path).toEqual([...route.methods].sort());
    }
    for (const methods of Object.values(openApiDocument.paths)) {
      for (const op of Object.values(methods) as { operationId: string; responses: Record<string, unknown> }[]) {
        expect(HANDLERS[op.operationId], op.operationId).toBeDefined();
        expect(Object.keys(op.responses)).toContain("401");
      }
    }
  });

  it("documents the webhook routes' answers too", async () => {
    const organizationId = (await db().organization.create({ data: { slug: "hooks", name: "Hooks", plan: "team" } })).id;
    const caller = { key: (await createKey({ organizationId })).key };
    const created = await call(HANDLERS.createWebhook!, {
      method: "POST",
      path: "/api/v1/webhooks",
      body: { url: "http://127.0.0.1:9/hook", eventTypes: ["link.available"] },
      caller,
    });
    expect(created.status).toBe(201);
    const { id } = (await expectDocumented("createWebhook", created)) as { id: string };
    await expectDocumented("listWebhooks", await call(HANDLERS.listWebhooks!, { method: "GET", path: "/api/v1/webhooks", caller }));
    await expectDocumented("getWebhook", await call(HANDLERS.getWebhook!, { method: "GET", path: `/api/v1/webhooks/${id}`, params: { id }, caller }));
    const deliveries = await call(HANDLERS.listWebhookDeliveries!, {
      method: "GET",
      path: `/api/v1/webhooks/${id}/deliveries?limit=5`,
      params: { id },
      caller,
    });
    await expectDocumented("listWebhookDeliveries", deliveries);
    const bad = await call(HANDLERS.createWebhook!, { method: "POST", path: "/api/v1/webhooks", body: { url: 5 }, caller });
    await expectDocumented("createWebhook", bad);
    const deleted = await call(HANDLERS.deleteWebhook!, { method: "DELETE", path: `/api/v1/webhooks/${id}`, params: { id }, caller });
    expect(deleted.status).toBe(204);
    expect(Object.keys((openApiDocument.paths["/api/v1/webhooks/{id}"] as { delete: { responses: object } }).delete.responses)).toContain("204");
  });

  it("catches an answer that does not match (the validator is not vacuous)", async () => {
    const wrong = new Response(JSON.stringify({ data: [{ id: "not-a-uuid" }], nextCursor: 5 }), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
    await expect(expectDocumented("listLinks", wrong)).rejects.toThrow(/does not match/);
    const undocumented = new Response("{}", { status: 418, headers: { "content-type": "application/json" } });
    await expect(expectDocumented("listLinks", undocumented)).rejects.toThrow(/does not list/);
  });
});
