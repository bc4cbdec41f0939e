import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { MAIL_DIR } from "../../playwright.config";
import { ownerOfNewOrganization, unique } from "./customer-aws";
import { ADMIN } from "./demo-credentials";
import { signIn } from "./sign-in";

/**
 * Mail really sent: an owner invites someone, the worker sends the invitation over SMTP to the server's loopback receiver,
 * which keeps it as an .eml file; a vendor admin reads it at /dev/mail and its link opens the invitation.
 */
test("an invitation arrives as an .eml file, is listed at /dev/mail, and its link works", async ({ page, browser }) => {
  const { organizationName } = await ownerOfNewOrganization(page);
  await page.goto("/settings");
  const inviteeEmail = `mailed-${unique()}@example.com`;
  await page.getByLabel("Email").fill(inviteeEmail);
  await page.getByLabel("Role").selectOption("member");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByText(`We emailed the invitation to ${inviteeEmail}.`)).toBeVisible();
  const link = (await page.getByTestId("shown-once").textContent())!;

  // Under npm start, /dev/mail is for vendor admins.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);
  await expect(admin.getByTestId("signed-in-as")).toHaveText(ADMIN.email);
  await expect(async () => {
    await admin.goto("/dev/mail");
    await expect(admin.getByRole("row", { name: new RegExp(inviteeEmail) })).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await admin
    .getByRole("row", { name: new RegExp(inviteeEmail) })
    .getByRole("link", { name: `You are invited to ${organizationName} on PrivateLink portal` })
    .click();
  await expect(admin.getByRole("heading", { level: 1, name: `You are invited to ${organizationName} on PrivateLink portal` })).toBeVisible();

  // The file the receiver wrote holds the same link the owner was shown.
  const files = readdirSync(MAIL_DIR).filter((name) => name.endsWith(".eml") && readFileSync(path.join(MAIL_DIR, name), "utf8").includes(inviteeEmail));
  expect(files).toHaveLength(1);
  expect(existsSync(path.join(MAIL_DIR, files[0]!))).toBe(true);

  await admin.getByRole("link", { name: link }).first().click();
  await expect(admin.getByRole("heading", { level: 1, name: `Join ${organizationName}` })).toBeVisible();
});
