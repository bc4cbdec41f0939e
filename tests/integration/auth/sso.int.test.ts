import { describe, expect, it } from "vitest";
import { signInWithSso } from "@/lib/auth/oidc";
import { signUpInputSchema } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/sign-up";
import { anonymousCtx } from "../fixtures/app";
import { withAppDatabase } from "../fixtures/database";

const db = withAppDatabase();

describe("single sign-on", () => {
  it("creates a user and an organization on first sign-in, and finds the same user next time", async () => {
    const first = await signInWithSso(db(), { provider: "oidc", subject: "sub-1", profile: { email: "New@Corp.example", name: "Nia New" } });
    expect(first).toMatchObject({ email: "new@corp.example", role: "customer", passwordHash: null });
    const memberships = await db().membership.findMany({ where: { userId: first!.id }, include: { organization: true } });
    expect(memberships).toEqual([expect.objectContaining({ role: "owner", organization: expect.objectContaining({ name: "Nia New's organization" }) })]);

    const again = await signInWithSso(db(), { provider: "oidc", subject: "sub-1", profile: { email: "changed@corp.example" } });
    expect(again?.id).toBe(first!.id);
    expect(await db().organization.count({ where: { memberships: { some: { userId: first!.id } } } })).toBe(1);
  });

  it("links an existing password account only when the provider verified the email", async () => {
    await signUp({
      ctx: anonymousCtx(),
      input: signUpInputSchema.parse({ name: "Pat", email: "pat@corp.example", password: "a-long-enough-pass", organizationName: "Pat Co" }),
      clientAddress: "192.0.2.1",
    });
    const user = await db().user.findUniqueOrThrow({ where: { email: "pat@corp.example" } });
    expect(await signInWithSso(db(), { provider: "oidc", subject: "sub-2", profile: { email: "pat@corp.example" } })).toBeNull();
    expect(await db().account.count({ where: { userId: user.id } })).toBe(0);

    const linked = await signInWithSso(db(), { provider: "oidc", subject: "sub-2", profile: { email: "pat@corp.example", email_verified: true } });
    expect(linked?.id).toBe(user.id);
    expect(await db().auditLog.count({ where: { action: "user.sso_linked", actorId: user.id } })).toBe(1);
  });

  it("refuses a profile without an email", async () => {
    expect(await signInWithSso(db(), { provider: "oidc", subject: "sub-3", profile: { name: "No Mail" } })).toBeNull();
  });
});
