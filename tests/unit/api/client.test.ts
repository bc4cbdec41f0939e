import { describe, expect, it } from "vitest";
import { ApiProblemError, createApiClient } from "@/lib/api-client/client";

function fakeFetch(answer: { status: number; body?: unknown }) {
  const calls: { method: string; url: string; headers: Record<string, string>; body: string }[] = [];
  const fetchImpl = (async (request: Request) => {
    calls.push({ method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body: await request.text() });
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { "content-type": "application/json" },
    });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

describe("typed API client (generated from the OpenAPI document)", () => {
  it("fills the path, query, body, key and Idempotency-Key from the operation", async () => {
    const { calls, fetchImpl } = fakeFetch({ status: 201, body: { id: "x" } });
    const client = createApiClient({ baseUrl: "http://127.0.0.1:3000/", apiKey: "plk_a", fetch: fetchImpl });
    const body = { name: "db", serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", region: "us-east-1" };
    await client.POST("/api/v1/links", { body, params: { header: { "Idempotency-Key": "k1" } } });
    await client.GET("/api/v1/links", { params: { query: { limit: 5, state: "available" } } });
    await client.GET("/api/v1/links/{id}", { params: { path: { id: "a b" } } });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "POST http://127.0.0.1:3000/api/v1/links",
      "GET http://127.0.0.1:3000/api/v1/links?limit=5&state=available",
      "GET http://127.0.0.1:3000/api/v1/links/a%20b",
    ]);
    expect(calls[0]!.headers).toMatchObject({ authorization: "Bearer plk_a", "idempotency-key": "k1", "content-type": "application/json" });
    expect(JSON.parse(calls[0]!.body)).toEqual(body);
  });

  it("throws the problem of a 4xx", async () => {
    const problem = { type: "t", title: "Not found", status: 404, detail: "No link x.", code: "not_found", requestId: "r", instance: "/api/v1/links/x" };
    const client = createApiClient({ baseUrl: "http://127.0.0.1:3000", apiKey: "plk_a", fetch: fakeFetch({ status: 404, body: problem }).fetchImpl });
    await expect(client.GET("/api/v1/links/{id}", { params: { path: { id: "x" } } })).rejects.toBeInstanceOf(ApiProblemError);
    await expect(client.GET("/api/v1/links/{id}", { params: { path: { id: "x" } } })).rejects.toMatchObject({ problem: { code: "not_found" } });
  });
});
