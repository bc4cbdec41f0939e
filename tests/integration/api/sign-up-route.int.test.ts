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
  it("creates the account: 202 saying to sign in, with no id and never the hash", async () => {
    const response = await post(JSON.stringify(good));
    expect(response.status).toBe(202);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(await response.json()).toEqual({ email: "rita@example.com", next: "sign_in" });
    expect(await db().organization.findUniqueOrThrow({ where: { slug: "rita-s-routers" } })).toMatchObject({ name: "Rita's Routers" });
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

  it("answers an address that has an account exactly as a new one, and changes nothing", async () => {
    const answerOf = async (response: Response) => ({ status: response.status, headers: [...response.headers.keys()].sort(), body: await response.text() });
    const first = await answerOf(await post(JSON.stringify({ ...good, email: "twice@example.com" })));
    const user = await db().user.findUniqueOrThrow({ where: { email: "twice@example.com" } });
    const before = await Promise.all([db().user.count(), db().organization.count(), db().membership.count()]);

    const again = await answerOf(
      await post(JSON.stringify({ ...good, email: "TWICE@example.com", password: "another-long-password", organizationName: "Other" })),
    );
    expect(again).toEqual(first);
    expect(JSON.parse(again.body)).toEqual({ email: "twice@example.com", next: "sign_in" });
    expect(await Promise.all([db().user.count(), db().organization.count(), db().membership.count()])).toEqual(before);
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(user);
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
