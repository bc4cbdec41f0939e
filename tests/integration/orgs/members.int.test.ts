import { describe, expect, it } from "vitest";
import { acceptInvitation } from "@/lib/auth/accept-invitation";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { createInvitation, joinInvitation, listInvitations, previewInvitation, revokeInvitation } from "@/lib/orgs/invitations";
import { changeMemberRole, listMembers, removeMember } from "@/lib/orgs/members";
import { createOrganization, withLinkEngine } from "../fixtures/app";

const { engine } = withLinkEngine();
let people = 0;

/** A user of the organization with this role, and the ctx their session gives. */
async function person(ctx: Ctx, role: "owner" | "member") {
  people += 1;
  const user = await engine().db.user.create({ data: { email: `person-${people}-${Date.now()}@example.com` } });
  const membership = await engine().db.membership.create({ data: { organizationId: ctx.organizationId!, userId: user.id, role } });
  return { user, membership, ctx: { ...ctx, engine: engine(), actor: { type: "user" as const, id: user.id }, role } };
}

const tokenOf = (url: string) => url.split("/invitations/")[1]!;
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: AppError) => `${error.status} ${error.code}`,
  );

describe("members", () => {
  it("keeps an owner: the last one cannot leave, be removed or be made a member", async () => {
    const { ctx } = await createOrganization();
    const owner = await person(ctx, "owner");
    const member = await person(ctx, "member");
    expect(await code(removeMember({ ctx: owner.ctx, input: { membershipId: owner.membership.id } }))).toBe("409 conflict");
    expect(await code(changeMemberRole({ ctx: owner.ctx, input: { membershipId: owner.membership.id, role: "member" } }))).toBe("409 conflict");
    expect(await code(removeMember({ ctx: member.ctx, input: { membershipId: owner.membership.id } }))).toBe("403 forbidden");
    expect(await code(changeMemberRole({ ctx: member.ctx, input: { membershipId: member.membership.id, role: "owner" } }))).toBe("403 forbidden");

    // With a second owner, the first may leave; the member may leave too.
    await changeMemberRole({ ctx: owner.ctx, input: { membershipId: member.membership.id, role: "owner" } });
    await removeMember({ ctx: owner.ctx, input: { membershipId: owner.membership.id } });
    const { data } = await listMembers({ ctx: member.ctx, input: { limit: 10 } });
    expect(data.map((m) => [m.email, m.role, m.isYou])).toEqual([[member.user.email, "owner", true]]);
    const actions = await engine().db.auditLog.findMany({
      where: { organizationId: ctx.organizationId, action: { startsWith: "member." } },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual(["member.change_role", "member.leave"]);
  });

  it("of two owners demoting each other at once, one stays owner", async () => {
    const { ctx } = await createOrganization();
    const a = await person(ctx, "owner");
    const b = await person(ctx, "owner");
    const outcomes = await Promise.all([
      code(changeMemberRole({ ctx: a.ctx, input: { membershipId: b.membership.id, role: "member" } })),
      code(changeMemberRole({ ctx: b.ctx, input: { membershipId: a.membership.id, role: "member" } })),
    ]);
    expect(outcomes.sort()).toEqual(["409 conflict", "ok"]);
    expect(await engine().db.membership.count({ where: { organizationId: ctx.organizationId!, role: "owner" } })).toBe(1);
  });
});

describe("invitations", () => {
  it("a new person accepts by creating the invited account, once", async () => {
    const { ctx, org } = await createOrganization();
    const owner = await person(ctx, "owner");
    const invited = await createInvitation({ ctx: owner.ctx, input: { email: "New.Person@Example.com", role: "member" } });
    expect(invited).toMatchObject({ email: "new.person@example.com", role: "member", status: "open" });
    const token = tokenOf(invited.url);
    // Only the hash is stored.
    expect(JSON.stringify(await engine().db.invitation.findUniqueOrThrow({ where: { id: invited.id } }))).not.toContain(token);

    expect(await previewInvitation({ ctx, input: { token } })).toMatchObject({
      organizationName: org.name,
      email: "new.person@example.com",
      hasAccount: false,
    });
    const joined = await acceptInvitation({ ctx, input: { token, name: "New Person", password: "a long enough password" } });
    expect(joined).toMatchObject({ organization: { id: org.id }, role: "member" });
    const user = await engine().db.user.findUniqueOrThrow({ where: { email: "new.person@example.com" }, include: { memberships: true } });
    expect(user.memberships.map((m) => [m.organizationId, m.role])).toEqual([[org.id, "member"]]);
    // Whoever invited saw the link too, so it proves no address: the new account verifies its own, as a sign-up's does.
    expect(user.emailVerifiedAt).toBeNull();
    expect(await engine().db.mailMessage.count({ where: { to: "new.person@example.com", template: "verify-email", userId: user.id } })).toBe(1);

    // Used: the link is dead, whoever tries.
    expect(await code(acceptInvitation({ ctx, input: { token, name: "Again", password: "a long enough password" } }))).toBe("404 not_found");
    expect(await code(previewInvitation({ ctx, input: { token } }))).toBe("404 not_found");
    expect((await listInvitations({ ctx: owner.ctx, input: { limit: 10 } })).data).toEqual([]);
  });

  it("a signed-in user joins only with the invited email; expired, revoked and replaced links are refused", async () => {
    const { ctx, org } = await createOrganization();
    const owner = await person(ctx, "owner");
    const other = await createOrganization();
    const outsider = await person(other.ctx, "owner");

    const forSomeoneElse = await createInvitation({ ctx: owner.ctx, input: { email: "someone@example.com", role: "owner" } });
    expect(await code(joinInvitation({ ctx: outsider.ctx, input: { token: tokenOf(forSomeoneElse.url) } }))).toBe("403 forbidden");

    const first = await createInvitation({ ctx: owner.ctx, input: { email: outsider.user.email, role: "owner" } });
    const second = await createInvitation({ ctx: owner.ctx, input: { email: outsider.user.email, role: "member" } });
    expect(await code(joinInvitation({ ctx: outsider.ctx, input: { token: tokenOf(first.url) } }))).toBe("404 not_found");
    await engine().db.invitation.update({ where: { id: second.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await code(joinInvitation({ ctx: outsider.ctx, input: { token: tokenOf(second.url) } }))).toBe("404 not_found");
    expect((await listInvitations({ ctx: owner.ctx, input: { limit: 10 } })).data.map((i) => i.status)).toEqual(["expired", "open"]);

    const third = await createInvitation({ ctx: owner.ctx, input: { email: outsider.user.email, role: "member" } });
    expect(await previewInvitation({ ctx, input: { token: tokenOf(third.url) } })).toMatchObject({ hasAccount: true });
    await revokeInvitation({ ctx: owner.ctx, input: { invitationId: third.id } });
    expect(await code(joinInvitation({ ctx: outsider.ctx, input: { token: tokenOf(third.url) } }))).toBe("404 not_found");

    const fourth = await createInvitation({ ctx: owner.ctx, input: { email: outsider.user.email, role: "member" } });
    expect(await joinInvitation({ ctx: outsider.ctx, input: { token: tokenOf(fourth.url) } })).toMatchObject({ organization: { id: org.id }, role: "member" });
    // Already a member: inviting again is refused by the email field.
    const again = await createInvitation({ ctx: owner.ctx, input: { email: outsider.user.email, role: "member" } }).catch((error: AppError) => error);
    expect(again).toMatchObject({ code: "conflict", invalidParams: [{ name: "email" }] });
    // A member cannot invite.
    const member = await person(ctx, "member");
    expect(await code(createInvitation({ ctx: member.ctx, input: { email: "x@example.com", role: "member" } }))).toBe("403 forbidden");
  });

  it("of two acceptances of one link at once, one joins", async () => {
    const { ctx } = await createOrganization();
    const owner = await person(ctx, "owner");
    const invited = await createInvitation({ ctx: owner.ctx, input: { email: "race@example.com", role: "member" } });
    const token = tokenOf(invited.url);
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => code(acceptInvitation({ ctx, input: { token, name: "Racer", password: "a long enough password" } }))),
    );
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
    expect(await engine().db.membership.count({ where: { organizationId: ctx.organizationId!, user: { email: "race@example.com" } } })).toBe(1);
  });
});
