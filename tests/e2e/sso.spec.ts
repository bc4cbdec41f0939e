import { expect, test } from "@playwright/test";
import { DNS_PROOF_PORT } from "../../playwright.config";
import { startOidcProvider, type RunningOidcProvider } from "../integration/fixtures/oidc-provider";
import { startTxtDns, type TxtDns } from "../integration/fixtures/txt-dns";

// An owner brings the organization's own OpenID Connect provider (a real `oidc-provider` this spec runs on loopback) and
// proves its email domain by DNS (a TXT record in the DNS server this spec runs, DNS_PROOF_SERVER in playwright.config.ts);
// then a new person of that domain signs in through the provider and lands in the organization as a member.

const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const DOMAIN = `corp-${unique}.example`;
const CLIENT = { clientId: "portal-e2e", clientSecret: "portal-e2e-client-secret" };
let dns: TxtDns;
let idp: RunningOidcProvider | undefined;

test.beforeAll(async () => {
  dns = await startTxtDns({ port: DNS_PROOF_PORT });
});
test.afterAll(async () => {
  await idp?.close();
  await dns.close();
});

test("an owner sets up the organization's provider and domain; a new person of it signs in through it as a member", async ({ page, browser }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Olga Owner");
  await page.getByLabel("Work email").fill(`owner@${DOMAIN}`);
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByLabel("Organization").fill("Corp Networks");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Corp Networks" })).toBeVisible();

  await page.goto("/settings#sso");
  const section = page.getByRole("form", { name: "Single sign-on provider" });
  const redirectUri = (await page.getByTestId("sso-redirect-uri").textContent())!;
  expect(redirectUri).toMatch(/\/api\/auth\/callback\/org-[0-9a-f-]{36}$/);
  idp = await startOidcProvider({ ...CLIENT, redirectUris: [redirectUri] });

  // A wrong issuer is said at its field; then the provider is saved.
  await section.getByLabel("Name on the sign-in button").fill("Corp Login");
  await section.getByLabel("Issuer URL").fill("http://127.0.0.1:9");
  await section.getByLabel("Client id").fill(CLIENT.clientId);
  await section.getByLabel("Client secret").fill(CLIENT.clientSecret);
  await section.getByRole("button", { name: "Set up provider" }).click();
  await expect(page.locator("#issuer-error")).toContainText("could not be reached");
  await section.getByLabel("Issuer URL").fill(idp.issuer);
  await section.getByRole("button", { name: "Set up provider" }).click();
  await expect(section.getByRole("status")).toHaveText("Saved.");
  await expect(section.getByText("A secret is stored (encrypted, never shown).")).toBeVisible();

  // The domain, proved by its TXT record.
  const domains = page.getByRole("form", { name: "Claim a domain" });
  await domains.getByLabel("Domain").fill(DOMAIN);
  await domains.getByRole("button", { name: "Claim domain" }).click();
  const row = page.getByTestId(`sso-domain-${DOMAIN}`);
  await expect(row.getByText("Not verified")).toBeVisible();
  dns.publish(`_privatelink-portal.${DOMAIN}`, [(await row.getByTestId("sso-proof-value").textContent())!]);
  await row.getByRole("button", { name: `Verify ${DOMAIN}` }).click();
  await expect(row.getByText("Verified (DNS)")).toBeVisible();

  // Someone new of the domain, in another browser.
  const context = await browser.newContext();
  const newcomer = await context.newPage();
  await newcomer.goto("/sign-in");
  await newcomer.getByLabel("Email").fill(`nina@${DOMAIN}`);
  await newcomer.getByLabel("Password").focus(); // leaving the email asks which provider its domain uses
  await newcomer.getByRole("button", { name: "Continue with Corp Login" }).click();
  await expect(newcomer.getByRole("heading", { name: "Sign in to the test identity provider" })).toBeVisible();
  await newcomer.getByLabel("Email").fill(`nina@${DOMAIN}`);
  await newcomer.getByRole("button", { name: "Sign in" }).click();

  await expect(newcomer.getByRole("heading", { level: 1, name: "Corp Networks" })).toBeVisible();
  await expect(newcomer.getByTestId("signed-in-as")).toHaveText(`nina@${DOMAIN}`);
  await expect(newcomer.getByText("member", { exact: true })).toBeVisible();
  await context.close();

  // The owner sees the newcomer among the members (a reload: the settings page is still open, at #sso).
  await page.reload();
  await expect(page.getByRole("list", { name: "Members" }).getByText(`nina@${DOMAIN}`)).toBeVisible();
});
