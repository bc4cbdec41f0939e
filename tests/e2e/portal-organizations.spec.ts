import { expect, test } from "@playwright/test";
import { ownerOfNewOrganization } from "./customer-aws";
import { expectFitsWindow } from "./fits";

test("a member of two organizations switches between them in the header, and the portal acts for the one chosen", async ({ page, browser }) => {
  const first = await ownerOfNewOrganization(page);

  // Someone who already owns an organization of their own is invited into this one, and joins.
  const other = await (await browser.newContext()).newPage();
  const second = await ownerOfNewOrganization(other);
  await page.goto("/settings");
  await page.getByLabel("Email").fill(second.email);
  await page.getByLabel("Role").selectOption("member");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = (await page.getByTestId("shown-once").textContent())!;
  await other.goto(link);
  await other.getByRole("button", { name: `Join ${first.organizationName}` }).click();
  // Just joined: the portal acts for the organization joined.
  await expect(other.getByText(`${first.organizationName} · you are a member`)).toBeVisible();

  const switcher = other.getByRole("combobox", { name: "Organization" });
  await expect(switcher.getByRole("option")).toHaveText([second.organizationName, first.organizationName]);
  await switcher.selectOption({ label: second.organizationName });
  await expect(other.getByRole("heading", { level: 1 })).toHaveText(second.organizationName);
  await other.getByRole("navigation").getByRole("link", { name: "Settings" }).click();
  await expect(other.getByText(`${second.organizationName} · you are an owner`)).toBeVisible();
  // What the page's own API calls read follows too: the members listed are the second organization's.
  await expect(other.getByRole("list", { name: "Members" })).not.toContainText(first.email);

  // Kept across pages and reloads; the first organization's page again after switching back.
  await other.reload();
  await expect(other.getByRole("heading", { level: 1 })).toHaveText(`Organization settings`);
  await expect(other.getByText(`${second.organizationName} · you are an owner`)).toBeVisible();
  await switcher.selectOption({ label: first.organizationName });
  await expect(other.getByRole("heading", { level: 1 })).toHaveText(first.organizationName);
  await other.goto("/settings");
  await expect(other.getByRole("list", { name: "Members" })).toContainText(first.email);
  // The header with its switcher still fits a phone.
  await other.setViewportSize({ width: 390, height: 844 });
  await expect(other.getByRole("button", { name: "Sign out", exact: true })).toBeInViewport();
  await expectFitsWindow(other);
  await other.screenshot({ path: "test-results/organization-switcher-390.png" });

  // One organization only: no switcher, the name alone.
  await page.goto("/");
  await expect(page.getByRole("banner")).toContainText(first.organizationName);
  await expect(page.getByRole("combobox", { name: "Organization" })).toHaveCount(0);
});
