import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { ADMIN, GLOBEX, signIn } from "./customer-aws";
import { expectFitsWindow } from "./fits";

/**
 * Every page of the admin console, on a phone (390 px) and a desktop (1280 px): nothing wider
 * than the window, no WCAG 2.1 A/AA rule broken (axe), and no console error.
 */

const WIDTHS = [390, 1280] as const;

/** A link of Globex's (registered through the API as Globex), so the console's link page has one to show. */
async function registerLink(page: Page): Promise<void> {
  await signIn(page, GLOBEX.email, GLOBEX.password);
  const origin = new URL(page.url()).origin;
  const response = await page.request.post("/api/v1/links", {
    headers: { origin },
    data: { name: `pages-${Date.now()}`, serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", region: "us-east-1" },
  });
  expect(response.status()).toBe(201);
  await page.context().clearCookies();
}

async function hrefOf(page: Page, path: string, name: RegExp | string): Promise<string> {
  await page.goto(path);
  const href = await page.getByRole("link", { name }).first().getAttribute("href");
  expect(href).toBeTruthy();
  return href!;
}

test("every admin page fits a phone and a desktop, passes axe and logs no console error", async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));

  await registerLink(page);
  await signIn(page, ADMIN.email, ADMIN.password);
  const organization = await hrefOf(page, "/admin/organizations", "Globex Data");
  const link = await hrefOf(page, "/admin/links", /^pages-/);
  const paths = ["/admin", "/admin/links", link, "/admin/stuck", "/admin/organizations", organization, "/admin/regions", "/admin/audit", "/admin/metrics"];

  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of paths) {
      await test.step(`${path} at ${width} px`, async () => {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        // Wait for the page's data: no "Loading…" status left.
        await expect(page.getByText(/^Loading/)).toHaveCount(0);
        await expectFitsWindow(page);
        await expectAccessible(page);
      });
    }
  }
  expect(errors).toEqual([]);
});
