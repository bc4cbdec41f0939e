import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { signUpInputSchema } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/sign-up";
import { AppError } from "@/lib/errors";
import { anonymousCtx } from "../fixtures/app";
import { withAppDatabase } from "../fixtures/database";

const db = withAppDatabase();
const input = (email: string, organizationName = "Initech") =>
  signUpInputSchema.parse({ name: "Peter", email, password: "a-long-enough-pass", organizationName });

describe("signUp", () => {
  it("creates a customer, a new organization it owns, and an audit row, in one go", async () => {
    const result = await signUp({ ctx: anonymousCtx("req-42"), input: input("Peter@Initech.example") });
    expect(result.organization).toMatchObject({ slug: "initech", name: "Initech" });

    const user = await db().user.findUniqueOrThrow({ where: { email: "peter@initech.example" }, include: { memberships: true } });
    expect(user.role).toBe("customer");
    expect(user.passwordHash).not.toContain("a-long-enough-pass");
    expect(await verifyPassword("a-long-enough-pass", user.passwordHash!)).toBe(true);
    expect(user.memberships).toEqual([expect.objectContaining({ organizationId: result.organization.id, role: "owner" })]);

    const audit = await db().auditLog.findMany({ where: { targetId: user.id } });
    expect(audit).toEqual([expect.objectContaining({ action: "user.sign_up", organizationId: result.organization.id, requestId: "req-42" })]);
    // The organization's setup job (its AWS principal), committed with it.
    const jobs = await db().$queryRaw<
      { data: { organizationId: string; requestId: string } }[]
    >`SELECT data FROM pgboss.job WHERE name = 'organization-principal'`;
    expect(jobs.map((job) => job.data)).toContainEqual({ organizationId: result.organization.id, requestId: "req-42" });
  });

  it("gives a second organization of the same name its own slug", async () => {
    const first = await signUp({ ctx: anonymousCtx(), input: input("a@same-name.example", "Same Name") });
    const second = await signUp({ ctx: anonymousCtx(), input: input("b@same-name.example", "Same Name") });
    expect(first.organization.slug).toBe("same-name");
    expect(second.organization.slug).toMatch(/^same-name-[0-9a-f]{6}$/);
  });

  it("refuses a duplicate email and writes nothing", async () => {
    await signUp({ ctx: anonymousCtx(), input: input("dup@example.com") });
    const before = await Promise.all([db().user.count(), db().organization.count(), db().auditLog.count()]);
    const error = await signUp({ ctx: anonymousCtx(), input: input("DUP@example.com", "Another Org") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "email_taken", invalidParams: [{ name: "email", reason: "An account with this email already exists" }] });
    expect(await Promise.all([db().user.count(), db().organization.count(), db().auditLog.count()])).toEqual(before);
  });

  it("lets exactly one of two racing sign-ups with one email win", async () => {
    const results = await Promise.allSettled([
      signUp({ ctx: anonymousCtx(), input: input("race@example.com", "Race A") }),
      signUp({ ctx: anonymousCtx(), input: input("race@example.com", "Race B") }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.reason).toMatchObject({ code: "email_taken" });
    expect(await db().organization.count({ where: { name: { startsWith: "Race" } } })).toBe(1);
  });
});
