import { readFileSync } from "node:fs";
import { METHODS } from "node:http";
import { expect, test } from "@playwright/test";
import { send, type Answer } from "./raw-http";

/**
 * The API at the HTTP level, on the production server: what only a real server shows. Every
 * answer under /api/v1, to any path and any method, is problem+json (405 with Allow); a malformed
 * percent-escape is an ordinary 4xx; Node's own parser errors are problem+json; bodies stop being
 * read at 64 KiB and a body that never arrives does not hold the request.
 */

/** A demo organization's API key, from what `npm start` wrote for the end-to-end server. */
const demoKey = () =>
  (JSON.parse(readFileSync(".data/demo-credentials.json", "utf8")) as { apiKeys: { organization: string | null; key: string }[] }).apiKeys.find(
    (k) => k.organization,
  )!.key;

function expectProblem(answer: Answer, status: number, code?: string) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers["content-type"]).toBe("application/problem+json");
  expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  const problem = answer.json();
  expect(problem).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String), requestId: expect.any(String) });
  if (code) expect(problem.code).toBe(code);
  return problem;
}

test("every path of the OpenAPI document answers every method without a 5xx, and 4xx as problem+json", async ({ request }) => {
  const document = (await (await request.get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  const methods = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "TRACE", "TRACK", "PROPFIND", "SEARCH", "LOCK"];
  let checked = 0;
  for (const [template, operations] of Object.entries(document.paths)) {
    const allowed = Object.keys(operations).map((m) => m.toUpperCase());
    for (const id of [crypto.randomUUID(), "%ZZ", "%E0%A4%A", "..%2F..", "%00"]) {
      const path = template.replace("{id}", id);
      for (const method of methods) {
        const answer = await send({
          method,
          path,
          headers: method === "POST" || method === "PATCH" ? { "content-type": "application/json" } : {},
          body: method === "POST" || method === "PATCH" ? "{}" : undefined,
        });
        checked += 1;
        expect(answer.status, `${method} ${path}`).toBeLessThan(500);
        if (method === "HEAD" || answer.status < 400) continue;
        expectProblem(answer, answer.status);
        if (!METHODS.includes(method))
          expect(answer.status, `${method} ${path}`).toBe(400); // Node's parser knows no such method
        else if (!allowed.includes(method) && method !== "OPTIONS") {
          expect(answer.status, `${method} ${path}`).toBe(405);
          const allow = String(answer.headers.allow).split(", ").sort();
          expect(allow, `${method} ${path}`).toEqual([...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].sort());
        }
      }
      if (!template.includes("{id}")) break;
    }
  }
  expect(checked).toBeGreaterThan(500);
});

test("a malformed percent-escape in a path id is a 4xx problem, with or without a key", async () => {
  expectProblem(await send({ path: "/api/v1/links/%ZZ" }), 401, "unauthenticated");
  const problem = expectProblem(await send({ path: "/api/v1/links/%ZZ", headers: { authorization: `Bearer ${demoKey()}` } }), 404, "not_found");
  expect(problem.detail).toBe("No link %ZZ.");
});

test("unknown paths, odd methods and Server Action headers under /api/v1 are problem+json", async () => {
  for (const method of ["GET", "POST", "DELETE", "OPTIONS"]) expectProblem(await send({ method, path: "/api/v1/nope/deeper" }), 404, "not_found");
  expectProblem(
    await send({
      method: "POST",
      path: "/api/v1/nope",
      headers: { "next-action": "0123456789abcdef0123456789abcdef01234567", "content-type": "text/plain;charset=UTF-8" },
      body: "[]",
    }),
    404,
  );
  const trace = expectProblem(await send({ method: "TRACE", path: "/api/v1/links" }), 405, "method_not_allowed");
  expect(trace.detail).toMatch(/^TRACE is not allowed here/);
  expectProblem(await send({ method: "FOO", path: "/api/v1/links" }), 400, "bad_request"); // refused by Node's parser
  expectProblem(await send({ path: "/api/v1/links", headers: { "x-big": "a".repeat(20_000) } }), 431, "headers_too_large");
});

test.describe("bodies", () => {
  const targets: { path: string; type: string; headers?: Record<string, string>; withKey?: boolean }[] = [
    { path: "/api/v1/sign-up", type: "application/json" },
    { path: "/api/v1/webhooks", type: "application/json", headers: { "idempotency-key": "big-body" }, withKey: true },
    { path: "/api/auth/callback/credentials", type: "application/x-www-form-urlencoded" },
  ];
  for (const { path, type, headers = {}, withKey = false } of targets) {
    const headersOf = () => ({ ...headers, "content-type": type, ...(withKey ? { authorization: `Bearer ${demoKey()}` } : {}) });

    test(`${path}: a declared length over 64 KiB is a 413 at once, without waiting for the body`, async () => {
      const answer = await send({ method: "POST", path, headers: { ...headersOf(), "content-length": "1000000000" }, body: '{"a":1}', complete: false });
      expectProblem(answer, 413, "payload_too_large");
    });

    test(`${path}: a streamed body stops being read at 64 KiB`, async () => {
      const answer = await send({ method: "POST", path, headers: headersOf(), endless: true });
      expectProblem(answer, 413, "payload_too_large");
      expect(answer.bodyBytesSent).toBeLessThan(32 * 1024 * 1024); // of 256 MiB offered
    });
  }

  test("a body shorter than its Content-Length is a 408 problem, not a request left hanging", async () => {
    const answer = await send({
      method: "POST",
      path: "/api/v1/sign-up",
      headers: { "content-type": "application/json", "content-length": "100" },
      body: '{"a":1}',
      complete: false,
    });
    expectProblem(answer, 408, "request_timeout");
  });
});
