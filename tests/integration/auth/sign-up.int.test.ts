import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { signUpInputSchema } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/sign-up";
import { anonymousCtx } from "../fixtures/app";
import { withAppDatabase } from "../fixtures/database";

const db = withAppDatabase();
const input = (email: string, organizationName = "Initech", password = "a-long-enough-pass") =>
  signUpInputSchema.parse({ name: "Peter", email, password, organizationName });

let addresses = 0;
/** Each sign-up from its own client address, so the per-address limit is not what these tests meet. */
const from = () => ({ clientAddress: `192.0.2.${++addresses}` });

const principalJobs = () => db().$queryRaw<{ data: { organizationId: string } }[]>`SELECT data FROM pgboss.job WHERE name = 'organization-principal'`;

describe("signUp", () => {
  it("creates a customer, a new organization it owns, and an audit row, in one go; no AWS role, nor a job to make one", async () => {
    const answer = await signUp({ ctx: anonymousCtx("req-42"), input: input("Peter@Initech.example"), ...from() });
    expect(answer).toEqual({ email: "peter@initech.example", next: "sign_in" });

    const user = await db().user.findUniqueOrThrow({
      where: { email: "peter@initech.example" },
      include: { memberships: { include: { organization: true } } },
    });
    expect(user.role).toBe("customer");
    expect(user.passwordHash).not.toContain("a-long-enough-pass");
    expect(await verifyPassword("a-long-enough-pass", user.passwordHash!)).toBe(true);
    expect(user.memberships).toEqual([expect.objectContaining({ role: "owner", organization: expect.objectContaining({ slug: "initech", name: "Initech" }) })]);
    const organizationId = user.memberships[0]!.organizationId;

    const audit = await db().auditLog.findMany({ where: { targetId: user.id } });
    expect(audit).toEqual([expect.objectContaining({ action: "user.sign_up", organizationId, requestId: "req-42" })]);
    // The role waits for the organization's first Setup view or registration (orgs/first-need.int.test.ts).
    expect((await principalJobs()).map((job) => job.data.organizationId)).not.toContain(organizationId);
  });

  it("gives a second organization of the same name its own slug", async () => {
    await signUp({ ctx: anonymousCtx(), input: input("a@same-name.example", "Same Name"), ...from() });
    await signUp({ ctx: anonymousCtx(), input: input("b@same-name.example", "Same Name"), ...from() });
    const slugs = (await db().organization.findMany({ where: { name: "Same Name" }, orderBy: { createdAt: "asc" } })).map((org) => org.slug);
    expect(slugs[0]).toBe("same-name");
    expect(slugs[1]).toMatch(/^same-name-[0-9a-f]{6}$/);
  });

  it("answers an address that has an account as a new one, creating and changing nothing; the owner is told by mail", async () => {
    const fresh = await signUp({ ctx: anonymousCtx(), input: input("dup@example.com"), ...from() });
    const user = await db().user.findUniqueOrThrow({ where: { email: "dup@example.com" } });
    const count = () =>
      Promise.all([db().user.count(), db().organization.count(), db().membership.count(), db().auditLog.count({ where: { action: "user.sign_up" } })]);
    const before = await count();

    const again = await signUp({ ctx: anonymousCtx("req-dup"), input: input("DUP@example.com", "Another Org", "a-different-password"), ...from() });
    expect(again).toEqual(fresh);
    expect(await count()).toEqual(before);
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(user);
    const noted = await db().auditLog.findMany({ where: { action: "user.sign_up_existing_address" } });
    expect(noted).toEqual([
      expect.objectContaining({ organizationId: null, actorType: "system", targetType: "user", targetId: user.id, requestId: "req-dup" }),
    ]);
    const told = await db().mailMessage.findMany({ where: { template: "sign-up-existing" } });
    expect(told).toEqual([expect.objectContaining({ to: "dup@example.com", userId: user.id, key: `sign-up-existing:${noted[0]!.id}` })]);
  });

  it("lets exactly one of two racing sign-ups with one email make an organization; both answer the same", async () => {
    const results = await Promise.all([
      signUp({ ctx: anonymousCtx(), input: input("race@example.com", "Race A"), ...from() }),
      signUp({ ctx: anonymousCtx(), input: input("race@example.com", "Race B"), ...from() }),
    ]);
    expect(results[0]).toEqual(results[1]);
    expect(await db().organization.count({ where: { name: { startsWith: "Race" } } })).toBe(1);
    expect(await db().auditLog.count({ where: { action: "user.sign_up_existing_address" } })).toBe(2);
  });
});
