import { beforeAll, describe, expect, it } from "vitest";
import type { LinkState } from "@/lib/links/state-machine";
import { createOrganization, withLinkEngine } from "../fixtures/app";
import { callersOf, createKey, createUser, type Caller } from "../fixtures/callers";
import { call, HANDLERS } from "./api-helpers";
import { expectDocumented } from "./openapi-check";

/**
 * Every route x every kind of caller -> the expected status. Organization A owns the resources;
 * "other" is organization B's key, which must see A's resources as not found.
 */
const { engine } = withLinkEngine();

const CALLERS = ["none", "other", "readOnly", "member", "owner", "admin", "adminKey"] as const;
type CallerName = (typeof CALLERS)[number];

let callers: Record<CallerName, Caller>;
let orgA = "";
let serviceCounter = 0;

async function linkIn(state: LinkState) {
  serviceCounter += 1;
  const link = await engine().db.link.create({
    data: {
      organizationId: orgA,
      name: `matrix-${serviceCounter}`,
      serviceName: `com.amazonaws.vpce.us-east-1.vpce-svc-${serviceCounter.toString(16).padStart(17, "0")}`,
      serviceRegion: "us-east-1",
      region: "us-east-1",
      ports: [5432],
      state,
    },
  });
  return link.id;
}

let uniqueAccount = 100_000_000_000;
const declaredAccount = async () => (await engine().db.awsAccount.create({ data: { organizationId: orgA, accountId: String(uniqueAccount++) } })).id;

/** A region with no links, for removeRegion (written directly: saving it is tested in tests/integration/regions). */
async function spareRegion() {
  const data = { vpcId: "vpc-0123456789abcdef0", subnets: [], securityGroupIds: ["sg-0123456789abcdef0"], cidrs: ["10.0.0.0/16"], ports: [443] };
  await engine().db.vendorRegion.upsert({ where: { region: "ca-central-1" }, create: { region: "ca-central-1", ...data }, update: data });
  return "";
}

let uniqueService = 1000;
const newService = () => `com.amazonaws.vpce.us-east-1.vpce-svc-${(uniqueService++).toString(16).padStart(17, "a")}`;

type Case = {
  op: string;
  method: string;
  path: (id: string) => string;
  params?: Record<string, string>;
  setup?: () => Promise<string>;
  body?: () => unknown;
  expected: Record<CallerName, number>;
};

const row = (none: number, other: number, readOnly: number, member: number, owner: number, admin: number, adminKey = admin): Record<CallerName, number> => ({
  none,
  other,
  readOnly,
  member,
  owner,
  admin,
  adminKey,
});

let uniqueMember = 0;
const memberOfA = async () => {
  const user = await engine().db.user.create({ data: { email: `matrix-member-${uniqueMember++}@example.com` } });
  return (await engine().db.membership.create({ data: { organizationId: orgA, userId: user.id, role: "member" } })).id;
};
const invitationOfA = async () =>
  (
    await engine().db.invitation.create({
      data: {
        organizationId: orgA,
        email: `matrix-invitee-${uniqueMember++}@example.com`,
        tokenHash: `hash-${uniqueMember}`,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    })
  ).id;
const webhookOfA = async () =>
  (await engine().db.webhook.create({ data: { organizationId: orgA, url: "https://hooks.example.com/in", eventTypes: ["link.state_changed"], secret: "s" } }))
    .id;
const UNKNOWN_TOKEN = `inv_${"A".repeat(43)}`;

const CASES: Case[] = [
  { op: "getConnectivity", method: "GET", path: () => "/api/v1/connectivity", expected: row(401, 200, 200, 200, 200, 403) },
  {
    op: "getSetupKit",
    method: "GET",
    path: () => "/api/v1/setup-kits/cli?region=us-east-1&target=ip",
    params: { format: "cli" },
    expected: row(401, 200, 200, 200, 200, 403),
  },
  { op: "listLinks", method: "GET", path: () => "/api/v1/links", expected: row(401, 200, 200, 200, 200, 200) },
  {
    op: "createLink",
    method: "POST",
    path: () => "/api/v1/links",
    body: () => {
      const serviceName = newService();
      return { name: `db-${serviceName.slice(-6)}`, serviceName, region: "us-east-1" };
    },
    expected: row(401, 201, 403, 201, 201, 403),
  },
  { op: "getLink", method: "GET", path: (id) => `/api/v1/links/${id}`, setup: () => linkIn("pending_approval"), expected: row(401, 404, 200, 200, 200, 200) },
  {
    op: "deleteLink",
    method: "DELETE",
    path: (id) => `/api/v1/links/${id}`,
    setup: () => linkIn("verification_failed"),
    expected: row(401, 404, 403, 202, 202, 202),
  },
  {
    op: "verifyLink",
    method: "POST",
    path: (id) => `/api/v1/links/${id}/verify`,
    setup: () => linkIn("verification_failed"),
    expected: row(401, 404, 403, 202, 202, 202),
  },
  {
    op: "listLinkEvents",
    method: "GET",
    path: (id) => `/api/v1/links/${id}/events`,
    setup: () => linkIn("verifying"),
    expected: row(401, 404, 200, 200, 200, 200),
  },
  { op: "listAwsAccounts", method: "GET", path: () => "/api/v1/aws-accounts", expected: row(401, 200, 200, 200, 200, 403) },
  {
    op: "declareAwsAccount",
    method: "POST",
    path: () => "/api/v1/aws-accounts",
    body: () => ({ accountId: String(uniqueAccount++) }),
    expected: row(401, 201, 403, 201, 201, 403),
  },
  {
    op: "verifyAwsAccount",
    method: "POST",
    path: (id) => `/api/v1/aws-accounts/${id}/verify`,
    setup: declaredAccount,
    expected: row(401, 404, 403, 200, 200, 403),
  },
  { op: "removeAwsAccount", method: "DELETE", path: (id) => `/api/v1/aws-accounts/${id}`, setup: declaredAccount, expected: row(401, 404, 403, 200, 200, 403) },
  { op: "adminListLinks", method: "GET", path: () => "/api/v1/admin/links", expected: row(401, 403, 403, 403, 403, 200) },
  { op: "adminGetLink", method: "GET", path: (id) => `/api/v1/admin/links/${id}`, setup: () => linkIn("failed"), expected: row(401, 403, 403, 403, 403, 200) },
  {
    op: "approveLink",
    method: "POST",
    path: (id) => `/api/v1/admin/links/${id}/approve`,
    setup: () => linkIn("pending_approval"),
    expected: row(401, 403, 403, 403, 403, 200),
  },
  {
    op: "denyLink",
    method: "POST",
    path: (id) => `/api/v1/admin/links/${id}/deny`,
    setup: () => linkIn("pending_approval"),
    body: () => ({ reason: "not a customer" }),
    expected: row(401, 403, 403, 403, 403, 200),
  },
  {
    op: "retryLink",
    method: "POST",
    path: (id) => `/api/v1/admin/links/${id}/retry`,
    setup: () => linkIn("failed"),
    expected: row(401, 403, 403, 403, 403, 200),
  },
  {
    op: "reconcileLink",
    method: "POST",
    path: (id) => `/api/v1/admin/links/${id}/reconcile`,
    setup: () => linkIn("failed"),
    expected: row(401, 403, 403, 403, 403, 202),
  },
  { op: "adminListOrganizations", method: "GET", path: () => "/api/v1/admin/organizations", expected: row(401, 403, 403, 403, 403, 200) },
  {
    op: "updateOrganization",
    method: "PATCH",
    path: () => `/api/v1/admin/organizations/${orgA}`,
    setup: async () => orgA,
    body: () => ({ linkQuota: 1000 }),
    expected: row(401, 403, 403, 403, 403, 200),
  },
  {
    op: "adminGetOrganization",
    method: "GET",
    path: () => `/api/v1/admin/organizations/${orgA}`,
    setup: async () => orgA,
    expected: row(401, 403, 403, 403, 403, 200),
  },
  {
    op: "adminRepairOrganizationPrincipal",
    method: "POST",
    path: () => `/api/v1/admin/organizations/${orgA}/principal`,
    setup: async () => orgA,
    expected: row(401, 403, 403, 403, 403, 200),
  },
  { op: "adminListAuditLog", method: "GET", path: () => "/api/v1/admin/audit-log", expected: row(401, 403, 403, 403, 403, 200) },
  { op: "adminExportAuditLog", method: "GET", path: () => "/api/v1/admin/audit-log/export?action=link.", expected: row(401, 403, 403, 403, 403, 200) },
  { op: "adminGetMetrics", method: "GET", path: () => "/api/v1/admin/metrics", expected: row(401, 403, 403, 403, 403, 200) },
  { op: "adminListRegions", method: "GET", path: () => "/api/v1/admin/regions", expected: row(401, 403, 403, 403, 403, 200) },
  {
    op: "saveRegion",
    method: "PATCH",
    path: () => "/api/v1/admin/regions/eu-west-1",
    params: { region: "eu-west-1" },
    body: () => ({ ports: [5432] }),
    expected: row(401, 403, 403, 403, 403, 200),
  },
  {
    op: "removeRegion",
    method: "DELETE",
    path: () => "/api/v1/admin/regions/ca-central-1",
    params: { region: "ca-central-1" },
    setup: spareRegion,
    expected: row(401, 403, 403, 403, 403, 200),
  },
  // A vendor admin's session manages admin keys (so another organization's key is not found to it); no API key manages keys.
  {
    op: "createApiKey",
    method: "POST",
    path: () => "/api/v1/api-keys",
    body: () => ({ name: "ci", scopes: ["read"] }),
    expected: row(401, 403, 403, 403, 201, 201, 403),
  },
  { op: "listApiKeys", method: "GET", path: () => "/api/v1/api-keys", expected: row(401, 403, 403, 403, 200, 200, 403) },
  {
    op: "revokeApiKey",
    method: "DELETE",
    path: (id) => `/api/v1/api-keys/${id}`,
    setup: async () => (await createKey({ organizationId: orgA, scopes: ["read"] })).id,
    expected: row(401, 403, 403, 403, 200, 404, 403),
  },
  // Members and invitations: members read, owners (and write keys, which act as owners) change; a vendor admin has no organization here.
  { op: "listMembers", method: "GET", path: () => "/api/v1/members", expected: row(401, 200, 200, 200, 200, 403) },
  {
    op: "changeMemberRole",
    method: "PATCH",
    path: (id) => `/api/v1/members/${id}`,
    setup: memberOfA,
    body: () => ({ role: "owner" }),
    expected: row(401, 404, 403, 403, 200, 403),
  },
  { op: "removeMember", method: "DELETE", path: (id) => `/api/v1/members/${id}`, setup: memberOfA, expected: row(401, 404, 403, 403, 204, 403) },
  {
    op: "createInvitation",
    method: "POST",
    path: () => "/api/v1/invitations",
    body: () => ({ email: `matrix-new-${uniqueMember++}@example.com` }),
    expected: row(401, 201, 403, 403, 201, 403),
  },
  { op: "listInvitations", method: "GET", path: () => "/api/v1/invitations", expected: row(401, 200, 200, 200, 200, 403) },
  { op: "revokeInvitation", method: "DELETE", path: (id) => `/api/v1/invitations/${id}`, setup: invitationOfA, expected: row(401, 404, 403, 403, 200, 403) },
  // Only a signed-in person joins; an unknown link is 404 to each of them.
  {
    op: "joinInvitation",
    method: "POST",
    path: () => "/api/v1/invitations/join",
    body: () => ({ token: UNKNOWN_TOKEN }),
    expected: row(401, 403, 403, 404, 404, 404, 403),
  },
  { op: "sendTestWebhookEvent", method: "POST", path: (id) => `/api/v1/webhooks/${id}/test`, setup: webhookOfA, expected: row(401, 404, 403, 403, 202, 403) },
  { op: "enableWebhook", method: "POST", path: (id) => `/api/v1/webhooks/${id}/enable`, setup: webhookOfA, expected: row(401, 404, 403, 403, 200, 403) },
];

beforeAll(async () => {
  const a = await createOrganization({ approvalMode: "manual", linkQuota: 1000 });
  const b = await createOrganization({ linkQuota: 1000 });
  orgA = a.org.id;
  callers = await callersOf(orgA, b.org.id);
});

describe("access matrix", () => {
  for (const testCase of CASES) {
    it.each(CALLERS)(`${testCase.op} as %s`, async (callerName) => {
      const id = testCase.setup ? await testCase.setup() : "";
      const response = await call(HANDLERS[testCase.op]!, {
        method: testCase.method,
        path: testCase.path(id),
        params: testCase.params ?? (id ? { id } : {}),
        body: testCase.body?.(),
        caller: callers[callerName],
      });
      const expected = testCase.expected[callerName];
      const body = response.status === 204 ? null : await expectDocumented(testCase.op, response);
      expect({ status: response.status, body }).toMatchObject({ status: expected });
      if (expected >= 400) {
        expect(response.headers.get("content-type")).toBe("application/problem+json");
        expect(body).toMatchObject({ status: expected, requestId: expect.any(String) });
      }
    });
  }
});

describe("credentials", () => {
  it("refuses malformed, unknown and revoked keys with 401", async () => {
    const { key, id } = await createKey({ organizationId: orgA });
    for (const authorization of ["Bearer nope", "Basic abc", `Bearer ${key.slice(0, -1)}x`, "Bearer plk_AAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"]) {
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
