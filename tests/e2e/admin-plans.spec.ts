import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./customer-aws";

/** Plans are data an admin edits: a plan added in the console, a bad key refused by its field, an entitlement taken away. */

test("an admin adds a plan, is told what is wrong with a bad key, and takes private links away from it", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/admin/plans");
  await expect(page.getByRole("region", { name: "Enterprise" })).toBeVisible();

  const key = `startup${Date.now()}`;
  await page.getByRole("button", { name: "Add a plan" }).click();
  const form = page.getByRole("form", { name: "Add a plan" });
  await form.getByLabel("Key").fill("Not A Key");
  await form.getByLabel("Name").fill(`Startup ${key}`);
  await form.getByLabel("Private links").check();
  await form.getByLabel("Link quota").fill("3");
  await form.getByRole("button", { name: "Add plan" }).click();
  await expect(form.locator("#plan-new-key-error")).toContainText("Expected a lowercase key such as team");
  await expect(page.getByTestId(`plan-${key}`)).toHaveCount(0);

  await form.getByLabel("Key").fill(key);
  await form.getByRole("button", { name: "Add plan" }).click();
  const facts = page.getByTestId(`plan-${key}`);
  await expect(facts).toContainText(/private links\s*yes/i);
  await expect(facts).toContainText("3, unless an organization has its own");

  await page.getByRole("button", { name: `Edit Startup ${key}` }).click();
  const edit = page.getByRole("form", { name: `Edit Startup ${key}` });
  await edit.getByLabel("Private links").uncheck();
  await edit.getByRole("button", { name: "Save plan" }).click();
  await expect(facts).toContainText(/private links\s*no/i);
});
