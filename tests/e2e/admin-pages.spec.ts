import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { ADMIN, GLOBEX, signIn } from "./customer-aws";
import { expectFitsWindow, expectNoScrollingBoxes } from "./fits";

/**
 * Every page of the admin console, on a phone (390 px) and a desktop (1280 px): nothing wider
 * than the window, no table scrolling sideways inside its box on a phone, no WCAG 2.1 A/AA rule broken (axe), and no
 * console error. Then the metrics charts: whole-number ticks without repeats, units, legends with values.
 */

const WIDTHS = [390, 1280] as const;

/** A link of Globex's (registered through the API as Globex), so the console's link page has one to show. */
async function registerLink(page: Page): Promise<void> {
  await signIn(page, GLOBEX.email, GLOBEX.password);
  const origin = new URL(page.url()).origin;
  const response = await page.request.post("/api/v1/links", {
    headers: { origin },
    // A service name of its own, so a retry does not meet the first attempt's link (409).
    data: {
      name: `pages-${Date.now()}`,
      serviceName: `com.amazonaws.vpce.us-east-1.vpce-svc-${Date.now().toString(16).padStart(17, "0")}`,
      region: "us-east-1",
    },
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
  const paths = [
    "/admin",
    "/admin/links",
    link,
    "/admin/stuck",
    "/admin/organizations",
    organization,
    "/admin/regions",
    "/admin/plans",
    "/admin/orphans",
    "/admin/audit",
    "/admin/metrics",
  ];

  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of paths) {
      await test.step(`${path} at ${width} px`, async () => {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        // Wait for the page's data: no "Loading…" status left.
        await expect(page.getByText(/^Loading/)).toHaveCount(0);
        await expectFitsWindow(page);
        if (width === 390) await expectNoScrollingBoxes(page);
        await expectAccessible(page);
      });
    }
  }
  expect(errors).toEqual([]);
});

test("the metrics charts draw whole-number ticks once each, name their unit, and say their values in the legend", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/admin/metrics");
  const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Links now, by state" }) });
  const chart = card.getByTestId("chart");
  await expect(chart.locator("canvas").first()).toBeVisible();
  await chart.screenshot({ path: "test-results/metrics-links-by-state.png" });

  // The ticks the canvas shows (the chart writes them beside it): whole numbers, each once, from 0 up.
  const ticks = (await chart.locator("[data-y-ticks]").getAttribute("data-y-ticks"))!.split("|");
  expect(ticks.length).toBeGreaterThanOrEqual(2);
  expect(new Set(ticks).size).toBe(ticks.length);
  expect(ticks.every((tick) => /^\d[\d,]*$/.test(tick))).toBe(true);
  expect(ticks[0]).toBe("0");

  // The legend says the figure; the sentence counts in the singular when there is one.
  const legend = chart.getByTestId("chart-legend");
  await expect(legend).toHaveText(/^Links: \d+ in all$/);
  const total = Number((await legend.textContent())!.match(/(\d+) in all/)![1]);
  await expect(card).toContainText(`${total} ${total === 1 ? "link" : "links"}:`);
  await expect(page.getByText(/Value: --|1 links\b/)).toHaveCount(0);
});
