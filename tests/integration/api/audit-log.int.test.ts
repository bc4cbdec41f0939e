import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization, withLinkEngine } from "../fixtures/app";
import { createAdminKey, createKey, createUser } from "../fixtures/callers";
import { call, HANDLERS } from "./api-helpers";
import { expectDocumented } from "./openapi-check";

/** The audit log for vendor admins: filtered pages, and a CSV export streamed in batches. */
const { engine } = withLinkEngine();
let admin = "";
let orgId = "";
const ROWS = 2_345;
const START = Date.now() - ROWS * 1000;

beforeAll(async () => {
  admin = await createAdminKey();
  orgId = (await createOrganization()).org.id;
  await engine().db.auditLog.createMany({
    data: Array.from({ length: ROWS }, (_, i) => ({
      organizationId: orgId,
      actorType: "user" as const,
      actorId: i === 0 ? "=HYPERLINK(1)" : "u-1",
      action: i % 2 ? "link.approve" : "organization.update",
      targetType: "link",
      targetId: `t-${i}`,
      metadata: { note: 'says "hi", twice' },
      createdAt: new Date(START + i * 1000),
    })),
  });
});

describe("GET /api/v1/admin/audit-log", () => {
  it("filters by organization, action prefix and time, newest first", async () => {
    const query = `organizationId=${orgId}&action=link.&from=${new Date(START + 2_335_000).toISOString()}&limit=100`;
    const response = await call(HANDLERS.adminListAuditLog!, { method: "GET", path: `/api/v1/admin/audit-log?${query}`, caller: { key: admin } });
    const body = (await expectDocumented("adminListAuditLog", response)) as { data: { action: string; target: { id: string } }[] };
    expect(body.data.map((e) => e.target.id)).toEqual(["t-2343", "t-2341", "t-2339", "t-2337", "t-2335"]);
  });

  it("takes an action prefix's _ as itself, not as any character", async () => {
    const other = (await createOrganization()).org.id;
    const at = new Date(START);
    await engine().db.auditLog.createMany({
      data: ["api_key.create", "apixkey.create"].map((action) => ({
        organizationId: other,
        actorType: "system" as const,
        actorId: "s",
        action,
        targetType: "x",
        targetId: action,
        createdAt: at,
      })),
    });
    const response = await call(HANDLERS.adminListAuditLog!, {
      method: "GET",
      path: `/api/v1/admin/audit-log?organizationId=${other}&action=api_key.`,
      caller: { key: admin },
    });
    const body = (await expectDocumented("adminListAuditLog", response)) as { data: { action: string }[] };
    expect(body.data.map((e) => e.action)).toEqual(["api_key.create"]);
  });

  it("exports every matching entry as CSV, across batches, quoting what needs it", async () => {
    const response = await call(HANDLERS.adminExportAuditLog!, {
      method: "GET",
      path: `/api/v1/admin/audit-log/export?organizationId=${orgId}`,
      caller: { key: admin },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await response.text()).split("\r\n").filter(Boolean);
    expect(lines[0]).toBe(
      "created_at,actor,actor_email,organization,summary,changes,details,actor_type,actor_id,organization_id,action,target_type,target_id,request_id",
    );
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines[1]).toContain(",link,t-2344,");
    expect(lines.at(-1)).toContain(`,"Note: says ""hi"", twice",user,'=HYPERLINK(1),${orgId},organization.update,link,t-0,`);
  });
});

describe("the audit log in people's names", () => {
  type Entry = {
    actor: { type: string; name: string | null; email: string | null };
    organization: { id: string | null; name: string } | null;
    summary: string;
    changes: { field: string; before: string; after: string }[];
  };
  const entriesBy = async (query: string) => {
    const response = await call(HANDLERS.adminListAuditLog!, { method: "GET", path: `/api/v1/admin/audit-log?${query}`, caller: { key: admin } });
    return ((await expectDocumented("adminListAuditLog", response)) as { data: Entry[] }).data;
  };

  it("names the person, the organization and what they did, and keeps the names once both are deleted", async () => {
    const { org } = await createOrganization();
    const owner = await createUser({ organizationId: org.id, role: "owner" });
    const made = await call(HANDLERS.createApiKey!, {
      method: "POST",
      path: "/api/v1/api-keys",
      body: { name: "deploy bot", scopes: ["read"] },
      caller: { cookie: owner.cookie },
    });
    expect(made.status).toBe(201);

    const expected = {
      actor: { type: "user", id: owner.user.id, name: owner.user.name, email: owner.user.email },
      organization: { id: org.id, name: org.name },
      summary: "created API key deploy bot",
      details: [
        { field: "Prefix", value: expect.any(String) },
        { field: "Scopes", value: "read" },
      ],
    };
    expect(await entriesBy(`organizationId=${org.id}&action=api_key.create`)).toEqual([expect.objectContaining(expected)]);

    await engine().db.organization.delete({ where: { id: org.id } });
    await engine().db.user.delete({ where: { id: owner.user.id } });
    expect(await entriesBy(`actorId=${owner.user.id}&action=api_key.create`)).toEqual([
      expect.objectContaining({ ...expected, organizationId: null, organization: { id: null, name: org.name } }),
    ]);
  });

  it("names an API key and its maker, and shows a change as before and after", async () => {
    const { org } = await createOrganization({ plan: "team" });
    const maker = await createUser({ isAdmin: true });
    const key = await createKey({ organizationId: null, isAdmin: true, name: "ops robot", createdById: maker.user.id });
    const patched = await call(HANDLERS.updateOrganization!, {
      method: "PATCH",
      path: `/api/v1/admin/organizations/${org.id}`,
      params: { id: org.id },
      body: { plan: "enterprise" },
      caller: { key: key.key },
    });
    expect(patched.status).toBe(200);
    const [entry] = await entriesBy(`organizationId=${org.id}&action=organization.update`);
    expect(entry).toMatchObject({
      actor: { type: "api_key", name: "ops robot", email: maker.user.email },
      organization: { id: org.id, name: org.name },
      summary: "changed the organization's settings",
      changes: [{ field: "Plan", before: "team", after: "enterprise" }],
    });
  });
});
