import { expect, test } from "@playwright/test";
import { ACME, signIn, unknownServiceName } from "./customer-aws";

test.beforeEach(async ({ page }) => {
  await signIn(page, ACME.email, ACME.password);
  await page.goto("/links/new");
});

test("the service name is checked as it is typed, and the region it names is preselected", async ({ page }) => {
  const region = page.getByLabel("Our region");
  await expect(region).toHaveValue("eu-west-1");
  await expect(page.getByTestId("plan")).toContainText("Enterprise plan");

  const serviceName = page.getByLabel("Endpoint service name");
  await serviceName.fill(unknownServiceName());
  await expect(page.getByText("✓ An endpoint service in us-east-1.")).toBeVisible();
  await expect(region).toHaveValue("us-east-1");
  await expect(page.getByTestId("region-hint")).toHaveText("Same region as your service: no cross-region traffic.");

  await region.selectOption("us-west-2");
  await expect(page.getByTestId("region-hint")).toContainText("Cross-region: we connect from us-west-2 to your service in us-east-1");
  // A name typed after the customer chose a region does not move it.
  await serviceName.fill(unknownServiceName("eu-west-1"));
  await expect(region).toHaveValue("us-west-2");
  await expect(page.getByTestId("region-hint")).toContainText("Cross-region: we connect from us-west-2 to your service in eu-west-1");

  await serviceName.fill("com.amazonaws.vpce.us-east-1.svc-oops");
  await serviceName.blur();
  await expect(page.locator("#serviceName-error")).toContainText("Expected an endpoint service name like");
  await serviceName.fill(unknownServiceName("ap-south-1"));
  await expect(page.locator("#serviceName-error")).toHaveCount(0);
  await expect(page.getByTestId("region-hint")).toContainText("(we do not offer ap-south-1 itself)");
});

test("a second link with the same name is refused at the name field", async ({ page }) => {
  const name = `dup-${Date.now()}`;
  for (const attempt of [1, 2]) {
    await page.goto("/links/new");
    await page.getByLabel("Link name").fill(attempt === 1 ? name : name.toUpperCase());
    await page.getByLabel("Endpoint service name").fill(unknownServiceName());
    await page.getByRole("button", { name: "Register link" }).click();
    if (attempt === 1) await expect(page).toHaveURL(/\/links\/[0-9a-f-]{36}$/);
  }
  await expect(page.locator("#name-error")).toContainText(`You already have a link named "${name.toUpperCase()}"`);
  await expect(page).toHaveURL(/\/links\/new$/);
});

test("the form works by keyboard alone: Tab reaches each field in order, Enter registers", async ({ page }) => {
  const focused = () => page.evaluate(() => document.activeElement?.id ?? "");
  for (let tabs = 0; (await focused()) !== "name"; tabs++) {
    expect(tabs, "Tab never reached the Link name field").toBeLessThan(25);
    await page.keyboard.press("Tab");
  }
  await page.keyboard.type(`keys-${Date.now()}`);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Endpoint service name")).toBeFocused();
  await page.keyboard.type(unknownServiceName());
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Our region")).toBeFocused();
  await expect(page.getByLabel("Our region")).toHaveValue("us-east-1");
  for (const port of ["22", "443", "5432"]) {
    await page.keyboard.press("Tab");
    await expect(page.getByRole("checkbox", { name: port, exact: true })).toBeFocused();
  }
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Use the service's private DNS name")).toBeFocused();
  await expect(page.getByLabel("Use the service's private DNS name")).not.toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Register link" })).toBeFocused();
  for (let i = 0; i < 6; i++) await page.keyboard.press("Shift+Tab");
  await expect(page.getByLabel("Endpoint service name")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/links\/[0-9a-f-]{36}$/);
});

test("the ports are the region's, all ticked: none is refused at the field, and the link keeps the ones ticked", async ({ page }) => {
  await page.getByLabel("Link name").fill(`bastion-${Date.now()}`);
  await page.getByLabel("Endpoint service name").fill(unknownServiceName());
  const port = (name: string) => page.getByRole("checkbox", { name, exact: true });
  for (const name of ["22", "443", "5432"]) await expect(port(name)).toBeChecked();
  for (const name of ["22", "443", "5432"]) await port(name).uncheck();
  await page.getByRole("button", { name: "Register link" }).click();
  await expect(page.locator("#ports-error")).toHaveText("Choose at least one port");
  await expect(page).toHaveURL(/\/links\/new$/);

  await port("22").check();
  await page.getByRole("button", { name: "Register link" }).click();
  await expect(page).toHaveURL(/\/links\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("link-ports")).toContainText("22");
  await expect(page.getByTestId("link-ports")).not.toContainText("443");
});
