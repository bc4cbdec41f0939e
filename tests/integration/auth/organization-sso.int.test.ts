import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as discoverRoute from "@/app/api/v1/sso/discover/route";
import { signUpInputSchema } from "@/lib/auth/schemas";
import { SSO_DISCOVERY_LIMITS } from "@/lib/auth/sign-in";
import { signUp } from "@/lib/auth/sign-up";
import { appUrl } from "@/lib/env";
import { call, HANDLERS, type Handler } from "../api/api-helpers";
import { anonymousCtx } from "../fixtures/app";
import { createKey } from "../fixtures/callers";
import { withAppDatabase } from "../fixtures/database";
import { approveAtProvider, startOidcProvider, type RunningOidcProvider } from "../fixtures/oidc-provider";
import { startTxtDns, type TxtDns } from "../fixtures/txt-dns";
import { Browser } from "./browser";
import { withOidcProvider } from "./oidc-provider";

// An organization's own OpenID Connect provider, a real `oidc-provider` on loopback, beside the deployment-wide one (which
// keeps working for the vendor's staff). Domain proofs are looked up in a DNS server on loopback (DNS_PROOF_SERVER).
let dns: TxtDns;
beforeAll(async () => {
  dns = await startTxtDns();
  process.env.DNS_PROOF_SERVER = dns.server;
});
afterAll(() => dns.close());
const deploymentProvider = withOidcProvider();
const db = withAppDatabase();

const PASSWORD = "a-long-enough-pass";
const CLIENT = { clientId: "portal-org", clientSecret: "org-client-secret-value" };
let idp: RunningOidcProvider;
let owner: Browser;
let organizationId: string;
const providerId = () => `org-${organizationId}`;

const passwordAccount = async (email: string, organizationName = `Org of ${email}`) => {
  await signUp({
    ctx: anonymousCtx(),
    input: signUpInputSchema.parse({ name: "Pat", email, password: PASSWORD, organizationName }),
    clientAddress: "192.0.2.1",
  });
  const user = await db().user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
  return { user, organizationId: user.memberships[0]!.organizationId };
};
const api = (operationId: string, method: string, path: string, body?: unknown, params?: Record<string, string>) =>
  call(HANDLERS[operationId]!, { method, path, body, params, caller: owner.caller });
const discover = async (email: string) =>
  (await call(discoverRoute.POST as unknown as Handler, { method: "POST", path: "/api/v1/sso/discover", body: { email } })).json();
const signInAs = (browser: Browser, email: string) => browser.signInThrough(providerId(), (url) => approveAtProvider(url, email));
const membershipOf = async (email: string) => db().membership.findFirst({ where: { organizationId, user: { email } }, select: { role: true } });

beforeAll(async () => {
  process.env.NEXTAUTH_URL = appUrl(); // as scripts/serve.ts hands it to the server
  ({ organizationId } = await passwordAccount("owner@corp.example", "Corp"));
  owner = new Browser("192.0.2.10");
  expect(await owner.signIn("owner@corp.example", PASSWORD)).toBeNull();
  idp = await startOidcProvider({
    ...CLIENT,
    redirectUris: [`${appUrl()}/api/auth/callback/org-${organizationId}`],
    people: { "unverified@corp.example": { email_verified: false } },
  });
});
afterAll(() => idp?.close());

describe("an organization's own provider", () => {
  it("is held to its discovery document when saved, and its secret is never answered", async () => {
    const body = { displayName: "Corp Login", issuer: "http://127.0.0.1:9", ...CLIENT };
    const unreachable = await api("setSsoProvider", "PATCH", "/api/v1/sso", body);
    expect(unreachable.status).toBe(422);
    expect((await unreachable.json()).invalidParams).toEqual([{ name: "issuer", reason: expect.stringContaining("could not be reached") }]);
    const plainHttp = await api("setSsoProvider", "PATCH", "/api/v1/sso", { ...body, issuer: "http://idp.example.com" });
    expect((await plainHttp.json()).invalidParams).toEqual([{ name: "issuer", reason: "The issuer must be an https URL" }]);
    const otherIssuer = await api("setSsoProvider", "PATCH", "/api/v1/sso", { ...body, issuer: `${idp.issuer}/elsewhere` });
    expect(otherIssuer.status).toBe(422);
    expect(await db().organizationSso.count()).toBe(0);

    const saved = await api("setSsoProvider", "PATCH", "/api/v1/sso", { ...body, issuer: `${idp.issuer}/` });
    expect(saved.status).toBe(200);
    const text = await saved.text();
    expect(text).not.toContain(CLIENT.clientSecret);
    expect(JSON.parse(text)).toMatchObject({
      provider: {
        providerId: providerId(),
        displayName: "Corp Login",
        issuer: idp.issuer,
        clientId: CLIENT.clientId,
        hasClientSecret: true,
        requireSso: false,
      },
      redirectUri: `${appUrl()}/api/auth/callback/${providerId()}`,
    });
    const row = await db().organizationSso.findUniqueOrThrow({ where: { organizationId } });
    expect(row.clientSecretEncrypted).not.toContain(CLIENT.clientSecret);
    expect(await db().auditLog.count({ where: { organizationId, action: "sso.create" } })).toBe(1);
    expect(JSON.stringify((await db().auditLog.findFirstOrThrow({ where: { action: "sso.create" } })).metadata)).not.toContain(CLIENT.clientSecret);
  });

  it("claims a domain, verified once its TXT record is in DNS; another organization cannot verify it too", async () => {
    expect((await api("claimSsoDomain", "POST", "/api/v1/sso/domains", { domain: "gmail.com" })).status).toBe(422);
    const claimed = await api("claimSsoDomain", "POST", "/api/v1/sso/domains", { domain: "Corp.Example" });
    expect(claimed.status).toBe(201);
    const domain = await claimed.json();
    expect(domain).toMatchObject({ domain: "corp.example", verified: false, proofRecordName: "_privatelink-portal.corp.example" });
    expect(await discover("someone@corp.example")).toEqual({ sso: null }); // not before it is verified

    const verify = () => api("verifySsoDomain", "POST", `/api/v1/sso/domains/${domain.id}/verify`, undefined, { id: domain.id });
    expect(await (await verify()).json()).toMatchObject({ verified: false, lastError: expect.stringContaining("No TXT record") });
    dns.publish(domain.proofRecordName, ["privatelink-portal-verification=not-it"]);
    expect(await (await verify()).json()).toMatchObject({ verified: false, lastError: expect.stringContaining("do not hold") });
    dns.publish(domain.proofRecordName, ["v=spf1 -all", domain.proofRecordValue]);
    expect(await (await verify()).json()).toMatchObject({ verified: true, verifiedBy: "dns", lastError: null });
    expect(await db().auditLog.count({ where: { organizationId, action: "sso_domain.verify" } })).toBe(1);

    // Another organization may claim it, and even publish its own proof, but not hold it verified beside us.
    const rival = await passwordAccount("rival@rival.example");
    const rivalRow = await db().ssoDomain.create({ data: { organizationId: rival.organizationId, domain: "corp.example", verificationToken: "rival" } });
    await expect(db().ssoDomain.update({ where: { id: rivalRow.id }, data: { verifiedAt: new Date() } })).rejects.toThrow();
  });

  it("lets a vendor admin set a domain verified without DNS, but not one verified for another organization", async () => {
    const { key } = await createKey({ organizationId: null, isAdmin: true });
    const other = await passwordAccount("someone@other-corp.example");
    const adminVerify = (id: string, domain: string) =>
      call(HANDLERS.adminVerifySsoDomain!, {
        method: "POST",
        path: `/api/v1/admin/organizations/${id}/sso-domains`,
        params: { id },
        body: { domain },
        caller: { key },
      });
    const verified = await adminVerify(other.organizationId, "other-corp.example");
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({ domain: "other-corp.example", verified: true, verifiedBy: "admin" });
    expect(await db().auditLog.count({ where: { organizationId: other.organizationId, action: "sso_domain.verify" } })).toBe(1);

    const taken = await adminVerify(other.organizationId, "corp.example");
    expect(taken.status).toBe(409);
    expect(await db().ssoDomain.count({ where: { organizationId: other.organizationId, domain: "corp.example" } })).toBe(0);
    const listed = await call(HANDLERS.adminListSsoDomains!, {
      method: "GET",
      path: `/api/v1/admin/organizations/${other.organizationId}/sso-domains`,
      params: { id: other.organizationId },
      caller: { key },
    });
    expect((await listed.json()).data.map((d: { domain: string }) => d.domain)).toEqual(["other-corp.example"]);
  });

  it("is found by an address's domain alone, the same whether the person has an account or not", async () => {
    const expected = { sso: { providerId: providerId(), displayName: "Corp Login", signInUrl: `/api/auth/signin/${providerId()}`, required: false } };
    expect(await discover("Owner@corp.example")).toEqual(expected);
    expect(await discover("nobody-yet@corp.example")).toEqual(expected);
    expect(await discover("someone@elsewhere.example")).toEqual({ sso: null });
  });

  it("signs in a new person of the domain and joins them as a member, just in time", async () => {
    const browser = new Browser("198.51.100.7");
    expect((await signInAs(browser, "new.person@corp.example")).pathname).toBe("/");
    const user = await db().user.findUniqueOrThrow({ where: { email: "new.person@corp.example" }, include: { accounts: true, memberships: true } });
    expect(user).toMatchObject({ passwordHash: null, role: "customer", emailVerifiedAt: expect.any(Date) });
    expect(user.accounts).toEqual([expect.objectContaining({ provider: providerId(), providerAccountId: "new.person@corp.example" })]);
    expect(user.memberships).toEqual([expect.objectContaining({ organizationId, role: "member" })]);
    expect(await db().auditLog.count({ where: { organizationId, action: "member.sso_join", actorId: user.id } })).toBe(1);
    const members = await call(HANDLERS.listMembers!, { method: "GET", path: "/api/v1/members", caller: browser.caller });
    expect(members.status).toBe(200);

    // Next time: the same user, no second membership.
    expect((await signInAs(new Browser(), "new.person@corp.example")).pathname).toBe("/");
    expect(await db().membership.count({ where: { userId: user.id } })).toBe(1);
  });

  it("joins an existing user of that email as a member, and leaves an owner an owner", async () => {
    const existing = await passwordAccount("existing@corp.example");
    expect(await new Browser("198.51.100.30").signIn("existing@corp.example", PASSWORD)).toBeNull();
    expect((await signInAs(new Browser(), "existing@corp.example")).pathname).toBe("/");
    expect(await membershipOf("existing@corp.example")).toEqual({ role: "member" });
    // Nobody had proved the address it signed up with: that password and its session go, the provider's sign-in stays.
    expect(await db().user.findUniqueOrThrow({ where: { id: existing.user.id } })).toMatchObject({ passwordHash: null, emailVerifiedAt: expect.any(Date) });
    expect(await db().session.count({ where: { userId: existing.user.id, revokedAt: null } })).toBe(1);
    expect(await db().auditLog.count({ where: { actorId: existing.user.id, action: "user.unproved_password_cleared" } })).toBe(1);
    expect(await db().membership.count({ where: { userId: existing.user.id } })).toBe(2); // and its own organization still

    expect((await signInAs(new Browser(), "owner@corp.example")).pathname).toBe("/");
    expect(await membershipOf("owner@corp.example")).toEqual({ role: "owner" });
  });

  it("refuses addresses outside the verified domains and addresses the provider did not verify", async () => {
    const outside = await signInAs(new Browser(), "someone@elsewhere.example");
    expect(outside.searchParams.get("error")).toBe("sso_domain_not_claimed");
    const unverified = await signInAs(new Browser(), "unverified@corp.example");
    expect(unverified.searchParams.get("error")).toBe("sso_email_unverified");
    expect(await db().user.count({ where: { email: { in: ["someone@elsewhere.example", "unverified@corp.example"] } } })).toBe(0);
  });

  it("with requireSso, refuses the domain's password sign-ins with sso_required, whether the account exists or not", async () => {
    const saved = await api("setSsoProvider", "PATCH", "/api/v1/sso", {
      displayName: "Corp Login",
      issuer: idp.issuer,
      clientId: CLIENT.clientId,
      requireSso: true,
    });
    expect(saved.status).toBe(200);
    expect((await discover("existing@corp.example")).sso.required).toBe(true);
    expect(await new Browser("198.51.100.20").signIn("existing@corp.example", PASSWORD)).toBe("sso_required");
    expect(await new Browser("198.51.100.21").signIn("no-account@corp.example", PASSWORD)).toBe("sso_required");
    expect(await new Browser("198.51.100.22").signIn("rival@rival.example", PASSWORD)).toBeNull();
    expect((await signInAs(new Browser(), "existing@corp.example")).pathname).toBe("/");
  });

  it("leaves the deployment-wide provider to the vendor's staff, as before", async () => {
    const landed = await new Browser().signInWithSso(deploymentProvider(), { sub: "staff-1", email: "staff@vendor.example", email_verified: true });
    expect(landed.pathname).toBe("/");
    const user = await db().user.findUniqueOrThrow({ where: { email: "staff@vendor.example" }, include: { accounts: true } });
    expect(user.accounts).toEqual([expect.objectContaining({ provider: "oidc", providerAccountId: "staff-1" })]);
  });

  it("stops signing in through a disabled provider", async () => {
    await api("setSsoProvider", "PATCH", "/api/v1/sso", { displayName: "Corp Login", issuer: idp.issuer, clientId: CLIENT.clientId, enabled: false });
    expect(await discover("existing@corp.example")).toEqual({ sso: null });
    const browser = new Browser();
    const csrfToken = await browser.csrfToken();
    const started = await browser.send("POST", `/api/auth/signin/${providerId()}`, { csrfToken, callbackUrl: "/", json: "true" });
    expect(new URL(((await started.json()) as { url: string }).url).origin).not.toBe(idp.issuer);
  });

  it("limits a client's domain lookups, so no one walks a list of domains; others are not held to it", async () => {
    const lookUp = (client: string, domain: string) =>
      call(discoverRoute.POST as unknown as Handler, {
        method: "POST",
        path: "/api/v1/sso/discover",
        body: { email: `a@${domain}` },
        headers: { "x-forwarded-for": client },
      });
    for (let i = 0; i < SSO_DISCOVERY_LIMITS.perAddress; i++) expect((await lookUp("198.51.100.7", `d${i}.example`)).status).toBe(200);
    const refused = await lookUp("198.51.100.7", "corp.example");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await lookUp("198.51.100.8", "corp.example")).status).toBe(200);
  });
});
