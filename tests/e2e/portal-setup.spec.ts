import { expect, test } from "@playwright/test";
import { ACME, signIn } from "./customer-aws";

test("the setup wizard's steps follow the region chosen, with what to copy and the NLB setting explained", async ({ page }) => {
  await signIn(page, ACME.email, ACME.password);
  await page.goto("/setup");
  await expect(page.getByTestId("plan")).toContainText("Enterprise plan");
  await page.getByLabel("Region of your service").selectOption("us-west-2");
  const steps = page.getByTestId("setup-steps");
  await expect(page.getByRole("heading", { name: "2. Your side in us-west-2" })).toBeVisible();
  await expect(steps).toContainText(/usw2-az\d/);
  await expect(steps).not.toContainText("use1-az");
  await expect(steps).toContainText("AZ names such as us-west-2a are shuffled per account");
  await expect(steps).toContainText("Enforce inbound rules on PrivateLink traffic");
  await expect(steps.getByRole("button", { name: "Copy" })).toHaveCount(3);
  await page.getByRole("checkbox", { name: "443" }).uncheck();
  await page.getByRole("checkbox", { name: "22", exact: true }).uncheck();
  await expect(steps).toContainText("Allow our CIDRs on port 5432 in");
  await steps.getByRole("link", { name: "Register the service name" }).click();
  await expect(page).toHaveURL(/\/links\/new$/);
});
