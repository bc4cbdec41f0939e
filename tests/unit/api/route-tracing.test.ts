import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { route } from "@/lib/api/route";

/** With tracing on, the span Next.js opens for a request carries our request id. */

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
const tracer = provider.getTracer("test");

beforeAll(() => {
  process.env.LOG_LEVEL = "silent";
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterAll(() => context.disable());

async function requestIdOnSpan(headers: Record<string, string>): Promise<unknown> {
  exporter.reset();
  const handler = route(async () => new Response(null, { status: 204 }));
  const response = await tracer.startActiveSpan("GET /api/v1/links", async (span) => {
    try {
      return await handler(new Request("http://portal.test/api/v1/links", { headers }), { params: Promise.resolve({}) });
    } finally {
      span.end();
    }
  });
  await provider.forceFlush();
  const [span] = exporter.getFinishedSpans();
  expect(span!.attributes["request.id"]).toBe(response.headers.get("x-request-id"));
  return span!.attributes["request.id"];
}

describe("route() and traces", () => {
  it("sets request.id on the active span: the caller's id, or the one generated", async () => {
    expect(await requestIdOnSpan({ "x-request-id": "req-42" })).toBe("req-42");
    expect(await requestIdOnSpan({})).toMatch(/^[0-9a-f-]{36}$/);
  });
});
