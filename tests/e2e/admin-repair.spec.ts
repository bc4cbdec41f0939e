import { expect, test } from "@playwright/test";
import { ACME, ADMIN, createService, principalArnFromSetup, register, SANDBOX, signIn } from "./customer-aws";

/** A link AWS fails is repaired from the console: retry deletes the failed endpoint and makes a new one, which the customer accepts. */

test("an admin finds a failed link among the stuck ones and repairs it to available", async ({ page, context }) => {
  test.setTimeout(150_000);
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

  // The Metrics page counts it: a link failed, and one became available (its time in the table).
  await page.goto("/admin/metrics");
  const card = (title: string) => page.locator("section").filter({ has: page.getByRole("heading", { name: title }) });
  await expect(card("Register to available, by hour")).toContainText(/\d+ links? became available in the last 48 hours/);
  await expect(card("AWS errors and throttling, by hour")).toContainText(/[1-9]\d* links? failed/);
  await expect(card("Register to available, by hour").locator("canvas").first()).toBeVisible();
});
