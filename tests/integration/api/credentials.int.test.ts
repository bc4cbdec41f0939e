import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization, withLinkEngine } from "../fixtures/app";
import { callersOf, createKey, createUser, type Caller, type CallerName } from "../fixtures/callers";
import { call, HANDLERS } from "./api-helpers";

/** Keys and sessions as credentials: refused keys, last use, CSRF, the organization a session acts for, admin keys, secrets. */
const { engine } = withLinkEngine();

let callers: Record<CallerName, Caller>;
let orgA = "";
let uniqueService = 1000;
const newService = () => `com.amazonaws.vpce.us-east-1.vpce-svc-${(uniqueService++).toString(16).padStart(17, "a")}`;

beforeAll(async () => {
  const a = await createOrganization({ linkQuota: 1000 });
  const b = await createOrganization({ linkQuota: 1000 });
  orgA = a.org.id;
  callers = await callersOf(orgA, b.org.id);
});

describe("credentials", () => {
  it("refuses malformed, unknown and revoked keys with 401", async () => {
    const { key, id } = await createKey({ organizationId: orgA });
    for (const authorization of [
      "Bearer nope",
      "Basic abc",
      `Bearer ${key.slice(0, -1)}${key.endsWith("x") ? "y" : "x"}`,
      "Bearer plk_AAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
    ]) {
      const response = await call(HANDLERS.listLinks!, { method: "GET", path: "/api/v1/links", headers: { authorization } });
      expect(response.status).toBe(401);
    }
    expect((await call(HANDLERS.listLinks!, { method: "GET", path: "/api/v1/links", caller: { key } })).status).toBe(200);
    const revoked = await call(HANDLERS.revokeApiKey!, { method: "DELETE", path: `/api/v1/api-keys/${id}`, params: { id }, caller: callers.owner });
    expect(revoked.status).toBe(200);
    expect((await call(HANDLERS.listLinks!, { method: "GET", path: "/api/v1/links", caller: { key } })).status).toBe(401);
  });

  it("records when a key was last used, at most once a minute", async () => {
    const db = engine().db;
    const { key, id } = await createKey({ organizationId: orgA });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeNull();
    await call(HANDLERS.listLinks!, { method: "GET", path: "/api/v1/links", caller: { key } });
    const first = (await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await call(HANDLERS.listLinks!, { method: "GET", path: "/api/v1/links", caller: { key } });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(first);
  });

  it("refuses session writes from another origin or without one (CSRF), but not reads", async () => {
    const body = { name: "csrf", serviceName: newService(), region: "us-east-1" };
    const evil = await call(HANDLERS.createLink!, {
      method: "POST",
      path: "/api/v1/links",
      body,
      caller: callers.owner,
      headers: { origin: "https://evil.example" },
    });
    expect(evil.status).toBe(403);
    const crossSite = await call(HANDLERS.createLink!, {
      method: "POST",
      path: "/api/v1/links",
      body,
      caller: { ...callers.owner, headers: { origin: "", "sec-fetch-site": "cross-site" } },
    });
    expect(crossSite.status).toBe(403);
    const sameSite = await call(HANDLERS.createLink!, { method: "POST", path: "/api/v1/links", body, caller: callers.owner });
    expect(sameSite.status).toBe(201);
    const fetchMetadata = await call(HANDLERS.createLink!, {
      method: "POST",
      path: "/api/v1/links",
      body: { ...body, name: "csrf-fetch-metadata", serviceName: newService() },
      caller: { ...callers.owner, headers: { origin: "http://127.0.0.1:3999", "sec-fetch-site": "same-origin" } },
    });
    expect(fetchMetadata.status).toBe(201);
    const read = await call(HANDLERS.listLinks!, {
      method: "GET",
      path: "/api/v1/links",
      caller: { ...callers.owner, headers: { origin: "https://evil.example" } },
    });
    expect(read.status).toBe(200);
  });

  it("lets a member of several organizations pick one with X-Organization, and hides the others", async () => {
    const db = engine().db;
    const second = await createOrganization();
    const { user, cookie } = await createUser({ organizationId: orgA, role: "member" });
    await db.membership.create({ data: { organizationId: second.org.id, userId: user.id, role: "owner" } });
    const asSecond = await call(HANDLERS.listApiKeys!, {
      method: "GET",
      path: "/api/v1/api-keys",
      caller: { cookie, headers: { "x-organization": second.org.slug } },
    });
    expect(asSecond.status).toBe(200); // owner there
    const asFirst = await call(HANDLERS.listApiKeys!, { method: "GET", path: "/api/v1/api-keys", caller: { cookie } });
    expect(asFirst.status).toBe(403); // member of the first
    const stranger = await createOrganization();
    const other = await call(HANDLERS.listLinks!, {
      method: "GET",
      path: "/api/v1/links",
      caller: { cookie, headers: { "x-organization": stranger.org.slug } },
    });
    expect(other.status).toBe(404);
  });

  it("acts for the organization the portal's switcher chose (its cookie), only among the caller's own", async () => {
    const db = engine().db;
    const second = await createOrganization();
    const { user, cookie } = await createUser({ organizationId: orgA, role: "member" });
    await db.membership.create({ data: { organizationId: second.org.id, userId: user.id, role: "owner" } });
    const listKeys = (cookies: string, headers: Record<string, string> = {}) =>
      call(HANDLERS.listApiKeys!, { method: "GET", path: "/api/v1/api-keys", caller: { cookie: cookies, headers } });
    expect((await listKeys(`${cookie}; active-organization=${second.org.id}`)).status).toBe(200); // owner there
    // X-Organization still wins; a cookie naming an organization not theirs counts as unset.
    expect((await listKeys(`${cookie}; active-organization=${second.org.id}`, { "x-organization": orgA })).status).toBe(403);
    const stranger = await createOrganization();
    expect((await listKeys(`${cookie}; active-organization=${stranger.org.id}`)).status).toBe(403); // the first: a member there
  });

  it("lets a vendor admin create admin keys that act across organizations, and list and revoke only those", async () => {
    const created = await call(HANDLERS.createApiKey!, {
      method: "POST",
      path: "/api/v1/api-keys",
      body: { name: "ops", scopes: ["read", "write"] },
      caller: callers.admin,
    });
    const key = (await created.json()) as { id: string; key: string };
    expect(created.status).toBe(201);
    expect((await call(HANDLERS.adminListLinks!, { method: "GET", path: "/api/v1/admin/links", caller: { key: key.key } })).status).toBe(200);
    const listed = (await (await call(HANDLERS.listApiKeys!, { method: "GET", path: "/api/v1/api-keys", caller: callers.admin })).json()) as {
      data: { id: string }[];
    };
    expect(listed.data.map((k) => k.id)).toContain(key.id);
    const ownerList = (await (await call(HANDLERS.listApiKeys!, { method: "GET", path: "/api/v1/api-keys", caller: callers.owner })).json()) as {
      data: { id: string }[];
    };
    expect(ownerList.data.map((k) => k.id)).not.toContain(key.id);
    const revoked = await call(HANDLERS.revokeApiKey!, { method: "DELETE", path: `/api/v1/api-keys/${key.id}`, params: { id: key.id }, caller: callers.admin });
    expect(revoked.status).toBe(200);
    expect((await call(HANDLERS.adminListLinks!, { method: "GET", path: "/api/v1/admin/links", caller: { key: key.key } })).status).toBe(401);
  });

  it("shows the secret once: the list has prefixes only, and the created key works", async () => {
    const created = await call(HANDLERS.createApiKey!, {
      method: "POST",
      path: "/api/v1/api-keys",
      body: { name: "deploy", scopes: ["read", "write"] },
      caller: callers.owner,
    });
    const key = await created.json();
    expect(key.key).toMatch(/^plk_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$/);
    const listed = await (await call(HANDLERS.listApiKeys!, { method: "GET", path: "/api/v1/api-keys", caller: callers.owner })).json();
    expect(JSON.stringify(listed)).not.toContain(key.key.split("_")[2]);
    expect(listed.data.map((k: { id: string }) => k.id)).toContain(key.id);
    expect((await call(HANDLERS.getConnectivity!, { method: "GET", path: "/api/v1/connectivity", caller: { key: key.key } })).status).toBe(200);
  });
});
