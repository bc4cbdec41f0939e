import { describe, expect, it } from "vitest";
import { signInInputSchema, signUpInputSchema } from "@/lib/auth/schemas";
import { slugify } from "@/lib/orgs/create-organization";
import { invalidParamsOf } from "@/lib/validation";

const valid = { name: "Ada", email: " Ada@Example.COM ", password: "a-long-enough-pass", organizationName: "Analytical Engines" };

describe("sign-up input", () => {
  it("normalises the email", () => {
    expect(signUpInputSchema.parse(valid).email).toBe("ada@example.com");
  });

  it.each([
    [{ email: "not-an-email" }, "email", "Enter a valid email address, like name@example.com"],
    [{ email: "" }, "email", "Enter your email address"],
    [{ password: "short" }, "password", "Use at least 12 characters"],
    [{ name: "   " }, "name", "Enter your name"],
    [{ organizationName: "x" }, "organizationName", "Use at least 2 characters"],
  ])("names the bad field for %j", (change, field, reason) => {
    const result = signUpInputSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(invalidParamsOf(result.error!)).toEqual([{ name: field, reason }]);
  });

  it("reports one reason per field for a wholly wrong body", () => {
    const result = signUpInputSchema.safeParse({ email: 42 });
    expect(invalidParamsOf(result.error!).map((p) => p.name)).toEqual(["name", "email", "password", "organizationName"]);
  });
});

describe("sign-in input", () => {
  it("requires a password", () => {
    const result = signInInputSchema.safeParse({ email: "a@b.co", password: "" });
    expect(invalidParamsOf(result.error!)).toEqual([{ name: "password", reason: "Enter your password" }]);
  });
});

describe("slugify", () => {
  it.each([
    ["Acme Analytics, Inc.", "acme-analytics-inc"],
    ["Ünïcödé  Ltd", "unicode-ltd"],
    ["!!!", "org"],
    ["a".repeat(60), "a".repeat(40)],
  ])("%s -> %s", (name, slug) => expect(slugify(name)).toBe(slug));
});
