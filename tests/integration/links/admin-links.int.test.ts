import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization, withLinkEngine } from "../fixtures/app";
import { createAdminKey } from "../fixtures/callers";
import { call, HANDLERS } from "../api/api-helpers";
import { expectDocumented } from "../api/openapi-check";

/** The fleet and the queue as vendor admins read them: whose each link is, filters, search, one link's facts; deny reasons the customer can use. */
const { engine } = withLinkEngine();
let admin = "";
const ids: Record<string, string> = {};
let otherOrganization = { name: "", slug: "" };

beforeAll(async () => {
  admin = await createAdminKey();
  const acme = await createOrganization({ approvalMode: "manual", plan: "team" });
  const other = await createOrganization();
  otherOrganization = other.org;
  const make = (name: string, organizationId: string, data: { state: "pending_approval" | "failed" } & Record<string, unknown>) =>
    engine().db.link.create({
      data: {
        organizationId,
        name,
        serviceName: `com.amazonaws.vpce.us-east-1.vpce-svc-${name.padEnd(17, "0").slice(0, 17)}`,
        serviceRegion: "us-east-1",
        region: "us-east-1",
        ports: [5432],
        ...data,
      },
    });
  ids.waiting = (
    await make("0aaaaaaaaaaaaaaaa", acme.org.id, {
      state: "pending_approval",
      serviceOwnerAccountId: "222222222222",
      createdAt: new Date(Date.now() - 3 * 86_400_000),
    })
  ).id;
  ids.lost = (
    await make("0bbbbbbbbbbbbbbbb", other.org.id, { state: "failed", lastErrorCode: "EndpointLost", lastError: "gone", endpointId: "vpce-0123456789abcdef0" })
  ).id;
  ids.fresh = (await make("0cccccccccccccccc", acme.org.id, { state: "pending_approval" })).id;
});

async function list(query: string) {
  const response = await call(HANDLERS.adminListLinks!, { method: "GET", path: `/api/v1/admin/links?${query}`, caller: { key: admin } });
  const body = (await expectDocumented("adminListLinks", response)) as { data: { id: string; organization: { name: string; plan: string } }[] };
  return { status: response.status, ids: body.data?.map((l) => l.id), body };
}

describe("GET /api/v1/admin/links", () => {
  it("names each link's organization and plan, and filters by state, error code, age and search (the organization too)", async () => {
    const waiting = await list("state=pending_approval");
    expect(waiting.ids).toEqual([ids.fresh, ids.waiting]);
    expect(waiting.body.data[1]!.organization).toMatchObject({ plan: "team", approvalMode: "manual" });
    expect((await list("errorCode=EndpointLost")).ids).toEqual([ids.lost]);
    expect((await list(`state=pending_approval&createdBefore=${new Date(Date.now() - 86_400_000).toISOString()}`)).ids).toEqual([ids.waiting]);
    expect((await list("q=vpce-0123456789abcdef0")).ids).toEqual([ids.lost]);
    expect((await list("q=222222222222")).ids).toEqual([ids.waiting]);
    expect((await list("q=0CCCC")).ids).toEqual([ids.fresh]);
    expect((await list(`q=${encodeURIComponent(otherOrganization.name.toUpperCase())}`)).ids).toEqual([ids.lost]);
    expect((await list(`q=${otherOrganization.slug}`)).ids).toEqual([ids.lost]);
    expect((await list("createdBefore=yesterday")).status).toBe(422);
    expect((await list("stuck=true")).ids).toEqual([ids.lost]);
  });

  it("searches % and _ as text, not wildcards", async () => {
    const { org } = await createOrganization();
    const promo = await engine().db.link.create({
      data: {
        organizationId: org.id,
        name: "promo_50%",
        serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0dddddddddddddddd",
        serviceRegion: "us-east-1",
        region: "us-east-1",
        ports: [5432],
        state: "failed",
      },
    });
    try {
      expect((await list(`q=${encodeURIComponent("O_50%")}`)).ids).toEqual([promo.id]);
      expect((await list(`q=${encodeURIComponent("%")}`)).ids).toEqual([promo.id]);
      expect((await list("q=0a_a")).ids).toEqual([]);
      expect((await list("q=vpce-svc-0_")).ids).toEqual([]);
    } finally {
      await engine().db.link.delete({ where: { id: promo.id } });
    }
  });

  it("opens one link with its timeline and its organization's principal", async () => {
    const response = await call(HANDLERS.adminGetLink!, {
      method: "GET",
      path: `/api/v1/admin/links/${ids.lost}`,
      params: { id: ids.lost! },
      caller: { key: admin },
    });
    const body = (await expectDocumented("adminGetLink", response)) as { link: { id: string; allowedActions: string[] }; principalArn: string };
    expect(response.status).toBe(200);
    expect(body.link).toMatchObject({ id: ids.lost, allowedActions: ["retry", "delete", "reconcile", "reconnect"] });
    expect(body.principalArn).toMatch(/^arn:aws:iam::111111111111:role\/privatelink\//);
  });
});

describe("POST /api/v1/admin/links/{id}/reconcile", () => {
  it("makes a link with an endpoint due now, audited; a link without one is a 409", async () => {
    await engine().db.link.update({ where: { id: ids.lost }, data: { nextCheckAt: new Date(Date.now() + 3_600_000) } });
    const reconcile = (id: string) =>
      call(HANDLERS.reconcileLink!, { method: "POST", path: `/api/v1/admin/links/${id}/reconcile`, params: { id }, caller: { key: admin } });
    expect((await reconcile(ids.lost!)).status).toBe(202);
    expect((await engine().db.link.findUniqueOrThrow({ where: { id: ids.lost } })).nextCheckAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await engine().db.auditLog.count({ where: { action: "link.reconcile", targetId: ids.lost } })).toBe(1);
    expect((await reconcile(ids.waiting!)).status).toBe(409);
  });
});

describe("POST /api/v1/admin/links/{id}/deny", () => {
  it("needs a reason of a few words, and denies nothing without one", async () => {
    const deny = (reason: string) =>
      call(HANDLERS.denyLink!, {
        method: "POST",
        path: `/api/v1/admin/links/${ids.fresh}/deny`,
        params: { id: ids.fresh! },
        body: { reason },
        caller: { key: admin },
      });
    for (const reason of ["no", "   nope    ", "unacceptable"]) {
      const refused = await deny(reason);
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({ invalidParams: [{ name: "reason", reason: expect.stringContaining("a few words") }] });
    }
    expect((await engine().db.link.findUniqueOrThrow({ where: { id: ids.fresh } })).state).toBe("pending_approval");
    expect((await deny("Not a customer of ours")).status).toBe(200);
  });
});
