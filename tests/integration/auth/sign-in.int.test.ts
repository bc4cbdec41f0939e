import { describe, expect, it } from "vitest";
import { signInInputSchema, signUpInputSchema } from "@/lib/auth/schemas";
import { hitAll } from "@/lib/auth/rate-limit";
import { ceilingDelayMs, SIGN_IN_LIMITS, signInWithPassword } from "@/lib/auth/sign-in";
import { signUp } from "@/lib/auth/sign-up";
import { anonymousCtx } from "../fixtures/app";
import { withAppDatabase } from "../fixtures/database";
import { Browser } from "./browser";

const db = withAppDatabase();
const PASSWORD = "the-right-password";

let accounts = 0;
async function account(email: string) {
  accounts += 1;
  const input = signUpInputSchema.parse({ name: "Sam", email, password: PASSWORD, organizationName: `Org of ${email}` });
  await signUp({ ctx: anonymousCtx(), input, clientAddress: `192.0.2.${accounts}` });
  return email;
}
const attempt = (email: string, password: string, address: string | null = "198.51.100.7", wait?: (ms: number) => Promise<void>) =>
  signInWithPassword(db(), signInInputSchema.parse({ email, password }), address, { wait });

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

  it("does not let wrong passwords from one address lock the account's owner out elsewhere (issue 26, finding 8)", async () => {
    const email = await account("target@example.com");
    const attacker = new Browser("203.0.113.66");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountAndAddress; i++) expect(await attacker.signIn(email, `guess-${i}`)).toBe("invalid_credentials");
    expect(await attacker.signIn(email, PASSWORD)).toMatch(/^too_many_requests:\d+$/); // that address stays locked out of it

    const owner = new Browser("198.51.100.23");
    expect(await owner.signIn(email, PASSWORD)).toBeNull();
    expect(owner.sessionCookie).toBeTruthy();
  });

  it("locks one address out of an account after repeated failures, even for the right password", async () => {
    const email = await account("locked@example.com");
    const address = "203.0.113.9";
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountAndAddress; i++) {
      await expect(attempt(email, "bad-guess", address)).rejects.toMatchObject({ code: "invalid_credentials" });
    }
    await expect(attempt(email, PASSWORD, address)).rejects.toMatchObject({
      code: "too_many_requests",
      detail: expect.stringMatching(/Try again in 1[45] minutes/),
    });
    // The same address on another account is not affected.
    await expect(attempt(await account("neighbour@example.com"), PASSWORD, address)).resolves.toMatchObject({ email: "neighbour@example.com" });
  });

  it("slows, without locking, an account failing from many addresses: each check past the ceiling waits longer", async () => {
    const email = await account("crowded@example.com");
    const waits: number[] = [];
    const wait = async (ms: number) => void waits.push(ms);
    const failures = (n: number, address: string) =>
      Array.from({ length: n }).reduce<Promise<void>>(
        (previous) => previous.then(() => expect(attempt(email, "bad-guess", address, wait)).rejects.toMatchObject({ code: "invalid_credentials" })),
        Promise.resolve(),
      );
    await failures(SIGN_IN_LIMITS.perAccountAndAddress, "203.0.113.101");
    await failures(SIGN_IN_LIMITS.accountCeiling - SIGN_IN_LIMITS.perAccountAndAddress, "203.0.113.102");
    expect(waits).toEqual([]); // up to the ceiling, no wait
    // A locked-out address knocking again is refused unchecked and does not count toward the ceiling.
    await expect(attempt(email, PASSWORD, "203.0.113.101", wait)).rejects.toMatchObject({ code: "too_many_requests" });
    await failures(2, "203.0.113.103");
    expect(waits).toEqual([250, 500]);
    await expect(attempt(email, PASSWORD, "198.51.100.99", wait)).resolves.toMatchObject({ email });
    expect(waits).toEqual([250, 500, 1000]);
    // The success took back its own attempt only: the failures still count.
    expect(await db().rateLimit.findUnique({ where: { key: `sign-in:account:${email}` } })).toMatchObject({ count: SIGN_IN_LIMITS.accountCeiling + 2 });
    expect(ceilingDelayMs(SIGN_IN_LIMITS.accountCeiling + 50)).toBe(SIGN_IN_LIMITS.maxDelayMs);
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

  it("checks at most the limit's passwords of many concurrent wrong attempts on one account from one address", async () => {
    const email = await account("parallel@example.com");
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => attempt(email, "bad-guess", "198.51.100.10").catch((error: { code: string }) => error.code)),
    );
    expect(outcomes.filter((code) => code === "invalid_credentials")).toHaveLength(SIGN_IN_LIMITS.perAccountAndAddress);
    expect(outcomes.filter((code) => code === "too_many_requests")).toHaveLength(20 - SIGN_IN_LIMITS.perAccountAndAddress);
  });

  it("counts only failures: a success gives the address its attempt back", async () => {
    const address = "192.0.2.150";
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress - 1; i++) await hitAll(db(), [`sign-in:address:${address}`], SIGN_IN_LIMITS.windowMs); // as many failures
    const email = await account("often@example.com");
    for (let i = 0; i < 3; i++) await expect(attempt(email, PASSWORD, address)).resolves.toMatchObject({ email });
    await expect(attempt(email, "bad-guess", address)).rejects.toMatchObject({ code: "invalid_credentials" });
    await expect(attempt(email, PASSWORD, address)).rejects.toMatchObject({ code: "too_many_requests" });
  });

  it("clears the address's failures on the account after a success", async () => {
    const email = await account("recovers@example.com");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountAndAddress - 1; i++) await attempt(email, "bad-guess", null).catch(() => {});
    await attempt(email, PASSWORD, null);
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountAndAddress - 1; i++) await attempt(email, "bad-guess", null).catch(() => {});
    await expect(attempt(email, PASSWORD, null)).resolves.toMatchObject({ email });
  });
});
