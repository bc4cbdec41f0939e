import { beforeAll, describe, expect, it } from "vitest";
import { route } from "@/lib/api/route";

beforeAll(() => {
  process.env.LOG_LEVEL = "silent";
});

async function answerTo(error: unknown): Promise<Response> {
  const handler = route(async () => {
    throw error;
  });
  return handler(new Request("http://portal.test/api/v1/links", { method: "POST" }), { params: Promise.resolve({}) });
}

describe("route() and unexpected errors", () => {
  it("answers 503 with Retry-After when the database cannot be reached", async () => {
    const unreachable = Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" });
    const response = await answerTo(unreachable);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({ code: "not_ready", detail: expect.stringContaining("database") });
  });

  it("answers any other unexpected error with a generic 500 and no Retry-After", async () => {
    const response = await answerTo(Object.assign(new Error("unique constraint"), { code: "P2002" }));
    expect(response.status).toBe(500);
    expect(response.headers.get("retry-after")).toBeNull();
    expect(await response.json()).toMatchObject({ code: "internal" });
  });
});
