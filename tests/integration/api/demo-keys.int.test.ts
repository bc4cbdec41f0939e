import { describe, expect, it } from "vitest";
import { seedDemoData } from "@/prisma/seed";
import { withAppDatabase } from "../fixtures/database";
import { call, HANDLERS } from "./api-helpers";

const db = withAppDatabase();

describe("demo API keys", () => {
  it("are written to the credentials, stay the same when seeding again, and work", async () => {
    const first = await seedDemoData(db());
    const second = await seedDemoData(db());
    expect(second.apiKeys).toEqual(first.apiKeys);
    expect(first.apiKeys.map((k) => k.organization)).toEqual(["acme", "globex", null]);
    expect(first.apiKeys.at(-1)).toMatchObject({ admin: true });
    expect(await db().apiKey.count()).toBe(3);

    const acme = first.apiKeys[0]!.key;
    const links = await call(HANDLERS.listLinks!, { method: "GET", path: "/api/v1/links", caller: { key: acme } });
    expect(links.status).toBe(200);
    const admin = await call(HANDLERS.adminListOrganizations!, { method: "GET", path: "/api/v1/admin/organizations", caller: { key: first.apiKeys[2]!.key } });
    expect(((await admin.json()) as { data: { slug: string }[] }).data.map((o) => o.slug)).toEqual(["acme", "globex"]);
  });
});
