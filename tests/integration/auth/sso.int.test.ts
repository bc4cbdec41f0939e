import { describe, expect, it } from "vitest";
import { signUpInputSchema } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/sign-up";
import { call, HANDLERS } from "../api/api-helpers";
import { anonymousCtx } from "../fixtures/app";
import { createKey } from "../fixtures/callers";
import { withAppDatabase } from "../fixtures/database";
import { Browser } from "./browser";
import { withOidcProvider } from "./oidc-provider";

// Single sign-on through next-auth's routes, against an OpenID Connect provider on loopback.
const provider = withOidcProvider();
const db = withAppDatabase();

const PASSWORD = "a-long-enough-pass";
const passwordAccount = async (email: string, organizationName = `Org of ${email}`) => {
  await signUp({
    ctx: anonymousCtx(),
    input: signUpInputSchema.parse({ name: "Pat", email, password: PASSWORD, organizationName }),
    clientAddress: "192.0.2.1",
  });
  const user = await db().user.findUniqueOrThrow({ where: { email }, include: { memberships: { include: { organization: true } } } });
  return { user, organization: user.memberships[0]!.organization };
};
const meOf = async (browser: Browser) => {
  const response = await call(HANDLERS.listMembers!, { method: "GET", path: "/api/v1/members", caller: browser.caller });
  return { status: response.status, emails: response.ok ? ((await response.json()) as { data: { email: string }[] }).data.map((m) => m.email) : [] };
};

describe("single sign-on", () => {
  it("creates a user and an organization on first sign-in, and finds the same user next time", async () => {
    const browser = new Browser();
    const landed = await browser.signInWithSso(provider(), { sub: "sub-1", email: "New@Corp.example", email_verified: true, name: "Nia New" });
    expect(landed.pathname).toBe("/");
    const user = await db().user.findUniqueOrThrow({ where: { email: "new@corp.example" } });
    expect(user).toMatchObject({ role: "customer", passwordHash: null });
    const memberships = await db().membership.findMany({ where: { userId: user.id }, include: { organization: true } });
    expect(memberships).toEqual([expect.objectContaining({ role: "owner", organization: expect.objectContaining({ name: "Nia New's organization" }) })]);
    expect(await meOf(browser)).toEqual({ status: 200, emails: ["new@corp.example"] });

    const again = new Browser();
    await again.signInWithSso(provider(), { sub: "sub-1", email: "changed@corp.example" });
    expect(await meOf(again)).toEqual({ status: 200, emails: ["new@corp.example"] });
    expect(await db().organization.count({ where: { memberships: { some: { userId: user.id } } } })).toBe(1);
  });

  it("does not let an account signed up first with someone's address capture their single sign-on (issue 26, finding 1)", async () => {
    // The attacker signs up with the victim's address and a password of their own; nobody verified that address.
    const { user: squatter } = await passwordAccount("victim@corp.example", "Squatter Inc");
    // The victim then signs in through the company's provider, which verified the address.
    const victim = new Browser("203.0.113.50");
    const landed = await victim.signInWithSso(provider(), { sub: "victim-sub", email: "victim@corp.example", email_verified: true, name: "Vic" });

    expect(await db().account.count({ where: { userId: squatter.id } })).toBe(0);
    expect(landed.pathname).toBe("/sign-in");
    expect(landed.searchParams.get("error")).toBe("sso_account_exists");
    expect((await meOf(victim)).status).toBe(401);
  });

  it("refuses an existing account's address that the provider did not verify either", async () => {
    await passwordAccount("unverified@corp.example");
    const landed = await new Browser().signInWithSso(provider(), { sub: "unverified-sub", email: "unverified@corp.example" });
    expect(landed.searchParams.get("error")).toBe("sso_account_exists");
    expect(await db().account.count({ where: { providerAccountId: "unverified-sub" } })).toBe(0);
  });

  it("attaches another identity by email to an account whose address a provider verified", async () => {
    await new Browser().signInWithSso(provider(), { sub: "first-sub", email: "kim@corp.example", email_verified: true });
    const user = await db().user.findUniqueOrThrow({ where: { email: "kim@corp.example" } });
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);

    const again = new Browser();
    expect((await again.signInWithSso(provider(), { sub: "second-sub", email: "kim@corp.example", email_verified: true })).pathname).toBe("/");
    expect(await db().account.count({ where: { userId: user.id } })).toBe(2);
    expect(await meOf(again)).toEqual({ status: 200, emails: ["kim@corp.example"] });
  });

  it("does not verify the address of a user whose provider did not", async () => {
    await new Browser().signInWithSso(provider(), { sub: "loose-sub", email: "loose@corp.example" });
    expect((await db().user.findUniqueOrThrow({ where: { email: "loose@corp.example" } })).emailVerifiedAt).toBeNull();
    const landed = await new Browser().signInWithSso(provider(), { sub: "other-sub", email: "loose@corp.example", email_verified: true });
    expect(landed.searchParams.get("error")).toBe("sso_account_exists");
  });

  it("refuses a profile without an email", async () => {
    const browser = new Browser();
    const landed = await browser.signInWithSso(provider(), { sub: "sub-3", name: "No Mail" });
    expect(landed.pathname).toBe("/sign-in");
    expect(landed.searchParams.get("error")).toBeTruthy();
    expect(await db().account.count({ where: { providerAccountId: "sub-3" } })).toBe(0);
  });
});

describe("linking single sign-on from Settings", () => {
  async function signedIn(email: string) {
    const browser = new Browser("192.0.2.44");
    expect(await browser.signIn(email, PASSWORD)).toBeNull();
    return browser;
  }
  const startLink = (browser: Browser, headers: Record<string, string> = {}) =>
    call(HANDLERS.startSsoLink!, { method: "POST", path: "/api/v1/me/sso-link", caller: browser.caller, headers });

  it("attaches the identity to the signed-in user, who then signs in with it, keeping the session", async () => {
    const { user } = await passwordAccount("linker@corp.example");
    const browser = await signedIn("linker@corp.example");
    const started = await startLink(browser);
    expect(started.status).toBe(201);
    expect(await started.json()).toEqual({ expiresAt: expect.any(String) });
    const sessionBefore = browser.sessionCookie;

    const landed = await browser.signInWithSso(provider(), { sub: "linker-sub", email: "linker@corp.example", email_verified: true }, "/settings?sso=linked");
    expect(`${landed.pathname}${landed.search}`).toBe("/settings?sso=linked");
    expect(await db().account.findMany({ where: { userId: user.id }, select: { providerAccountId: true } })).toEqual([{ providerAccountId: "linker-sub" }]);
    expect(await db().auditLog.count({ where: { action: "user.sso_linked", actorId: user.id } })).toBe(1);
    expect(browser.sessionCookie).not.toBe(sessionBefore); // a new cookie, for the same session
    expect(await db().session.count({ where: { userId: user.id } })).toBe(1);
    expect(await db().session.count({ where: { userId: user.id, ssoLinkExpiresAt: { not: null } } })).toBe(0); // used up
    expect((await meOf(browser)).status).toBe(200);
    // The provider vouched for the address: verified from now on.
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeInstanceOf(Date);

    const elsewhere = new Browser("192.0.2.45");
    expect((await elsewhere.signInWithSso(provider(), { sub: "linker-sub", email: "linker@corp.example" })).pathname).toBe("/");
    expect(await meOf(elsewhere)).toEqual({ status: 200, emails: ["linker@corp.example"] });
  });

  it("links an identity whose email differs: the person signed in holds both", async () => {
    const { user } = await passwordAccount("personal@home.example");
    const browser = await signedIn("personal@home.example");
    expect((await startLink(browser)).status).toBe(201);
    await browser.signInWithSso(provider(), { sub: "work-sub", email: "personal.name@corp.example", email_verified: true });
    expect(await db().account.count({ where: { userId: user.id, providerAccountId: "work-sub" } })).toBe(1);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();
  });

  it("uses an intent once, and not after it expired", async () => {
    const { user } = await passwordAccount("expiry@corp.example");
    const browser = await signedIn("expiry@corp.example");
    expect((await startLink(browser)).status).toBe(201);
    await db().session.updateMany({ where: { userId: user.id }, data: { ssoLinkExpiresAt: new Date(Date.now() - 1000) } });
    const landed = await browser.signInWithSso(provider(), { sub: "late-sub", email: "someone@corp.example", email_verified: true });
    expect(`${landed.pathname}${landed.search}`).toBe("/settings?sso=sso_link_expired");
    expect(await db().account.count({ where: { providerAccountId: "late-sub" } })).toBe(0);
    expect(await db().session.count({ where: { userId: user.id, ssoLinkExpiresAt: { not: null } } })).toBe(0);
    expect((await meOf(browser)).status).toBe(200); // still signed in as before
  });

  it("refuses an identity linked to someone else, and a link asked for by an API key or another site", async () => {
    await new Browser().signInWithSso(provider(), { sub: "taken-sub", email: "owner-of-sub@corp.example", email_verified: true });
    const { user, organization } = await passwordAccount("taker@corp.example");
    const browser = await signedIn("taker@corp.example");
    expect((await startLink(browser)).status).toBe(201);
    const landed = await browser.signInWithSso(provider(), { sub: "taken-sub", email: "owner-of-sub@corp.example", email_verified: true });
    expect(landed.searchParams.get("sso")).toBe("sso_linked_elsewhere");
    expect(await db().account.count({ where: { userId: user.id } })).toBe(0);

    const { key } = await createKey({ organizationId: organization.id });
    expect((await call(HANDLERS.startSsoLink!, { method: "POST", path: "/api/v1/me/sso-link", caller: { key } })).status).toBe(403);
    expect((await startLink(browser, { origin: "https://evil.example" })).status).toBe(403);
    expect(await db().session.count({ where: { userId: user.id, ssoLinkExpiresAt: { not: null } } })).toBe(0);
  });
});
