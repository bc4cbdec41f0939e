import { describe, expect, it } from "vitest";
import { signInInputSchema, signUpInputSchema } from "@/lib/auth/schemas";
import { hitAll } from "@/lib/auth/rate-limit";
import { SIGN_IN_LIMITS, signInWithPassword } from "@/lib/auth/sign-in";
import { signUp } from "@/lib/auth/sign-up";
import { anonymousCtx } from "../fixtures/app";
import { withAppDatabase } from "../fixtures/database";

const db = withAppDatabase();
const PASSWORD = "the-right-password";

let accounts = 0;
async function account(email: string) {
  accounts += 1;
  const input = signUpInputSchema.parse({ name: "Sam", email, password: PASSWORD, organizationName: `Org of ${email}` });
  await signUp({ ctx: anonymousCtx(), input, clientAddress: `192.0.2.${accounts}` });
  return email;
}
const attempt = (email: string, password: string, address: string | null = "198.51.100.7") =>
  signInWithPassword(db(), signInInputSchema.parse({ email, password }), address);

describe("signInWithPassword", () => {
  it("signs in with the right password and records it", async () => {
    const email = await account("right@example.com");
    const user = await attempt(email, PASSWORD);
    expect(user).toMatchObject({ email, role: "customer" });
    expect((await db().user.findUniqueOrThrow({ where: { email } })).lastSignInAt).toBeInstanceOf(Date);
    expect(await db().auditLog.count({ where: { action: "user.sign_in", actorId: user.id } })).toBe(1);
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const email = await account("wrong@example.com");
    await expect(attempt(email, "not-the-password")).rejects.toMatchObject({ code: "invalid_credentials", detail: "Email or password is incorrect." });
    await expect(attempt("nobody@example.com", "whatever-password")).rejects.toMatchObject({
      code: "invalid_credentials",
      detail: "Email or password is incorrect.",
    });
  });

  it("locks an account after repeated failures, even for the right password, from any address", async () => {
    const email = await account("locked@example.com");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      await expect(attempt(email, "bad-guess", `203.0.113.${i}`)).rejects.toMatchObject({ code: "invalid_credentials" });
    }
    await expect(attempt(email, PASSWORD, "203.0.113.200")).rejects.toMatchObject({
      code: "too_many_requests",
      detail: expect.stringMatching(/Try again in 1[45] minutes/),
    });
    // Another account is not affected.
    await expect(attempt(await account("neighbour@example.com"), PASSWORD, "203.0.113.201")).resolves.toMatchObject({ email: "neighbour@example.com" });
  });

  it("throttles one address that tries many accounts", async () => {
    const address = "192.0.2.99";
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      await expect(attempt(`spray-${i}@example.com`, "guess-password", address)).rejects.toMatchObject({ code: "invalid_credentials" });
    }
    const email = await account("victim@example.com");
    await expect(attempt(email, PASSWORD, address)).rejects.toMatchObject({ code: "too_many_requests" });
    await expect(attempt(email, PASSWORD, "192.0.2.100")).resolves.toMatchObject({ email });
  });

  it("checks at most the limit's passwords of many concurrent wrong attempts on one account", async () => {
    const email = await account("parallel@example.com");
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(email, "bad-guess", `198.51.100.${i + 10}`).catch((error: { code: string }) => error.code)),
    );
    expect(outcomes.filter((code) => code === "invalid_credentials")).toHaveLength(SIGN_IN_LIMITS.perAccount);
    expect(outcomes.filter((code) => code === "too_many_requests")).toHaveLength(20 - SIGN_IN_LIMITS.perAccount);
  });

  it("counts only failures: a success gives the address its attempt back", async () => {
    const address = "192.0.2.150";
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress - 1; i++) await hitAll(db(), [`sign-in:address:${address}`], SIGN_IN_LIMITS.windowMs); // as many failures
    const email = await account("often@example.com");
    for (let i = 0; i < 3; i++) await expect(attempt(email, PASSWORD, address)).resolves.toMatchObject({ email });
    await expect(attempt(email, "bad-guess", address)).rejects.toMatchObject({ code: "invalid_credentials" });
    await expect(attempt(email, PASSWORD, address)).rejects.toMatchObject({ code: "too_many_requests" });
  });

  it("clears the account's failures after a success", async () => {
    const email = await account("recovers@example.com");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) await attempt(email, "bad-guess", null).catch(() => {});
    await attempt(email, PASSWORD, null);
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) await attempt(email, "bad-guess", null).catch(() => {});
    await expect(attempt(email, PASSWORD, null)).resolves.toMatchObject({ email });
  });
});
