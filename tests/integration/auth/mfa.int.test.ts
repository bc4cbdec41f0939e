import { describe, expect, it } from "vitest";
import { totpOf } from "@/lib/auth/mfa/codes";
import { CHALLENGE_MAX_ATTEMPTS } from "@/lib/auth/mfa/challenge";
import { signUpInputSchema } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/sign-up";
import { call, HANDLERS } from "../api/api-helpers";
import { anonymousCtx } from "../fixtures/app";
import { createKey, type Caller } from "../fixtures/callers";
import { withAppDatabase } from "../fixtures/database";
import { Browser } from "./browser";
import { withOidcProvider } from "./oidc-provider";

// The second sign-in step through next-auth's real routes, and an organization's owners requiring a second factor.
const provider = withOidcProvider();
const db = withAppDatabase();
const PASSWORD = "the-first-password";
let counter = 0;

async function account() {
  counter += 1;
  const email = `mfa-${counter}@example.com`;
  await signUp({
    ctx: anonymousCtx(),
    input: signUpInputSchema.parse({ name: "Mo", email, password: PASSWORD, organizationName: `Factors ${counter}` }),
    clientAddress: `198.51.100.${counter}`,
  });
  const user = await db().user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
  const browser = new Browser(`203.0.113.${counter}`);
  expect(await browser.signIn(email, PASSWORD)).toBeNull();
  return { email, userId: user.id, organizationId: user.memberships[0]!.organizationId, browser };
}

/** Confirms an authenticator app for the signed-in caller; its secret and recovery codes. */
async function enrol(caller: Caller) {
  const started = await call(HANDLERS.startTotp!, { method: "POST", path: "/api/v1/me/mfa/totp", caller });
  const { secret } = (await started.json()) as { secret: string };
  const confirmed = await call(HANDLERS.confirmTotp!, {
    method: "POST",
    path: "/api/v1/me/mfa/totp/confirm",
    body: { code: totpOf(secret).generate() },
    caller,
  });
  expect(confirmed.status).toBe(200);
  const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] };
  return { secret, recoveryCodes };
}

/** The password step: the challenge the form would get instead of a session. */
async function passwordStep(browser: Browser, email: string): Promise<string> {
  const error = await browser.signIn(email, PASSWORD);
  expect(error).toMatch(/^mfa_required:[A-Za-z0-9_-]{43}$/);
  return error!.slice("mfa_required:".length);
}

async function secondStep(browser: Browser, form: Record<string, string>): Promise<string | null> {
  const csrfToken = await browser.csrfToken();
  const response = await browser.send("POST", "/api/auth/callback/mfa", { ...form, csrfToken, callbackUrl: "/", json: "true" });
  const { url } = (await response.json()) as { url: string };
  return new URL(url, "http://127.0.0.1").searchParams.get("error");
}

const sessionsOf = (userId: string) => db().session.count({ where: { userId, revokedAt: null } });
const nextStepCode = (secret: string, steps: number) => totpOf(secret).generate({ timestamp: Date.now() + steps * 30_000 });

describe("the second sign-in step", () => {
  it("makes no session after the password alone, then one with a current code; a replayed code is refused", async () => {
    const { email, userId, browser } = await account();
    const { secret } = await enrol(browser.caller);
    await browser.signOut();
    expect(await sessionsOf(userId)).toBe(0);

    const fresh = new Browser("192.0.2.10");
    const challenge = await passwordStep(fresh, email);
    expect(fresh.sessionCookie).toBeUndefined();
    expect(await sessionsOf(userId)).toBe(0);
    expect((await db().mfaChallenge.findFirstOrThrow({ where: { userId } })).tokenHash).not.toContain(challenge);

    // The code confirming the app was that step's: the next step's is good once.
    const code = nextStepCode(secret, 1);
    expect(await secondStep(fresh, { challenge, code: "000000" === code ? "111111" : "000000" })).toBe("mfa_invalid_code");
    expect(fresh.sessionCookie).toBeUndefined();
    expect(await secondStep(fresh, { challenge, code })).toBeNull();
    expect(fresh.sessionCookie).toBeTruthy();
    expect(await sessionsOf(userId)).toBe(1);
    expect((await call(HANDLERS.getMfaStatus!, { method: "GET", path: "/api/v1/me/mfa", caller: fresh.caller })).status).toBe(200);

    const other = new Browser("192.0.2.11");
    const again = await passwordStep(other, email);
    expect(await secondStep(other, { challenge: again, code })).toBe("mfa_invalid_code");
    expect(other.sessionCookie).toBeUndefined();
    // The used challenge is spent too.
    expect(await secondStep(new Browser("192.0.2.12"), { challenge, code: nextStepCode(secret, 1) })).toBe("mfa_expired");
  });

  it("takes each recovery code once", async () => {
    const { email, browser } = await account();
    const { recoveryCodes } = await enrol(browser.caller);
    const first = new Browser("192.0.2.20");
    expect(await secondStep(first, { challenge: await passwordStep(first, email), code: recoveryCodes[0]!.toUpperCase() })).toBeNull();
    const second = new Browser("192.0.2.21");
    expect(await secondStep(second, { challenge: await passwordStep(second, email), code: recoveryCodes[0]! })).toBe("mfa_invalid_code");
    expect(second.sessionCookie).toBeUndefined();
    const status = await call(HANDLERS.getMfaStatus!, { method: "GET", path: "/api/v1/me/mfa", caller: first.caller });
    expect(await status.json()).toMatchObject({ totp: "on", recoveryCodesLeft: 9, hasSecondFactor: true });
  });

  it(`ends a challenge after ${CHALLENGE_MAX_ATTEMPTS} wrong codes, even for the right one`, async () => {
    const { email, browser } = await account();
    const { secret } = await enrol(browser.caller);
    const attacker = new Browser("192.0.2.30");
    const challenge = await passwordStep(attacker, email);
    const right = nextStepCode(secret, 1);
    const wrong = right === "123456" ? "654321" : "123456";
    for (let i = 1; i < CHALLENGE_MAX_ATTEMPTS; i++) expect(await secondStep(attacker, { challenge, code: wrong })).toBe("mfa_invalid_code");
    // The last wrong try says the step is over, so the form goes back to the password.
    expect(await secondStep(attacker, { challenge, code: wrong })).toBe("mfa_expired");
    expect(await secondStep(attacker, { challenge, code: right })).toBe("mfa_expired");
    expect(attacker.sessionCookie).toBeUndefined();
  });

  it("removing the app needs a good code, is audited and emailed, and then the password alone signs in", async () => {
    const { email, userId, browser } = await account();
    const { secret } = await enrol(browser.caller);
    const remove = (code: string) => call(HANDLERS.removeTotp!, { method: "DELETE", path: "/api/v1/me/mfa/totp", body: { code }, caller: browser.caller });
    const refused = await remove("000000");
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { invalidParams: { name: string }[] }).invalidParams[0]!.name).toBe("code");
    expect((await remove(nextStepCode(secret, 1))).status).toBe(204);
    const actions = (await db().auditLog.findMany({ where: { actorId: userId, action: { startsWith: "user.mfa_" } } })).map((a) => a.action);
    expect(actions.sort()).toEqual(["user.mfa_totp_enrolled", "user.mfa_totp_removed"]);
    const mails = await db().mailMessage.findMany({ where: { userId, template: "mfa-changed" } });
    expect(mails.map((m) => m.data).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { method: "totp", change: "enrolled" },
      { method: "totp", change: "removed" },
    ]);
    expect(await new Browser("192.0.2.40").signIn(email, PASSWORD)).toBeNull();
  });
});

describe("an organization requiring a second factor of its members", () => {
  it("refuses its members without one (mfa_required) but not their account, nor its API keys; the owner needs one first", async () => {
    const owner = await account();
    const setting = (requireMfa: boolean) =>
      call(HANDLERS.setOrganizationMfa!, { method: "PATCH", path: "/api/v1/organization/mfa", body: { requireMfa }, caller: owner.browser.caller });
    expect((await setting(true)).status).toBe(409);
    await enrol(owner.browser.caller);
    const set = await setting(true);
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ requireMfa: true });
    expect(await db().auditLog.count({ where: { organizationId: owner.organizationId, action: "organization.require_mfa" } })).toBe(1);

    const member = await account();
    await db().membership.create({ data: { organizationId: owner.organizationId, userId: member.userId, role: "member" } });
    const asMember: Caller = { ...member.browser.caller, headers: { "x-organization": owner.organizationId } };
    const links = (caller: Caller) => call(HANDLERS.listLinks!, { method: "GET", path: "/api/v1/links", caller });
    const refused = await links(asMember);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "mfa_required" });
    // Their own organization does not require it.
    expect((await links(member.browser.caller)).status).toBe(200);
    const status = await call(HANDLERS.getMfaStatus!, { method: "GET", path: "/api/v1/me/mfa", caller: asMember });
    expect(await status.json()).toMatchObject({ hasSecondFactor: false, requiredBy: [`Factors ${owner.email.match(/\d+/)![0]}`] });
    expect((await links(owner.browser.caller)).status).toBe(200);
    expect((await links({ key: (await createKey({ organizationId: owner.organizationId })).key })).status).toBe(200);

    await enrol(asMember);
    expect((await links(asMember)).status).toBe(200);
  });
});

describe("single sign-on of a person with a second factor", () => {
  it("lands on the second step (its challenge in the fragment), with no session until the code", async () => {
    const claims = { sub: "mfa-sso-1", email: "sso-mfa@corp.example", email_verified: true, name: "Sol" };
    const first = new Browser("192.0.2.50");
    expect((await first.signInWithSso(provider(), claims)).pathname).toBe("/");
    const { secret } = await enrol(first.caller);
    const user = await db().user.findUniqueOrThrow({ where: { email: "sso-mfa@corp.example" } });
    await first.signOut();

    const next = new Browser("192.0.2.51");
    const landed = await next.signInWithSso(provider(), claims);
    expect(landed.pathname).toBe("/sign-in");
    const challenge = /^#mfa=([A-Za-z0-9_-]{43})$/.exec(landed.hash)?.[1];
    expect(challenge).toBeDefined();
    expect(next.sessionCookie).toBeUndefined();
    expect(await sessionsOf(user.id)).toBe(0);
    expect(await secondStep(next, { challenge: challenge!, code: nextStepCode(secret, 1) })).toBeNull();
    expect(next.sessionCookie).toBeTruthy();
    expect(await db().auditLog.findFirst({ where: { actorId: user.id, action: "user.sign_in" }, orderBy: { createdAt: "desc" } })).toMatchObject({
      metadata: { via: "sso", secondFactor: "totp" },
    });
  });
});
