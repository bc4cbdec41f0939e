import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { getLink, listLinks } from "@/lib/links/read-links";
import { registerLink } from "@/lib/links/register-link";
import { createOrganization, withLinkEngine } from "../fixtures/app";

const { engine } = withLinkEngine();

const serviceName = (n: number) => `com.amazonaws.vpce.us-east-1.vpce-svc-${n.toString(16).padStart(17, "0")}`;

describe("link names, unique within an organization", () => {
  it("refuses a second live link of one organization with the same name, whatever its case, at the name field", async () => {
    const { org, ctx } = await createOrganization();
    await registerLink({ ctx, input: { name: "orders-db", serviceName: serviceName(1), region: "us-east-1" } });
    const refused = await registerLink({ ctx, input: { name: "Orders-DB", serviceName: serviceName(2), region: "us-east-1" } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "conflict", invalidParams: [{ name: "name" }] });
    expect(await engine().db.link.count({ where: { organizationId: org.id } })).toBe(1);

    // Another organization may use the name.
    const other = await createOrganization();
    await expect(registerLink({ ctx: other.ctx, input: { name: "orders-db", serviceName: serviceName(3), region: "us-east-1" } })).resolves.toMatchObject({
      name: "orders-db",
    });
  });

  it("lets a deleted link's name be used again", async () => {
    const { ctx } = await createOrganization();
    const first = await registerLink({ ctx, input: { name: "reports", serviceName: serviceName(4), region: "us-east-1" } });
    await engine().db.link.update({ where: { id: first.id }, data: { state: "deleted" } });
    await expect(registerLink({ ctx, input: { name: "reports", serviceName: serviceName(5), region: "us-east-1" } })).resolves.toMatchObject({
      name: "reports",
    });
  });

  it("is kept by the database itself, not only by the verb", async () => {
    const { org } = await createOrganization();
    const row = { organizationId: org.id, serviceRegion: "us-east-1", region: "us-east-1", ports: [443], state: "verifying" as const };
    await engine().db.link.create({ data: { ...row, name: "billing", serviceName: serviceName(6) } });
    await expect(engine().db.link.create({ data: { ...row, name: "BILLING", serviceName: serviceName(7) } })).rejects.toThrow(/Link_name_one_per_organization/);
  });
});

describe("reading a link", () => {
  it("writes nothing, for a person or a key (the reconciler's 30 s cadence keeps an open page current)", async () => {
    const { ctx } = await createOrganization();
    const link = await registerLink({ ctx, input: { name: "read-only", serviceName: serviceName(8), region: "us-east-1" } });
    await engine().db.link.update({ where: { id: link.id }, data: { state: "available", nextCheckAt: new Date(Date.now() + 300_000) } });
    const before = await engine().db.link.findUniqueOrThrow({ where: { id: link.id } });
    await getLink({ ctx, input: { linkId: link.id } });
    await getLink({ ctx: { ...ctx, actor: { type: "api_key", id: "00000000-0000-4000-8000-000000000000" } }, input: { linkId: link.id } });
    expect(await engine().db.link.findUniqueOrThrow({ where: { id: link.id } })).toEqual(before);
  });
});

describe("searching an organization's links", () => {
  it("finds links by name, service name or endpoint id in any case (% and _ literally), within the organization and the other filters; the cursor keeps the search", async () => {
    const { ctx } = await createOrganization();
    const orders = await registerLink({ ctx, input: { name: "Orders-DB", serviceName: serviceName(0xabc01), region: "us-east-1" } });
    await registerLink({ ctx, input: { name: "reports", serviceName: serviceName(0xabc02), region: "eu-west-1" } });
    await engine().db.link.update({ where: { id: orders.id }, data: { endpointId: "vpce-0123456789abcdef0" } });
    const other = await createOrganization();
    await registerLink({ ctx: other.ctx, input: { name: "orders-db", serviceName: serviceName(0xabc03), region: "us-east-1" } });

    const names = async (input: { q?: string; region?: string; limit?: number; cursor?: string }) =>
      (await listLinks({ ctx, input: { limit: 25, ...input } })).data.map((l) => l.name);
    expect(await names({ q: "orders" })).toEqual(["Orders-DB"]);
    expect(await names({ q: "ABC02" })).toEqual(["reports"]);
    expect(await names({ q: "vpce-0123456789" })).toEqual(["Orders-DB"]);
    expect(await names({ q: "orders", region: "eu-west-1" })).toEqual([]);
    expect(await names({ q: "svc" })).toHaveLength(2);
    // % and _ are text to find, not wildcards.
    expect(await names({ q: "%" })).toEqual([]);
    expect(await names({ q: "orders_db" })).toEqual([]);

    const first = await listLinks({ ctx, input: { limit: 1, q: "svc" } });
    await expect(listLinks({ ctx, input: { limit: 1, cursor: first.nextCursor! } })).rejects.toMatchObject({ code: "validation_failed" });
    const second = await listLinks({ ctx, input: { limit: 1, q: "svc", cursor: first.nextCursor! } });
    expect([...first.data, ...second.data].map((l) => l.name).sort()).toEqual(["Orders-DB", "reports"]);
  });
});
