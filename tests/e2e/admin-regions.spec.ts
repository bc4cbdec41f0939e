import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./customer-aws";

/** Regions are data an admin edits; AWS must confirm every id before anything is saved. */

test("an admin edits a region, and a subnet of another region is refused by its field", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/admin/regions");
  const west = page.getByRole("region", { name: "us-west-2" });
  const westSubnet = (await west
    .getByRole("cell", { name: /^subnet-/ })
    .first()
    .textContent())!;

  const east = page.getByRole("region", { name: "us-east-1" });
  await east.getByRole("button", { name: "Edit us-east-1" }).click();
  const form = page.getByRole("form", { name: "Edit us-east-1" });
  const subnets = form.getByLabel("Subnets");
  await subnets.fill(`${await subnets.inputValue()}, ${westSubnet}`);
  await form.getByRole("button", { name: "Save region" }).click();
  await expect(form.getByRole("alert")).toContainText(`AWS knows no subnet ${westSubnet} in us-east-1`);
  await form.getByRole("button", { name: "Cancel" }).click();

  // eu-west-1 stops offering one of its zones: the coverage shrinks.
  const eu = page.getByRole("region", { name: "eu-west-1" });
  const zones = (await eu.getByTestId("coverage-eu-west-1").textContent())!.split(", ");
  expect(zones.length).toBeGreaterThan(1);
  await eu.getByRole("button", { name: "Edit eu-west-1" }).click();
  const euForm = page.getByRole("form", { name: "Edit eu-west-1" });
  await euForm.getByLabel("Excluded AZ IDs").fill(zones.at(-1)!);
  await euForm.getByRole("button", { name: "Save region" }).click();
  await expect(page.getByTestId("coverage-eu-west-1")).toHaveText(zones.slice(0, -1).join(", "));
});
