import { beforeAll, describe, expect, it } from "vitest";
import { GET as ready } from "@/app/api/ready/route";
import { createTestDatabase } from "../db";

describe("GET /api/ready on a database without migrations", () => {
  beforeAll(async () => {
    process.env.DATABASE_URL = await createTestDatabase({ empty: true });
    process.env.LOG_LEVEL = "silent";
  });

  it("answers 503 naming the pending migrations", async () => {
    const response = await ready(new Request("http://localhost/api/ready"), { params: Promise.resolve({}) });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "not_ready", reason: expect.stringMatching(/^migrations not applied: \d{14}_init/) });
  });
});
