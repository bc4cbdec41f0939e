import { beforeAll, describe, expect, it } from "vitest";
import { createKey, createUser } from "../fixtures/callers";
import { withAppDatabase } from "../fixtures/database";
import { call, HANDLERS } from "./api-helpers";
import { expectDocumented } from "./openapi-check";

/**
 * GET /api/v1/links and /api/v1/links/{id} by API key run the read inside the statement that
 * admits the key (lib/api/rate-limits.ts admit): everything admission decides still holds.
 */

const db = withAppDatabase();
const orgs: { id: string; linkId: string }[] = [];

beforeAll(async () => {
  for (const slug of ["reads-a", "reads-b"]) {
    const org = await db().organization.create({ data: { slug, name: slug, plan: "team" } });
    const link = await db().link.create({
      data: {
        organizationId: org.id,
        name: `${slug}-db`,
        serviceName: `com.amazonaws.vpce.us-east-1.vpce-svc-${slug === "reads-a" ? "0a" : "0b"}${"0".repeat(15)}`,
        serviceRegion: "us-east-1",
        region: "us-east-1",
        ports: [5432],
        state: "available",
      },
    });
    orgs.push({ id: org.id, linkId: link.id });
    if (slug === "reads-a") {
      // An older second link, so the first page of two has a next cursor.
      await db().link.create({
        data: {
          ...link,
          id: undefined,
          name: "reads-a-old",
          serviceName: `${link.serviceName.slice(0, -1)}1`,
          createdAt: new Date(Date.now() - 60_000),
          checks: [],
          dnsNames: {},
          endpointAddresses: [],
          probeTargets: [],
          probeDiagnosis: [],
        },
      });
    }
  }
});

const list = (key: string, query = "") => call(HANDLERS.listLinks!, { method: "GET", path: `/api/v1/links${query}`, caller: { key } });
const one = (key: string, id: string) => call(HANDLERS.getLink!, { method: "GET", path: `/api/v1/links/${id}`, params: { id }, caller: { key } });
const counters = async (keyId: string, organizationId: string) =>
  Promise.all([`api:key:${keyId}`, `api:org:${organizationId}`].map(async (key) => (await db().rateLimit.findUnique({ where: { key } }))?.count ?? 0));

describe("reads by API key", () => {
  it("answer the key's organization only, as documented, counting each request on both counters and setting lastUsedAt", async () => {
    const [a, b] = orgs as [(typeof orgs)[0], (typeof orgs)[0]];
    const { key, id } = await createKey({ organizationId: a.id, scopes: ["read"] });
    const before = await counters(id, a.id);

    const page = (await expectDocumented("listLinks", await list(key))) as { data: { id: string; allowedActions: string[] }[] };
    expect(page.data.map((link) => link.id)).toEqual([a.linkId, expect.any(String)]);
    expect(page.data[0]!.allowedActions).toEqual([]);
    expect(await expectDocumented("getLink", await one(key, a.linkId))).toMatchObject({ id: a.linkId, organizationId: a.id });
    const other = await one(key, b.linkId);
    expect(other.status).toBe(404);
    expect(other.headers.get("content-type")).toBe("application/problem+json");

    const after = await counters(id, a.id);
    expect(after).toEqual(before.map((count) => count + 3));
    expect((await db().apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
  });

  it("refuse a revoked key with a 401 and count nothing for it", async () => {
    const [a] = orgs as [(typeof orgs)[0]];
    const { key, id } = await createKey({ organizationId: a.id });
    expect((await list(key)).status).toBe(200);
    await db().apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    const counted = await counters(id, a.id);

    for (const response of [await list(key), await one(key, a.linkId)]) {
      expect(response.status).toBe(401);
      expect(((await response.json()) as { code: string }).code).toBe("invalid_credentials");
    }
    expect(await counters(id, a.id)).toEqual(counted);
  });

  it("answer 401 before any 422 or 404 of the request itself, and those after a valid key", async () => {
    const [a] = orgs as [(typeof orgs)[0]];
    const { key, id } = await createKey({ organizationId: a.id });
    await db().apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    expect((await list(key, "?limit=0")).status).toBe(401);
    expect((await list(key, "?cursor=garbled")).status).toBe(401);
    expect((await one(key, "not-a-uuid")).status).toBe(401);

    const valid = await createKey({ organizationId: a.id });
    expect((await list(valid.key, "?limit=0")).status).toBe(422);
    expect((await list(valid.key, "?cursor=garbled")).status).toBe(422);
    expect((await one(valid.key, "not-a-uuid")).status).toBe(404);
    // A cursor of another list (other filters) is refused as before; of this list, it pages on.
    const first = (await (await list(valid.key, "?limit=1&state=available")).json()) as { nextCursor: string };
    const replayed = await list(valid.key, `?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`);
    expect(replayed.status).toBe(422);
    expect(((await replayed.json()) as { invalidParams: { name: string }[] }).invalidParams).toEqual([expect.objectContaining({ name: "cursor" })]);
    const next = await list(valid.key, `?limit=1&state=available&cursor=${encodeURIComponent(first.nextCursor)}`);
    expect(((await expectDocumented("listLinks", next)) as { data: unknown[] }).data).toHaveLength(1);
  });

  it("refuse a key without the read scope with a 403", async () => {
    const [a] = orgs as [(typeof orgs)[0]];
    const { key } = await createKey({ organizationId: a.id, scopes: ["write"] });
    expect((await list(key)).status).toBe(403);
    expect((await one(key, a.linkId)).status).toBe(403);
  });

  it("answer a vendor admin's key and session across organizations, and a member's session for their own", async () => {
    const { key } = await createKey({ organizationId: null, isAdmin: true });
    const ids = ((await expectDocumented("listLinks", await list(key, "?limit=100"))) as { data: { id: string }[] }).data.map((link) => link.id);
    for (const org of orgs) {
      expect(ids).toContain(org.linkId);
      expect((await one(key, org.linkId)).status).toBe(200);
    }
    const [a, b] = orgs as [(typeof orgs)[0], (typeof orgs)[0]];
    const { cookie } = await createUser({ organizationId: a.id });
    const bySession = (id: string) => call(HANDLERS.getLink!, { method: "GET", path: `/api/v1/links/${id}`, params: { id }, caller: { cookie } });
    expect((await bySession(a.linkId)).status).toBe(200);
    expect((await bySession(b.linkId)).status).toBe(404);
  });
});
