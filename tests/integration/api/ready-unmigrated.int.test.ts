import { describe, expect, it } from "vitest";
import { GET as ready } from "@/app/api/ready/route";
import { withAppDatabase } from "../fixtures/database";

withAppDatabase({ empty: true });

describe("GET /api/ready on a database without migrations", () => {
  it("answers 503 naming the pending migrations", async () => {
    const response = await ready(new Request("http://localhost/api/ready"), { params: Promise.resolve({}) });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "not_ready", reason: expect.stringMatching(/^migrations not applied: \d{14}_init/) });
  });
});
