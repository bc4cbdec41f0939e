import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { PORT } from "../../playwright.config";
import { PASSWORD, unique } from "./customer-aws";
import { signIn } from "./sign-in";

/**
 * A vendor admin sets up a second factor and signs in with it: an authenticator app whose codes the test computes (otpauth),
 * and a passkey on Chromium's virtual authenticator. Each test makes its own admin (npm run admin:create against the e2e
 * server's database), so the demo admin other specs sign in with keeps its password alone.
 */

function createAdmin(): string {
  const email = `admin-mfa-${unique()}@vendor.example.com`;
  execFileSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/create-admin.ts", "--email", email, "--password", PASSWORD], {
    env: { ...process.env, DATABASE_URL: "", EMBEDDED_PG_DIR: ".data/e2e/postgres", EMBEDDED_PG_PORT: "54339", LOG_LEVEL: "warn" },
    stdio: "pipe",
  });
  return email;
}

const codeOf = (secret: string, stepsAhead = 0) =>
  new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

test("an admin confirms an authenticator app, then signs in with password and code; a wrong code shows at its field", async ({ page }) => {
  const email = createAdmin();
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/admin/);

  await page.goto("/mfa-setup");
  await expect(page.getByRole("heading", { level: 1, name: "Set up a second factor" })).toBeVisible();
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code to scan with your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from your authenticator app").fill("12345");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.locator("#code-error")).toBeVisible();
  await page.getByLabel("Code from your authenticator app").fill(codeOf(secret));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByText("10 recovery codes left")).toBeVisible();

  await signOut(page);
  await signIn(page, email, PASSWORD);
  const code = page.getByLabel("Code from your authenticator app");
  await expect(code).toBeVisible();
  const next = codeOf(secret, 1); // the confirming code spent the current step
  await code.fill(next === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator("#code-error")).toContainText("not right");
  await code.fill(next);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/admin/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("an admin adds a passkey and signs in with it as the second factor", async ({ page }) => {
  // Browsers refuse an IP address as a WebAuthn relying party: passkeys live on http://localhost (lib/auth/mfa/passkeys.ts).
  const origin = `http://localhost:${PORT}`;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  const email = createAdmin();
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin/);

  await page.goto(`${origin}/mfa-setup`);
  await page.getByLabel("Passkey name (optional)").fill("Virtual key");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("list", { name: "Your passkeys" })).toContainText("Virtual key");

  await signOut(page);
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/admin/);
  await page.goto(`${origin}/mfa-setup`);
  await expect(page.getByRole("list", { name: "Your passkeys" })).toContainText("last used");
});
