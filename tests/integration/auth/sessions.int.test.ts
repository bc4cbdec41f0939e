import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { signUpInputSchema } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/sign-up";
import { call, HANDLERS } from "../api/api-helpers";
import { anonymousCtx } from "../fixtures/app";
import { createKey, type Caller } from "../fixtures/callers";
import { withAppDatabase } from "../fixtures/database";
import { Browser } from "./browser";

// Sessions end server-side (issue 26, finding 5): cookies minted by the real sign-in route, used on the API after each way a
// session ends.
const db = withAppDatabase();
const PASSWORD = "the-first-password";
let counter = 0;

async function account() {
  counter += 1;
  const email = `session-${counter}@example.com`;
  await signUp({
    ctx: anonymousCtx(),
    input: signUpInputSchema.parse({ name: "Sam", email, password: PASSWORD, organizationName: `Sessions ${counter}` }),
    clientAddress: `198.51.100.${counter}`,
  });
  const user = await db().user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
  return { email, userId: user.id, organizationId: user.memberships[0]!.organizationId };
}

async function signedIn(email: string, password = PASSWORD) {
  const browser = new Browser(`198.51.100.${counter}`);
  expect(await browser.signIn(email, password)).toBeNull();
  expect(browser.sessionCookie).toBeTruthy();
  return browser;
}

const statusAs = async (caller: Caller) => (await call(HANDLERS.listMembers!, { method: "GET", path: "/api/v1/members", caller })).status;

describe("sessions", () => {
  it("a copied session cookie stops working once its session signs out", async () => {
    const { email } = await account();
    const browser = await signedIn(email);
    const copied = browser.caller;
    const copy = new Browser("192.0.2.200");
    copy.cookies.set("next-auth.session-token", browser.sessionCookie!);
    const nextAuthSession = async () => (await (await copy.send("GET", "/api/auth/session")).json()) as { user?: { email: string } };
    expect(await statusAs(copied)).toBe(200);
    expect(await nextAuthSession()).toMatchObject({ user: { email } });

    await browser.signOut();
    expect(browser.sessionCookie).toBeUndefined();
    expect(await statusAs(copied)).toBe(401);
    expect((await nextAuthSession()).user).toBeUndefined();
  });

  it("signing out one browser leaves the user's other sessions alone", async () => {
    const { email } = await account();
    const [laptop, phone] = [await signedIn(email), await signedIn(email)];
    await laptop.signOut();
    expect(await statusAs(phone.caller)).toBe(200);
  });

  it("sweeps expired sessions at sign-in", async () => {
    const { email, userId } = await account();
    const expired = await db().session.create({ data: { userId, expiresAt: new Date(Date.now() - 1000) } });
    const browser = await signedIn(email);
    expect(await db().session.findUnique({ where: { id: expired.id } })).toBeNull();
    expect(await db().session.count({ where: { userId } })).toBe(1);
    expect(await statusAs(browser.caller)).toBe(200);
  });

  it("refuses a session cookie that names no session (signed before sessions existed)", async () => {
    const { email, userId } = await account();
    const token = await encode({ token: { sub: userId, email }, secret: process.env.AUTH_SECRET! });
    expect(await statusAs({ cookie: `next-auth.session-token=${token}` })).toBe(401);
  });
});

describe("sign out everywhere", () => {
  it("ends every session of the user, the caller's included, and no one else's", async () => {
    const { email } = await account();
    const other = await account();
    const [laptop, phone, neighbour] = [await signedIn(email), await signedIn(email), await signedIn(other.email)];
    const response = await call(HANDLERS.signOutEverywhere!, { method: "DELETE", path: "/api/v1/me/sessions", caller: laptop.caller });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ endedSessions: 2 });
    expect([await statusAs(laptop.caller), await statusAs(phone.caller), await statusAs(neighbour.caller)]).toEqual([401, 401, 200]);
    expect(await db().auditLog.count({ where: { action: "user.sign_out_everywhere" } })).toBe(1);
  });

  it("is refused to an API key and to a cross-site request", async () => {
    const { email, organizationId } = await account();
    const browser = await signedIn(email);
    const { key } = await createKey({ organizationId });
    expect((await call(HANDLERS.signOutEverywhere!, { method: "DELETE", path: "/api/v1/me/sessions", caller: { key } })).status).toBe(403);
    const crossSite = await call(HANDLERS.signOutEverywhere!, {
      method: "DELETE",
      path: "/api/v1/me/sessions",
      caller: browser.caller,
      headers: { origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
    expect(await statusAs(browser.caller)).toBe(200);
  });
});

describe("password change", () => {
  const change = (caller: Caller, body: unknown) => call(HANDLERS.changePassword!, { method: "POST", path: "/api/v1/me/password", caller, body });

  it("keeps the current session, ends the others, and the new password is the one that signs in", async () => {
    const { email } = await account();
    const [here, elsewhere] = [await signedIn(email), await signedIn(email)];
    const response = await change(here.caller, { currentPassword: PASSWORD, newPassword: "the-second-password" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ endedSessions: 1 });
    expect([await statusAs(here.caller), await statusAs(elsewhere.caller)]).toEqual([200, 401]);
    expect(await new Browser("192.0.2.70").signIn(email, PASSWORD)).toBe("invalid_credentials");
    expect(await new Browser("192.0.2.71").signIn(email, "the-second-password")).toBeNull();
    expect(await db().auditLog.count({ where: { action: "user.password_change" } })).toBe(1);
  });

  it("refuses a wrong current password by its field, an API key, and changes nothing", async () => {
    const { email, userId, organizationId } = await account();
    const [here, elsewhere] = [await signedIn(email), await signedIn(email)];
    const before = (await db().user.findUniqueOrThrow({ where: { id: userId } })).passwordHash;
    const wrong = await change(here.caller, { currentPassword: "not-the-password", newPassword: "the-second-password" });
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toMatchObject({ invalidParams: [{ name: "currentPassword" }] });
    const { key } = await createKey({ organizationId });
    expect((await change({ key }, { currentPassword: PASSWORD, newPassword: "the-second-password" })).status).toBe(403);
    expect((await change(here.caller, { currentPassword: PASSWORD, newPassword: "short" })).status).toBe(422);
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).passwordHash).toBe(before);
    expect(await statusAs(elsewhere.caller)).toBe(200);
  });

  it("checks at most 5 wrong current passwords in 15 minutes, then refuses without checking", async () => {
    const { email } = await account();
    const browser = await signedIn(email);
    for (let i = 0; i < 5; i++) expect((await change(browser.caller, { currentPassword: `wrong-${i}`, newPassword: "the-second-password" })).status).toBe(422);
    const refused = await change(browser.caller, { currentPassword: PASSWORD, newPassword: "the-second-password" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
