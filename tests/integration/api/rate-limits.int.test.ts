import { beforeAll, describe, expect, it } from "vitest";
import { createKey } from "../fixtures/callers";
import { withAppDatabase } from "../fixtures/database";
import { call, HANDLERS } from "./api-helpers";
import { expectDocumented } from "./openapi-check";

process.env.API_RATE_LIMIT_PER_MINUTE = "5";
process.env.API_RATE_LIMIT_ORG_PER_MINUTE = "8";

const db = withAppDatabase();
let organizationId = "";

beforeAll(async () => {
  organizationId = (await db().organization.create({ data: { slug: "rate", name: "Rate", plan: "team" } })).id;
});

const list = (key: string) => call(HANDLERS.listLinks!, { method: "GET", path: "/api/v1/links", caller: { key } });

describe("rate limits", () => {
  it("counts per key with RateLimit-* headers, then answers 429 with Retry-After", async () => {
    const { key } = await createKey({ organizationId });
    const remaining: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await list(key);
      expect(response.status).toBe(200);
      expect(response.headers.get("ratelimit-limit")).toBe("5");
      remaining.push(response.headers.get("ratelimit-remaining")!);
    }
    expect(remaining).toEqual(["4", "3", "2", "1", "0"]);
    const limited = await list(key);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    await expectDocumented("listLinks", limited);
  });

  it("also counts per organization, across its keys", async () => {
    const second = await createKey({ organizationId });
    const third = await createKey({ organizationId });
    // 6 requests already counted for the organization (the refused one too); 2 more reach its limit of 8.
    for (let i = 0; i < 2; i += 1) expect((await list(second.key)).status).toBe(200);
    const limited = await list(third.key);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("ratelimit-limit")).toBe("8");
  });

  it("counts nothing for a wrong secret, so knowing a key's prefix cannot burn its limit", async () => {
    const { key, id } = await createKey({ organizationId });
    const wrong = `${key.slice(0, -1)}${key.endsWith("a") ? "b" : "a"}`;
    for (let i = 0; i < 10; i += 1) expect((await list(wrong)).status).toBe(401);
    expect(await db().rateLimit.findUnique({ where: { key: `api:key:${id}` } })).toBeNull();
  });

  it("starts a new window when the old one ends", async () => {
    await db().rateLimit.updateMany({ where: { key: { startsWith: "api:" } }, data: { resetAt: new Date(Date.now() - 1) } });
    const { key } = await createKey({ organizationId });
    expect((await list(key)).status).toBe(200);
  });
});
