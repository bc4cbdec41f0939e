import { expect, test } from "@playwright/test";
import { ACME, ADMIN, createService, principalArnFromSetup, register, SANDBOX, signIn } from "./customer-aws";
import { expectAccessible } from "./axe";
import { expectFitsWindow } from "./fits";

/**
 * A link AWS fails is repaired from the console: retry deletes the failed endpoint and makes a new one, which the customer
 * accepts. Revoked later, it is recreated from the console (the customer's Reconnect) and accepted again; the Orphans page
 * fits a phone.
 */

test("an admin finds a failed link among the stuck ones and repairs it to available", async ({ page, context }) => {
  test.setTimeout(240_000);
  await signIn(page, ACME.email, ACME.password);
  const service = await createService(ACME.accountId, await principalArnFromSetup(page));
  // The sandbox fails the next endpoint it creates.
  const fault = await fetch(`${SANDBOX}/_sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ action: "CreateVpcEndpoint", failEndpoints: true, count: 1 }),
  });
  expect(fault.ok).toBe(true);
  const name = `flaky-${Date.now()}`;
  await register(page, name, service.serviceName);
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "failed", { timeout: 60_000 });

  await context.clearCookies();
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/admin/stuck");
  const row = page.getByRole("listitem", { name });
  await expect(row).toContainText("Stuck: failed");
  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const failedEndpoint = (await page
    .getByText(/^vpce-[0-9a-f]{17}$/)
    .first()
    .textContent())!;
  await page.getByRole("button", { name: "Retry provisioning" }).click();
  // A new endpoint, waiting for the customer.
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "pending_acceptance", { timeout: 45_000 });
  const endpoint = page.getByText(/^vpce-[0-9a-f]{17}$/).first();
  await expect(endpoint).not.toHaveText(failedEndpoint);
  await service.accept((await endpoint.textContent())!);
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "available", { timeout: 45_000 });

  const linkPage = page.url();

  // The Metrics page counts it: a link failed, and one became available (its time in the table).
  await page.goto("/admin/metrics");
  const card = (title: string) => page.locator("section").filter({ has: page.getByRole("heading", { name: title }) });
  await expect(card("Register to available, by hour")).toContainText(/\d+ links? became available in the last 48 hours/);
  await expect(card("AWS errors and throttling, by hour")).toContainText(/[1-9]\d* links? failed/);
  await expect(card("Register to available, by hour").locator("canvas").first()).toBeVisible();

  // The customer revokes it: Recreate makes a new endpoint for the same service, through verification again.
  await page.goto(linkPage);
  const accepted = (await endpoint.textContent())!;
  await service.revoke(accepted);
  await page.getByRole("button", { name: "Reconcile now" }).click();
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "disconnected", { timeout: 45_000 });
  await page.getByRole("button", { name: "Recreate" }).click();
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "pending_acceptance", { timeout: 60_000 });
  await expect(endpoint).not.toHaveText(accepted);
  await service.accept((await endpoint.textContent())!);
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "available", { timeout: 45_000 });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/admin/orphans");
  await expect(page.getByRole("heading", { level: 1, name: "Orphaned endpoints" })).toBeVisible();
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
  await expectFitsWindow(page);
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/admin-orphans-390.png", fullPage: true });
});
