import { describe, expect, it } from "vitest";
import { POST as requestReset } from "@/app/api/v1/password-resets/route";
import { POST as reset } from "@/app/api/v1/password-resets/[token]/route";
import { signUpInputSchema } from "@/lib/auth/schemas";
import { PASSWORD_RESET_LIMITS } from "@/lib/auth/password-reset";
import { signUp } from "@/lib/auth/sign-up";
import { call, HANDLERS } from "../api/api-helpers";
import { anonymousCtx } from "../fixtures/app";
import type { Caller } from "../fixtures/callers";
import { withAppDatabase } from "../fixtures/database";
import { Browser } from "./browser";
import { tokenHash } from "@/lib/token-hash";

// Forgot password, end to end through the API: the link is read from the outbox's MailMessage row, as a mailbox would get it.
const db = withAppDatabase();
const PASSWORD = "the-first-password";
let counter = 0;
type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function account() {
  counter += 1;
  const email = `reset-${counter}@example.com`;
  await signUp({
    ctx: anonymousCtx(),
    input: signUpInputSchema.parse({ name: "Rae", email, password: PASSWORD, organizationName: `Reset ${counter}` }),
    clientAddress: `198.51.100.${counter}`,
  });
  return { email, userId: (await db().user.findUniqueOrThrow({ where: { email } })).id };
}

const post = (handler: Handler, path: string, body: unknown, { address = "203.0.113.9", params = {} } = {}) =>
  handler(
    new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );

const ask = (email: string, address?: string) => post(requestReset as Handler, "/api/v1/password-resets", { email }, { address });
const setPassword = (token: string, password: string) => post(reset as Handler, `/api/v1/password-resets/${token}`, { password }, { params: { token } });

/** The token of the latest reset mail to `email`, from its URL. */
async function mailedToken(email: string): Promise<string> {
  const message = await db().mailMessage.findFirstOrThrow({ where: { to: email, template: "password-reset" }, orderBy: { createdAt: "desc" } });
  const { url } = message.data as { url: string };
  expect(url).toMatch(/\/reset-password\/[\w-]{43}$/);
  return url.split("/").pop()!;
}

const statusAs = async (caller: Caller) => (await call(HANDLERS.listMembers!, { method: "GET", path: "/api/v1/members", caller })).status;

describe("password reset", () => {
  it("mails a link that sets the password once, ends every session, and the new password signs in", async () => {
    const { email, userId } = await account();
    const [laptop, phone] = [new Browser("198.51.100.201"), new Browser("198.51.100.202")];
    expect([await laptop.signIn(email, PASSWORD), await phone.signIn(email, PASSWORD)]).toEqual([null, null]);

    const asked = await ask(email.toUpperCase());
    expect(asked.status).toBe(202);
    expect(await asked.json()).toEqual({ email, next: "check_inbox", expiresInMinutes: 45 });
    const token = await mailedToken(email);
    expect((await db().emailToken.findFirstOrThrow({ where: { userId, purpose: "password_reset" } })).tokenHash).toBe(tokenHash(token));

    const done = await setPassword(token, "the-second-password");
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ email, endedSessions: 2, next: "sign_in" });
    expect([await statusAs(laptop.caller), await statusAs(phone.caller)]).toEqual([401, 401]);
    expect(await new Browser("192.0.2.81").signIn(email, PASSWORD)).toBe("invalid_credentials");
    expect(await new Browser("192.0.2.82").signIn(email, "the-second-password")).toBeNull();
    expect(await db().auditLog.count({ where: { action: "user.password_reset", targetId: userId } })).toBe(1);

    const again = await setPassword(token, "the-third-password");
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ code: "token_invalid", detail: expect.stringMatching(/no longer valid/) });
    expect(await new Browser("192.0.2.83").signIn(email, "the-second-password")).toBeNull();
  });

  it("answers an unknown address exactly as a known one, and mails nobody", async () => {
    const { email } = await account();
    const answerOf = async (response: Response) => ({ status: response.status, headers: [...response.headers.keys()].sort(), body: await response.json() });
    const known = await answerOf(await ask(email, "203.0.113.20"));
    const unknown = await answerOf(await ask("nobody-here@example.com", "203.0.113.21"));
    expect({ ...unknown, body: { ...unknown.body, email: "-" } }).toEqual({ ...known, body: { ...known.body, email: "-" } });
    expect(await db().mailMessage.count({ where: { to: "nobody-here@example.com" } })).toBe(0);
    expect(await db().mailMessage.count({ where: { to: email, template: "password-reset" } })).toBe(1);
  });

  it("refuses a used, replaced, expired or unknown token alike, with the password unchanged", async () => {
    const { email, userId } = await account();
    await ask(email, "203.0.113.30");
    const first = await mailedToken(email);
    await ask(email, "203.0.113.30");
    const second = await mailedToken(email);
    expect(second).not.toBe(first);
    const before = (await db().user.findUniqueOrThrow({ where: { id: userId } })).passwordHash;

    await db().emailToken.updateMany({ where: { userId, purpose: "password_reset" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    for (const token of [first, second, "not-a-token-we-made"]) {
      const refused = await setPassword(token, "another-long-password");
      expect(refused.status).toBe(410);
      expect(await refused.json()).toMatchObject({ code: "token_invalid" });
    }
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).passwordHash).toBe(before);
  });

  it("refuses a short password by its field and keeps the token", async () => {
    const { email } = await account();
    await ask(email, "203.0.113.40");
    const token = await mailedToken(email);
    const short = await setPassword(token, "short");
    expect(short.status).toBe(422);
    expect(await short.json()).toMatchObject({ invalidParams: [{ name: "password" }] });
    expect((await setPassword(token, "a-long-enough-password")).status).toBe(200);
  });

  it(`mails an address at most ${PASSWORD_RESET_LIMITS.perEmail} times in 15 minutes, and a client at most ${PASSWORD_RESET_LIMITS.perAddress} times`, async () => {
    const { email } = await account();
    for (let i = 0; i < PASSWORD_RESET_LIMITS.perEmail; i++) expect((await ask(email, `203.0.113.${50 + i}`)).status).toBe(202);
    const refused = await ask(email, "203.0.113.60");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await db().mailMessage.count({ where: { to: email, template: "password-reset" } })).toBe(PASSWORD_RESET_LIMITS.perEmail);

    for (let i = 0; i < PASSWORD_RESET_LIMITS.perAddress; i++) expect((await ask(`walk-${i}@example.com`, "203.0.113.70")).status).toBe(202);
    const walked = await ask("walk-last@example.com", "203.0.113.70");
    expect(walked.status).toBe(429);
    expect(walked.headers.get("content-type")).toBe("application/problem+json");
  });

  it("gives a single sign-on account a password, and verifies an unverified address", async () => {
    counter += 1;
    const email = `sso-only-${counter}@example.com`;
    const user = await db().user.create({ data: { email, role: "customer" } });
    await ask(email, "203.0.113.90");
    expect((await setPassword(await mailedToken(email), "a-first-password-here")).status).toBe(200);
    const after = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toBeTruthy();
    expect(after.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await new Browser("192.0.2.91").signIn(email, "a-first-password-here")).toBeNull();
  });
});
