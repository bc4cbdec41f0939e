import { expect, test } from "@playwright/test";
import { signIn } from "./customer-aws";

const hex17 = () => Array.from({ length: 17 }, () => Math.floor(Math.random() * 16).toString(16)).join("");

test.beforeEach(async ({ page }) => {
  await signIn(page, "alice@acme.example.com", "acme-demo-password");
  await page.goto("/links/new");
});

test("the service name is checked as it is typed, and the region it names is preselected", async ({ page }) => {
  const region = page.getByLabel("Our region");
  await expect(region).toHaveValue("eu-west-1");
  await expect(page.getByTestId("plan")).toContainText("Enterprise plan");

  const serviceName = page.getByLabel("Endpoint service name");
  await serviceName.fill(`com.amazonaws.vpce.us-east-1.vpce-svc-${hex17()}`);
  await expect(page.getByText("✓ An endpoint service in us-east-1.")).toBeVisible();
  await expect(region).toHaveValue("us-east-1");
  await expect(page.getByTestId("region-hint")).toHaveText("Same region as your service: no cross-region traffic.");

  await region.selectOption("us-west-2");
  await expect(page.getByTestId("region-hint")).toContainText("Cross-region: we connect from us-west-2 to your service in us-east-1");
  // A name typed after the customer chose a region does not move it.
  await serviceName.fill(`com.amazonaws.vpce.eu-west-1.vpce-svc-${hex17()}`);
  await expect(region).toHaveValue("us-west-2");
  await expect(page.getByTestId("region-hint")).toContainText("Cross-region: we connect from us-west-2 to your service in eu-west-1");

  await serviceName.fill("com.amazonaws.vpce.us-east-1.svc-oops");
  await serviceName.blur();
  await expect(page.locator("#serviceName-error")).toContainText("Expected an endpoint service name like");
  await serviceName.fill(`com.amazonaws.vpce.ap-south-1.vpce-svc-${hex17()}`);
  await expect(page.locator("#serviceName-error")).toHaveCount(0);
  await expect(page.getByTestId("region-hint")).toContainText("(we do not offer ap-south-1 itself)");
});

test("a second link with the same name is refused at the name field", async ({ page }) => {
  const name = `dup-${Date.now()}`;
  for (const attempt of [1, 2]) {
    await page.goto("/links/new");
    await page.getByLabel("Link name").fill(attempt === 1 ? name : name.toUpperCase());
    await page.getByLabel("Endpoint service name").fill(`com.amazonaws.vpce.us-east-1.vpce-svc-${hex17()}`);
    await page.getByRole("button", { name: "Register link" }).click();
    if (attempt === 1) await expect(page).toHaveURL(/\/links\/[0-9a-f-]{36}$/);
  }
  await expect(page.locator("#name-error")).toContainText(`You already have a link named "${name.toUpperCase()}"`);
  await expect(page).toHaveURL(/\/links\/new$/);
});
