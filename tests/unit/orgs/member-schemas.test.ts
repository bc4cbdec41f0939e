import { describe, expect, it } from "vitest";
import { acceptInvitationInputSchema, changeMemberRoleInputSchema, createInvitationInputSchema, invitationTokenSchema } from "@/lib/orgs/member-schemas";

describe("member and invitation schemas", () => {
  it("invites a lower-cased email, as a member unless told otherwise", () => {
    expect(createInvitationInputSchema.parse({ email: " Ann@Example.COM " })).toEqual({ email: "ann@example.com", role: "member" });
    expect(createInvitationInputSchema.safeParse({ email: "ann@example.com", role: "admin" }).success).toBe(false);
    expect(createInvitationInputSchema.safeParse({ email: "ann@example.com", extra: 1 }).success).toBe(false);
  });

  it("takes only a whole invitation token", () => {
    const token = `inv_${"a".repeat(43)}`;
    expect(invitationTokenSchema.parse(token)).toBe(token);
    for (const bad of [token.slice(0, -1), `${token}a`, `plk_${"a".repeat(43)}`, `inv_${"a".repeat(42)}/`])
      expect(invitationTokenSchema.safeParse(bad).success).toBe(false);
  });

  it("asks a new account for a name and a password of 12 characters or more", () => {
    const token = `inv_${"a".repeat(43)}`;
    expect(acceptInvitationInputSchema.safeParse({ token, name: "Ann", password: "short" }).success).toBe(false);
    expect(acceptInvitationInputSchema.safeParse({ token, name: " ", password: "long enough password" }).success).toBe(false);
    expect(acceptInvitationInputSchema.parse({ token, name: " Ann ", password: "long enough password" }).name).toBe("Ann");
    expect(changeMemberRoleInputSchema.safeParse({ role: "admin" }).success).toBe(false);
  });
});
