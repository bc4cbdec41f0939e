import { describe, expect, it } from "vitest";
import { ApiProblemError, createApiClient } from "@/lib/api/client";

function fakeFetch(answer: { status: number; body?: unknown }) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

describe("typed API client", () => {
  it("fills the path, query, body, key and Idempotency-Key from the operation", async () => {
    const { calls, fetchImpl } = fakeFetch({ status: 201, body: { id: "x" } });
    const client = createApiClient({ baseUrl: "http://127.0.0.1:3000/", apiKey: "plk_a", fetch: fetchImpl });
    await client.call("createLink", { body: { name: "db", serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", region: "us-east-1" }, idempotencyKey: "k1" });
    await client.call("listLinks", { query: { limit: 5, state: "available" } });
    await client.call("getLink", { params: { id: "a b" } });
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      "POST http://127.0.0.1:3000/api/v1/links",
      "GET http://127.0.0.1:3000/api/v1/links?limit=5&state=available",
      "GET http://127.0.0.1:3000/api/v1/links/a%20b",
    ]);
    expect(calls[0]!.init.headers).toMatchObject({ authorization: "Bearer plk_a", "idempotency-key": "k1", "content-type": "application/json" });
  });

  it("throws the problem of a 4xx", async () => {
    const problem = { type: "t", title: "Not found", status: 404, detail: "No link x.", code: "not_found", requestId: "r" };
    const client = createApiClient({ baseUrl: "http://127.0.0.1:3000", apiKey: "plk_a", fetch: fakeFetch({ status: 404, body: problem }).fetchImpl });
    await expect(client.call("getLink", { params: { id: "x" } })).rejects.toBeInstanceOf(ApiProblemError);
    await expect(client.call("getLink", { params: { id: "x" } })).rejects.toMatchObject({ problem: { code: "not_found" } });
  });
});
