import { expect, test, type Page } from "@playwright/test";
import { ACME, signIn } from "./customer-aws";

/**
 * The demo link, probed through the sandbox's data plane: every zone green at first; the customer deregisters its target in
 * the Sandbox console, and after *Test now* the link page tells what failed and what to check; a second test at once is
 * refused with when to retry.
 */

async function openDemoLink(page: Page): Promise<string> {
  await page.goto("/");
  await page.getByLabel("Search links").fill("demo-db");
  await page.getByTestId("link-row").filter({ hasText: "demo-db" }).getByRole("link", { name: "demo-db" }).click();
  await expect(page).toHaveURL(/\/links\/[0-9a-f-]{36}$/);
  return page.url();
}

test("the demo link reads green, breaks in the Sandbox console, and Test now shows the diagnosis", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, ACME.email, ACME.password);
  const linkUrl = await openDemoLink(page);
  const connectivity = page.getByTestId("connectivity");
  const status = connectivity.getByTestId("connectivity-status");
  const byZone = connectivity.getByRole("table", { name: "Connectivity by zone" });
  // The worker verifies, provisions and probes the demo link once the server is up.
  await expect(status).toHaveText("Connected", { timeout: 60_000 });
  await expect(byZone.getByRole("row")).toHaveCount(4); // the header, the regional name and two zones
  for (const row of await byZone.getByRole("row").all()) await expect(row).not.toContainText(/timeout|refused|reset/);

  await page.goto("/sandbox");
  const loadBalancer = page.getByRole("region", { name: "Load balancer demo-db" });
  await loadBalancer.getByRole("button", { name: "Deregister" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deregister target" }).click();
  await expect(loadBalancer.getByRole("button", { name: /^Register .* again$/ })).toBeVisible();

  await page.goto(linkUrl);
  await connectivity.getByRole("button", { name: "Test now" }).click();
  await expect(status).toHaveText("Degraded", { timeout: 30_000 });
  await expect(byZone).toContainText("timeout");
  const diagnosis = connectivity.getByRole("list", { name: "Diagnosis" });
  await expect(diagnosis.getByRole("listitem").first()).toContainText("Most likely:");
  await expect(diagnosis).toContainText("target");

  await connectivity.getByRole("button", { name: "Test now" }).click();
  await expect(connectivity.getByTestId("probe-refused")).toContainText(/retry in \d+ s/);

  await page.goto("/sandbox");
  await loadBalancer.getByRole("button", { name: /^Register .* again$/ }).click();
  await expect(loadBalancer.getByRole("button", { name: "Deregister" })).toBeVisible();
});
