import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization, withLinkEngine } from "../fixtures/app";
import { createUser, type Caller } from "../fixtures/callers";
import { call, HANDLERS } from "./api-helpers";
import { expectDocumented } from "./openapi-check";

/**
 * Idempotent replays (issue 26, finding 7): no secret in the idempotency store, a replay answers without it and says it was
 * shown once, and an Idempotency-Key belongs to the caller within one organization.
 */
const { engine } = withLinkEngine();

let owner: Caller;
let ownerId = "";
let organizationId = "";
let counter = 0;

beforeAll(async () => {
  organizationId = (await createOrganization()).org.id;
  const made = await createUser({ organizationId, role: "owner" });
  owner = { cookie: made.cookie };
  ownerId = made.user.id;
});

async function twice(operationId: string, path: string, body: unknown, caller: Caller = owner) {
  const idempotencyKey = `secret-${++counter}`;
  const send = () => call(HANDLERS[operationId]!, { method: "POST", path, body, caller, headers: { "idempotency-key": idempotencyKey } });
  const first = await send();
  expect(first.status).toBe(201);
  const created = (await expectDocumented(operationId, first)) as Record<string, unknown>;
  const again = await send();
  expect(again.status).toBe(201);
  expect(again.headers.get("idempotency-replayed")).toBe("true");
  const replayed = (await expectDocumented(operationId, again)) as Record<string, unknown>;
  const stored = await engine().db.idempotencyKey.findMany({ where: { key: idempotencyKey } });
  return { created, replayed, stored: stored.map((row) => row.body ?? "").join("\n") };
}

describe("a replay never holds a secret", () => {
  it("createApiKey: the replay has the key's id and no secret, nor has the stored answer", async () => {
    const { created, replayed, stored } = await twice("createApiKey", "/api/v1/api-keys", { name: "ci", scopes: ["read"] });
    const secret = created.key as string;
    expect(secret).toMatch(/^plk_/);
    expect(created.secretAlreadyShown).toBe(false);
    expect(replayed).toEqual({ ...created, key: null, secretAlreadyShown: true });
    expect(stored).not.toContain(secret.split("_")[2]);
    expect(stored).toContain(created.id as string);
    expect(await engine().db.apiKey.count({ where: { createdById: ownerId, name: "ci" } })).toBe(1);
  });

  it("createInvitation: the replay has the invitation and no link, nor has the stored answer", async () => {
    const { created, replayed, stored } = await twice("createInvitation", "/api/v1/invitations", { email: "replayed@example.com" });
    const token = (created.url as string).split("/invitations/")[1]!;
    expect(token).toMatch(/^inv_/);
    expect(replayed).toEqual({ ...created, url: null, secretAlreadyShown: true });
    expect(stored).not.toContain(token);
  });

  it("createWebhook: the replay has the webhook and no signing secret, nor has the stored answer", async () => {
    const { created, replayed, stored } = await twice("createWebhook", "/api/v1/webhooks", { url: "http://127.0.0.1:9/hooks", eventTypes: ["link.available"] });
    const secret = created.secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect(replayed).toEqual({ ...created, secret: null, secretAlreadyShown: true });
    expect(stored).not.toContain(secret);
  });
});

describe("an Idempotency-Key belongs to the caller in one organization", () => {
  it("the same key under another X-Organization runs as a new request for that organization", async () => {
    const second = (await createOrganization()).org;
    const { user, cookie } = await createUser({ organizationId, role: "owner" });
    await engine().db.membership.create({ data: { organizationId: second.id, userId: user.id, role: "owner" } });
    const invite = (organization: string) =>
      call(HANDLERS.createInvitation!, {
        method: "POST",
        path: "/api/v1/invitations",
        body: { email: "twice@example.com" },
        caller: { cookie, headers: { "x-organization": organization } },
        headers: { "idempotency-key": "same-key" },
      });
    expect((await invite(organizationId)).status).toBe(201);
    const other = await invite(second.id);
    expect(other.status).toBe(201);
    expect(other.headers.get("idempotency-replayed")).toBeNull();
    const invitations = await engine().db.invitation.findMany({ where: { email: "twice@example.com" }, orderBy: { createdAt: "asc" } });
    expect(invitations.map((i) => i.organizationId)).toEqual([organizationId, second.id]);
    expect(((await other.json()) as { id: string }).id).toBe(invitations[1]!.id);
  });
});
