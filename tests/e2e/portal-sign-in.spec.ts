import { expect, test } from "@playwright/test";
import { ACME as ALICE } from "./customer-aws";

test("a sign-in submitted as soon as the page loads succeeds, and the password never reaches a URL", async ({ browser }) => {
  for (let round = 0; round < 3; round++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const urls: string[] = [];
    page.on("request", (request) => urls.push(request.url()));
    await page.goto("/sign-in", { waitUntil: "commit" });
    await page.getByLabel("Email").fill(ALICE.email);
    await page.getByLabel("Password").fill(ALICE.password);
    // The click lands the moment the button is enabled: the earliest the form accepts a submit.
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Acme Analytics" })).toBeVisible();
    expect(urls.filter((url) => url.includes(encodeURIComponent(ALICE.password)) || url.includes(ALICE.password))).toEqual([]);
    await context.close();
  }
});

test("when the CSRF token cannot be fetched, the form says so instead of bouncing", async ({ page }) => {
  await page.route("**/api/auth/csrf", (route) => route.fulfill({ status: 503, body: "unavailable" }));
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ALICE.email);
  await page.getByLabel("Password").fill(ALICE.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "We could not start a secure sign-in" })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByLabel("Email")).toHaveValue(ALICE.email);
});

test("when next-auth refuses the CSRF token every time, the form says so instead of bouncing", async ({ page }) => {
  let posts = 0;
  await page.route("**/api/auth/callback/credentials", (route) => {
    posts += 1;
    return route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ url: "http://127.0.0.1/sign-in?csrf=true" }) });
  });
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ALICE.email);
  await page.getByLabel("Password").fill(ALICE.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "We could not start a secure sign-in" })).toBeVisible();
  expect(posts).toBe(2);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
});

test("a sign-up submitted as soon as the page loads signs the new owner in, and the password never reaches a URL", async ({ page }) => {
  const password = "a-long-enough-password";
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  const email = `fast-${Date.now().toString(36)}@example.com`;
  await page.goto("/sign-up", { waitUntil: "commit" });
  await page.getByLabel("Your name").fill("Fay Fast");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Organization").fill(`Fast Co ${Date.now()}`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  expect(urls.filter((url) => url.includes(password))).toEqual([]);
});
