import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization, withLinkEngine } from "../fixtures/app";
import { adminSession, createKey, createUser, type Caller } from "../fixtures/callers";
import { call, HANDLERS } from "./api-helpers";

/**
 * A key belongs to the member who made it and never does more than that member can now (issue 26, finding 2): the attack
 * replayed, and each way a maker can lose what they had.
 */
const { engine } = withLinkEngine();

let organizationId = "";

beforeAll(async () => {
  organizationId = (await createOrganization()).org.id;
});

async function membershipOf(userId: string) {
  return engine().db.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId, userId } } });
}

const changeRole = (caller: Caller, membershipId: string, role: "owner" | "member") =>
  call(HANDLERS.changeMemberRole!, { method: "PATCH", path: `/api/v1/members/${membershipId}`, params: { id: membershipId }, body: { role }, caller });
const remove = (caller: Caller, membershipId: string) =>
  call(HANDLERS.removeMember!, { method: "DELETE", path: `/api/v1/members/${membershipId}`, params: { id: membershipId }, caller });
const invite = (caller: Caller, email: string, role: "owner" | "member") =>
  call(HANDLERS.createInvitation!, { method: "POST", path: "/api/v1/invitations", body: { email, role }, caller });
const listLinks = (caller: Caller) => call(HANDLERS.listLinks!, { method: "GET", path: "/api/v1/links", caller });

/** An owner signed in makes a key through the portal's route. */
async function keyMadeBy(cookie: string, scopes: ("read" | "write")[] = ["read", "write"]): Promise<{ key: string; id: string }> {
  const created = await call(HANDLERS.createApiKey!, { method: "POST", path: "/api/v1/api-keys", body: { name: "mine", scopes }, caller: { cookie } });
  expect(created.status).toBe(201);
  return (await created.json()) as { key: string; id: string };
}

describe("a key acts with its maker's current role", () => {
  it("the attack: an owner makes a key, is demoted and removed; the key can no longer invite, change roles or remove anyone", async () => {
    const real = await createUser({ organizationId, role: "owner" });
    const mallory = await createUser({ organizationId, role: "owner" });
    const { key } = await keyMadeBy(mallory.cookie);
    const malloryMembership = await membershipOf(mallory.user.id);
    expect((await changeRole({ cookie: real.cookie }, malloryMembership.id, "member")).status).toBe(200);
    expect((await remove({ cookie: real.cookie }, malloryMembership.id)).status).toBe(204);

    const realMembership = await membershipOf(real.user.id);
    const answers = [
      await invite({ key }, mallory.user.email, "owner"),
      await changeRole({ key }, realMembership.id, "member"),
      await remove({ key }, realMembership.id),
      await listLinks({ key }),
    ];
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401]);
    expect(await answers[0]!.json()).toMatchObject({ code: "invalid_credentials" });
    expect(await engine().db.invitation.count({ where: { organizationId, email: mallory.user.email } })).toBe(0);
    expect((await membershipOf(real.user.id)).role).toBe("owner");
  });

  it("a removed member's keys stay dead when they are invited back", async () => {
    const real = await createUser({ organizationId, role: "owner" });
    const former = await createUser({ organizationId, role: "owner" });
    const { key, id } = await keyMadeBy(former.cookie);
    expect((await remove({ cookie: real.cookie }, (await membershipOf(former.user.id)).id)).status).toBe(204);
    expect((await engine().db.apiKey.findUniqueOrThrow({ where: { id } })).revokedAt).toBeInstanceOf(Date);
    await engine().db.membership.create({ data: { organizationId, userId: former.user.id, role: "owner" } });
    expect((await listLinks({ key })).status).toBe(401);
  });

  it("a demoted owner's key keeps a member's rights and loses an owner's", async () => {
    const real = await createUser({ organizationId, role: "owner" });
    const demoted = await createUser({ organizationId, role: "owner" });
    const { key } = await keyMadeBy(demoted.cookie);
    const demotedMembership = await membershipOf(demoted.user.id);
    expect((await changeRole({ cookie: real.cookie }, demotedMembership.id, "member")).status).toBe(200);

    expect((await listLinks({ key })).status).toBe(200);
    expect((await invite({ key }, "someone@example.com", "owner")).status).toBe(403);
    expect((await changeRole({ key }, demotedMembership.id, "owner")).status).toBe(403);
    expect((await remove({ key }, (await membershipOf(real.user.id)).id)).status).toBe(403);
    expect((await membershipOf(demoted.user.id)).role).toBe("member");

    expect((await changeRole({ cookie: real.cookie }, demotedMembership.id, "owner")).status).toBe(200);
    expect((await invite({ key }, "someone@example.com", "member")).status).toBe(201);
  });

  it("an admin key works only while its maker is a vendor admin", async () => {
    const admin = await adminSession();
    const created = await call(HANDLERS.createApiKey!, { method: "POST", path: "/api/v1/api-keys", body: { name: "ops", scopes: ["read"] }, caller: admin });
    const { key, id } = (await created.json()) as { key: string; id: string };
    const organizations = () => call(HANDLERS.adminListOrganizations!, { method: "GET", path: "/api/v1/admin/organizations", caller: { key } });
    expect((await organizations()).status).toBe(200);
    const { createdById } = await engine().db.apiKey.findUniqueOrThrow({ where: { id } });
    await engine().db.user.update({ where: { id: createdById! }, data: { role: "customer" } });
    expect((await organizations()).status).toBe(401);
  });

  it("a deleted user's keys go with them", async () => {
    const { key, id, createdById } = await createKey({ organizationId });
    expect((await listLinks({ key })).status).toBe(200);
    await engine().db.user.delete({ where: { id: createdById! } });
    expect((await listLinks({ key })).status).toBe(401);
    expect(await engine().db.apiKey.findUnique({ where: { id } })).toBeNull();
  });

  it("a key nobody is known to have made acts as a plain member, never an owner", async () => {
    const { key } = await createKey({ organizationId, createdById: null });
    expect((await listLinks({ key })).status).toBe(200);
    expect((await invite({ key }, "legacy@example.com", "owner")).status).toBe(403);
    const admin = await createKey({ organizationId: null, isAdmin: true, createdById: null });
    expect((await call(HANDLERS.adminListOrganizations!, { method: "GET", path: "/api/v1/admin/organizations", caller: { key: admin.key } })).status).toBe(401);
  });

  it("records who made a key", async () => {
    const owner = await createUser({ organizationId, role: "owner" });
    const { id } = await keyMadeBy(owner.cookie, ["read"]);
    expect((await engine().db.apiKey.findUniqueOrThrow({ where: { id } })).createdById).toBe(owner.user.id);
  });
});
