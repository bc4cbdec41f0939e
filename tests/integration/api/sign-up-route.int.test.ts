import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/sign-up/route";
import { GET as ready } from "@/app/api/ready/route";
import { GET as health } from "@/app/api/health/route";
import { withAppDatabase } from "../fixtures/database";

const db = withAppDatabase();
const noParams = { params: Promise.resolve({}) };

function post(body: string, contentType = "application/json") {
  return POST(new Request("http://localhost/api/v1/sign-up", { method: "POST", headers: { "content-type": contentType }, body }), noParams);
}
const good = { name: "Rita", email: "rita@example.com", password: "a-long-enough-pass", organizationName: "Rita's Routers" };

describe("POST /api/v1/sign-up", () => {
  it("creates the account: 201 with the user and organization, never the hash", async () => {
    const response = await post(JSON.stringify(good));
    expect(response.status).toBe(201);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const body = await response.json();
    expect(body).toMatchObject({ user: { email: "rita@example.com", name: "Rita" }, organization: { slug: "rita-s-routers" } });
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|scrypt/);
  });

  it.each([
    ["a malformed email", { ...good, email: "rita-at-example" }, "email"],
    ["a too-short password", { ...good, email: "short@example.com", password: "short" }, "password"],
    ["a missing organization", { ...good, email: "org@example.com", organizationName: undefined }, "organizationName"],
  ])("answers %s with 422 naming the field, writing nothing", async (_, body, field) => {
    const users = await db().user.count();
    const response = await post(JSON.stringify(body));
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = await response.json();
    expect(problem).toMatchObject({ status: 422, code: "validation_failed", instance: "/api/v1/sign-up", requestId: expect.any(String) });
    expect(problem.invalidParams.map((p: { name: string }) => p.name)).toEqual([field]);
    expect(await db().user.count()).toBe(users);
  });

  it("answers a duplicate with 409 on the email field", async () => {
    await post(JSON.stringify({ ...good, email: "twice@example.com" }));
    const response = await post(JSON.stringify({ ...good, email: "twice@example.com" }));
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: "email_taken", invalidParams: [{ name: "email" }] });
  });

  it.each([
    ["not JSON", "{nope", "application/json", 400, "bad_request"],
    ["a form body", "email=x", "application/x-www-form-urlencoded", 415, "unsupported_media_type"],
    ["an oversized body", JSON.stringify({ ...good, name: "x".repeat(70_000) }), "application/json", 413, "payload_too_large"],
    ["a JSON array", "[]", "application/json", 422, "validation_failed"],
    ["JSON null", "null", "application/json", 422, "validation_failed"],
  ])("answers %s with problem+json", async (_, body, type, status, code) => {
    const response = await post(body, type);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ status, code });
  });
});

describe("health and readiness", () => {
  it("says the process is up and the database is migrated", async () => {
    expect(await (await health(new Request("http://localhost/api/health"), noParams)).json()).toEqual({ status: "ok" });
    const response = await ready(new Request("http://localhost/api/ready"), noParams);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready" });
  });
});
