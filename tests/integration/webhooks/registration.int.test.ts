import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createWebhook, MAX_WEBHOOKS_PER_ORGANIZATION } from "@/lib/webhooks/manage-webhooks";
import type { Resolver } from "@/lib/webhooks/url-policy";
import { createOrganization } from "../fixtures/app";
import { withAppDatabase } from "../fixtures/database";
import { keyOf, memberOf, ownerOf, withWebhookSettings } from "./helpers";

/** Registration as production runs it: https only, public addresses only (names resolved by a fake resolver; nothing leaves the machine). */
const db = withAppDatabase();
const production = { requireHttps: true, allowPrivateAddresses: false };
const resolve: Resolver = async (host) => {
  const table: Record<string, string[]> = {
    "hooks.partner.example": ["93.184.216.34"],
    "intranet.partner.example": ["10.20.30.40"],
    "rebind.partner.example": ["93.184.216.34", "127.0.0.1"],
    "v6-private.partner.example": ["fd00::1"],
  };
  const addresses = table[host];
  if (!addresses) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
  return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("registering a webhook in production", () => {
  it("accepts an https URL on a public address", async () => {
    const { ctx } = await createOrganization();
    const created = await createWebhook({
      ctx: withWebhookSettings(ownerOf(ctx), { urlPolicy: production, resolve }),
      input: { url: "https://hooks.partner.example/in", eventTypes: ["link.state_changed"] },
    });
    expect(created.url).toBe("https://hooks.partner.example/in");
  });

  it.each([
    ["http://hooks.partner.example/in", /https/],
    ["https://127.0.0.1/in", /loopback/],
    ["https://127.1.2.3:8443/in", /loopback/],
    ["https://[::1]/in", /loopback/],
    ["https://[::ffff:10.0.0.1]/in", /private/],
    ["https://[::ffff:7f00:1]/in", /loopback/],
    ["https://169.254.169.254/latest/meta-data/", /link-local/],
    ["https://[fe80::1]/in", /link-local/],
    ["https://[fd00::1]/in", /unique-local/],
    ["https://100.64.1.1/in", /shared/],
    ["https://0.0.0.0/in", /unspecified/],
    ["https://2130706433/in", /loopback/],
    ["https://0x7f.1/in", /loopback/],
    ["https://intranet.partner.example/in", /10\.20\.30\.40, a private address/],
    ["https://rebind.partner.example/in", /127\.0\.0\.1, a loopback address/],
    ["https://v6-private.partner.example/in", /unique-local/],
    ["https://nowhere.partner.example/in", /does not resolve/],
  ])("refuses %s", async (url, reason) => {
    const { ctx } = await createOrganization();
    const error = await refusal(
      createWebhook({ ctx: withWebhookSettings(ownerOf(ctx), { urlPolicy: production, resolve }), input: { url, eventTypes: ["link.state_changed"] } }),
    );
    expect(error.code).toBe("validation_failed");
    expect(error.invalidParams).toEqual([{ name: "url", reason: expect.stringMatching(reason) }]);
    expect(await db().webhook.count({ where: { organizationId: ctx.organizationId! } })).toBe(0);
  });
});

describe("who registers webhooks", () => {
  it("refuses members and read-only keys, accepts owners and write keys", async () => {
    const { ctx } = await createOrganization();
    const input = { url: "http://127.0.0.1:9/in", eventTypes: ["link.available" as const] };
    expect((await refusal(createWebhook({ ctx: memberOf(ctx), input: input }))).code).toBe("forbidden");
    expect((await refusal(createWebhook({ ctx: keyOf(ctx, ["read"]), input: input }))).code).toBe("forbidden");
    await createWebhook({ ctx: ownerOf(ctx), input: input });
    await createWebhook({ ctx: keyOf(ctx, ["read", "write"]), input: input });
    expect(await db().webhook.count({ where: { organizationId: ctx.organizationId! } })).toBe(2);
  });

  it(`holds at most ${MAX_WEBHOOKS_PER_ORGANIZATION} per organization`, async () => {
    const { ctx } = await createOrganization();
    const input = { url: "http://127.0.0.1:9/in", eventTypes: ["link.available" as const] };
    for (let i = 0; i < MAX_WEBHOOKS_PER_ORGANIZATION; i++) await createWebhook({ ctx: ownerOf(ctx), input: input });
    expect((await refusal(createWebhook({ ctx: ownerOf(ctx), input: input }))).code).toBe("quota_exceeded");
  });
});
