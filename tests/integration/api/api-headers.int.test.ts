import { beforeAll, describe, expect, it } from "vitest";
import * as health from "@/app/api/health/route";
import * as sandboxConsole from "@/app/api/sandbox/console/route";
import * as sandboxServices from "@/app/api/sandbox/services/route";
import * as links from "@/app/api/v1/links/route";
import { createOrganizationWithKey, withLinkEngine } from "../fixtures/app";
import { call, HANDLERS, UNKNOWN_PATH, type RouteModule } from "./api-helpers";

/** Every API answer, success or problem+json, carries the API's CSP beside the other security headers (pages keep theirs). */
withLinkEngine();
let key = "";

beforeAll(async () => {
  ({ key } = await createOrganizationWithKey());
});

const API_POLICY = "default-src 'none'; frame-ancestors 'none'";
const route = (module: unknown) => module as RouteModule;

describe("API answers' security headers", () => {
  it.each([
    ["GET /api/v1/links", () => call(HANDLERS.listLinks!, { method: "GET", path: "/api/v1/links", caller: { key } }), 200],
    ["GET /api/health", () => call(route(health).GET, { method: "GET", path: "/api/health" }), 200],
    ["GET /api/v1/links without a key", () => call(HANDLERS.listLinks!, { method: "GET", path: "/api/v1/links" }), 401],
    [
      "POST /api/v1/links with a bad body",
      () => call(HANDLERS.createLink!, { method: "POST", path: "/api/v1/links", body: { name: "" }, caller: { key } }),
      422,
    ],
    ["GET /api/v1/nope", () => call(UNKNOWN_PATH.GET, { method: "GET", path: "/api/v1/nope", params: { path: "nope" } }), 404],
    ["DELETE /api/v1/links", () => call(route(links).DELETE, { method: "DELETE", path: "/api/v1/links", caller: { key } }), 405],
    ["GET /api/sandbox/console signed out", () => call(route(sandboxConsole).GET, { method: "GET", path: "/api/sandbox/console" }), 401],
    ["POST /api/sandbox/services signed out", () => call(route(sandboxServices).POST, { method: "POST", path: "/api/sandbox/services", body: {} }), 401],
  ])("%s: %i with the API's CSP", async (_, answer, status) => {
    const response = await answer();
    expect(response.status).toBe(status);
    expect(response.headers.get("content-security-policy")).toBe(API_POLICY);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    if (status >= 400) expect(response.headers.get("content-type")).toBe("application/problem+json");
  });
});
