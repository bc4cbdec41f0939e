import { expect, test, type Locator } from "@playwright/test";
import { ACME, signIn, unknownServiceName } from "./customer-aws";

test("the portal's navigation marks the current page, for screen readers and by sight", async ({ page }) => {
  await signIn(page, ACME.email, ACME.password);
  const nav = page.getByRole("navigation", { name: "Portal" });
  const current = nav.locator('[aria-current="page"]');
  await page.goto("/");
  await expect(current).toHaveText("Links");
  const links = nav.getByRole("link", { name: "Links", exact: true });
  const setup = nav.getByRole("link", { name: "Setup" });
  // Visible too: the current page is underlined, the others are not.
  const underline = (link: Locator) => link.evaluate((element) => getComputedStyle(element).borderBottomColor);
  expect(await underline(setup)).toBe("rgba(0, 0, 0, 0)");
  expect(await underline(links)).not.toBe("rgba(0, 0, 0, 0)");
  await setup.click();
  await expect(page).toHaveURL(/\/setup$/);
  await expect(current).toHaveText("Setup");
  await expect(links).not.toHaveAttribute("aria-current");
  await page.goto("/links/new");
  await expect(current).toHaveText("Register a link");
  await page.goto("/settings");
  await expect(current).toHaveText("Settings");
});

test("the links list searches by name or service name and filters by region and state", async ({ page }) => {
  await signIn(page, ACME.email, ACME.password);
  const tag = Date.now().toString(36);
  const services = { east: unknownServiceName(), west: unknownServiceName("us-west-2") };
  for (const [name, serviceName] of [
    [`east-${tag}`, services.east],
    [`west-${tag}`, services.west],
  ]) {
    await page.goto("/links/new");
    await page.getByLabel("Link name").fill(name!);
    await page.getByLabel("Endpoint service name").fill(serviceName!);
    await page.getByRole("button", { name: "Register link" }).click();
    await expect(page).toHaveURL(/\/links\/[0-9a-f-]{36}$/);
    // A link's own page is under Links.
    await expect(page.getByRole("navigation", { name: "Portal" }).locator('[aria-current="page"]')).toHaveText("Links");
  }

  await page.goto("/");
  const rows = page.getByTestId("link-row");
  await page.getByLabel("Search links").fill(tag);
  await expect(rows).toHaveCount(2);
  await page.getByLabel("Filter by region").selectOption("us-west-2");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`west-${tag}`);
  await page.getByLabel("Filter by region").selectOption("");
  await page.getByLabel("Search links").fill(services.east.slice(-17).toUpperCase());
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`east-${tag}`);
  await page.getByLabel("Filter by state").selectOption("deleted");
  await expect(page.getByTestId("links-empty")).toHaveText("No links match these filters.");
});

test("a new organization's empty list leads to the setup steps", async ({ page }) => {
  const email = `empty-${Date.now().toString(36)}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Ed Empty");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByLabel("Organization").fill(`Empty Co ${Date.now()}`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("links-empty")).toContainText("No private links yet");
  await page.getByTestId("links-empty").getByRole("link", { name: "setup steps" }).click();
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByTestId("plan")).toContainText("Free plan");
});
