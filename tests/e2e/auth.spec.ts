import { expect, test, type Page } from "@playwright/test";
import { ACME, ADMIN, GLOBEX } from "./demo-credentials";
import { signIn } from "./sign-in";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function fillSignUp(page: Page, values: { name?: string; email?: string; password?: string; organizationName?: string }) {
  await page.goto("/sign-up");
  if (values.name !== undefined) await page.getByLabel("Your name").fill(values.name);
  if (values.email !== undefined) await page.getByLabel("Work email").fill(values.email);
  if (values.password !== undefined) await page.getByLabel("Password").fill(values.password);
  if (values.organizationName !== undefined) await page.getByLabel("Organization").fill(values.organizationName);
  await page.getByRole("button", { name: "Create account" }).click();
}

test("sign up, sign out, sign in again", async ({ page }) => {
  const email = `owner-${unique()}@example.com`;
  const password = "a-long-enough-password";
  await fillSignUp(page, { name: "Olivia Owner", email, password, organizationName: "Olivia Networks" });

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Olivia Networks" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  await expect(page.getByText("owner", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, email, password);
  await expect(page.getByRole("heading", { level: 1, name: "Olivia Networks" })).toBeVisible();
});

test("a wrong password is refused next to the password field", async ({ page }) => {
  const email = `wrong-${unique()}@example.com`;
  await fillSignUp(page, { name: "Walt", email, password: "a-long-enough-password", organizationName: "Walt Co" });
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await signIn(page, email, "not-the-password");
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#password-error")).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the seeded demo customer signs in", async ({ page }) => {
  await signIn(page, ACME.email, ACME.password);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Analytics" })).toBeVisible();
});

test("a malformed email is refused next to the email field, and nothing is created", async ({ page }) => {
  await fillSignUp(page, { name: "Mal", email: "mal-at-example", password: "a-long-enough-password", organizationName: "Mal Inc" });
  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address, like name@example.com");
  await expect(page).toHaveURL(/\/sign-up$/);

  await signIn(page, "not-an-email", "whatever");
  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address, like name@example.com");
});

test("a too-short password is refused next to the password field", async ({ page }) => {
  await fillSignUp(page, { name: "Shorty", email: `short-${unique()}@example.com`, password: "short", organizationName: "Short Ltd" });
  await expect(page.locator("#password-error")).toHaveText("Use at least 12 characters");
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("a sign-up with a taken address says only that signing in failed, and changes nothing", async ({ page, context }) => {
  const email = `dup-${unique()}@example.com`;
  await fillSignUp(page, { name: "Dee", email, password: "a-long-enough-password", organizationName: "Dee One" });
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await context.clearCookies();

  // Another password: the answer does not say the address has an account; the sign-in that follows fails.
  await fillSignUp(page, { name: "Mallory", email, password: "another-long-password", organizationName: "Dee Two" });
  await expect(page.getByRole("form", { name: "Create an account" }).getByRole("alert")).toHaveText(
    "We could not sign you in with this email and password. If you already have an account, sign in instead.",
  );
  await expect(page.locator("#email-error")).toHaveCount(0);
  await expect(page).toHaveURL(/\/sign-up$/);

  // The account is as it was: its own password still signs in, to its one organization.
  await signIn(page, email, "a-long-enough-password");
  await expect(page.getByRole("heading", { level: 1, name: "Dee One" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Organization" })).toHaveCount(0); // no second organization to switch to
});

test("a customer does not see the admin console; the vendor admin does", async ({ page, context }) => {
  await signIn(page, GLOBEX.email, GLOBEX.password);
  await expect(page.getByRole("heading", { level: 1, name: "Globex Data" })).toBeVisible();
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(404);

  // The page's own session request renews the cookie: let it finish, or it lands after the clear.
  await page.waitForLoadState("networkidle");
  await context.clearCookies();
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Approval queue" })).toBeVisible();
  const consoleNav = page.getByRole("navigation", { name: "Admin console" });
  await expect(consoleNav.getByRole("link", { name: "Approval queue" })).toHaveAttribute("aria-current", "page");
  await consoleNav.getByRole("link", { name: "Organizations" }).click();
  await expect(page.getByRole("cell", { name: "Acme Analytics", exact: true })).toBeVisible();
  await expect(consoleNav.locator('[aria-current="page"]')).toHaveText("Organizations");
  await expect(page.getByRole("cell", { name: "Globex Data", exact: true })).toBeVisible();
});

test("signing out ends the session: a copy of its cookie is refused by the API and sent to sign-in by the portal", async ({ page, browser, playwright }) => {
  const email = `copied-${unique()}@example.com`;
  await fillSignUp(page, { name: "Cody Copy", email, password: "a-long-enough-password", organizationName: "Copy Co" });
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  const session = (await page.context().cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"))!;
  expect(session).toBeTruthy();
  const baseURL = new URL(page.url()).origin;
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `${session.name}=${session.value}` } });
  expect((await api.get("/api/v1/members")).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  expect((await api.get("/api/v1/members")).status()).toBe(401);
  const elsewhere = await browser.newContext();
  await elsewhere.addCookies([{ name: session.name, value: session.value, url: baseURL }]);
  const copy = await elsewhere.newPage();
  await copy.goto("/settings");
  await expect(copy).toHaveURL(/\/sign-in/);
  await expect(copy.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await api.dispose();
  await elsewhere.close();
});

test("Settings: a password change signs out the other browsers; sign out everywhere ends this one too", async ({ page, browser }) => {
  const email = `settings-${unique()}@example.com`;
  await fillSignUp(page, { name: "Sue Settings", email, password: "a-long-enough-password", organizationName: "Settings Co" });
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  const other = await (await browser.newContext()).newPage();
  await signIn(other, email, "a-long-enough-password");
  await expect(other.getByTestId("signed-in-as")).toHaveText(email);

  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Change your password" });
  await form.getByLabel("Current password").fill("not-the-password");
  await form.getByLabel("New password").fill("a-newer-long-password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#currentPassword-error")).toHaveText("This is not your current password");
  await form.getByLabel("Current password").fill("a-long-enough-password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Password changed. Signed out of 1 other session.");
  await other.goto("/settings");
  await expect(other).toHaveURL(/\/sign-in/);

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await page.getByRole("dialog", { name: "Sign out everywhere?" }).getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await signIn(page, email, "a-newer-long-password");
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  await other.context().close();
});
