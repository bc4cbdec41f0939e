import { describe, expect, it } from "vitest";
import { GET as verifyGet, POST as verify } from "@/app/api/v1/email-verifications/[token]/route";
import { signUpInputSchema } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/sign-up";
import { appUrl } from "@/lib/env";
import { call, HANDLERS } from "../api/api-helpers";
import { anonymousCtx, createOrganization, withLinkEngine } from "../fixtures/app";
import { createKey, createUser, type Caller } from "../fixtures/callers";

// A new account verifies its address through the link mailed to it before it registers links; the link is read from the
// outbox's MailMessage row, as a mailbox would get it.
const { engine } = withLinkEngine();
const db = () => engine().db;
let counter = 0;
type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function latestToken(email: string): Promise<string> {
  const message = await db().mailMessage.findFirstOrThrow({ where: { to: email, template: "verify-email" }, orderBy: { createdAt: "desc" } });
  const { url } = message.data as { url: string };
  expect(url).toMatch(new RegExp(`^${appUrl()}/verify-email/[\\w-]{43}$`));
  return url.split("/").pop()!;
}

const confirm = (token: string, method: "GET" | "POST" = "POST") =>
  (method === "POST" ? (verify as Handler) : (verifyGet as Handler))(new Request(`http://localhost/api/v1/email-verifications/${token}`, { method }), {
    params: Promise.resolve({ token }),
  });

const register = (caller: Caller) => {
  counter += 1;
  const serviceName = `com.amazonaws.vpce.us-east-1.vpce-svc-${counter.toString(16).padStart(17, "0")}`;
  return call(HANDLERS.createLink!, { method: "POST", path: "/api/v1/links", body: { name: `orders-${counter}`, serviceName, region: "us-east-1" }, caller });
};

describe("verified addresses", () => {
  it("sign-up mails a verification link; the account starts unverified", async () => {
    await signUp({
      ctx: anonymousCtx(),
      input: signUpInputSchema.parse({ name: "Vee", email: "vee@example.com", password: "a-long-enough-pass", organizationName: "Vee's" }),
      clientAddress: "198.51.100.7",
    });
    expect((await db().user.findUniqueOrThrow({ where: { email: "vee@example.com" } })).emailVerifiedAt).toBeNull();
    await latestToken("vee@example.com");
  });

  it("refuses link registration to an unverified user and their keys (403 email_unverified), then allows it once verified", async () => {
    const { org } = await createOrganization({ plan: "team" });
    const { user, cookie } = await createUser({ organizationId: org.id, role: "owner", isVerified: false });
    const { key } = await createKey({ organizationId: org.id, createdById: user.id });

    for (const caller of [{ cookie }, { key }]) {
      const refused = await register(caller);
      expect(refused.status).toBe(403);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
      expect(await refused.json()).toMatchObject({ code: "email_unverified", detail: expect.stringMatching(/follow the link we emailed/) });
    }
    expect(await db().link.count({ where: { organizationId: org.id } })).toBe(0);

    // The banner's Resend: a new link, and the first one no longer works.
    const first = await call(HANDLERS.resendEmailVerification!, { method: "POST", path: "/api/v1/me/email-verification", caller: { cookie } });
    expect(first.status).toBe(202);
    const replaced = await latestToken(user.email);
    const sent = await call(HANDLERS.resendEmailVerification!, { method: "POST", path: "/api/v1/me/email-verification", caller: { cookie } });
    expect(await sent.json()).toMatchObject({ email: user.email, expiresAt: expect.any(String) });
    const token = await latestToken(user.email);
    expect((await confirm(replaced)).status).toBe(410);

    // A GET (a mail scanner following the link) changes nothing.
    expect((await confirm(token, "GET")).status).toBe(405);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();

    const confirmed = await confirm(token);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ email: user.email, verifiedAt: expect.any(String) });
    expect((await confirm(token)).status).toBe(410);
    expect(await db().auditLog.count({ where: { action: "user.email_verified", targetId: user.id } })).toBe(1);

    expect((await register({ cookie })).status).toBe(201);
    expect((await register({ key })).status).toBe(201);
    const again = await call(HANDLERS.resendEmailVerification!, { method: "POST", path: "/api/v1/me/email-verification", caller: { cookie } });
    expect(again.status).toBe(409);
  });

  it("refuses an expired verification link, and a resend to an API key", async () => {
    const { org } = await createOrganization({ plan: "team" });
    const { user, cookie } = await createUser({ organizationId: org.id, role: "owner", isVerified: false });
    await call(HANDLERS.resendEmailVerification!, { method: "POST", path: "/api/v1/me/email-verification", caller: { cookie } });
    const token = await latestToken(user.email);
    await db().emailToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await confirm(token);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ code: "token_invalid", detail: expect.stringMatching(/send a new one/) });
    const { key } = await createKey({ organizationId: org.id, createdById: user.id });
    expect((await call(HANDLERS.resendEmailVerification!, { method: "POST", path: "/api/v1/me/email-verification", caller: { key } })).status).toBe(403);
  });
});
