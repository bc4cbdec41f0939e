import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { expectFitsWindow } from "./fits";
import { ownerOfNewOrganization, PASSWORD, unique } from "./customer-aws";

/**
 * Organization settings as an owner finds them: invite a member (who creates their account
 * through the link and lands signed in), create an API key and use it, send a webhook test event
 * to a receiver on loopback and see it in the delivery log; and each page at 390 px.
 */

test("an owner invites a member, who creates their account through the link and is signed in; the last owner cannot leave", async ({ page, browser }) => {
  const { email: ownerEmail, organizationName } = await ownerOfNewOrganization(page);
  await page.goto("/");
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Organization settings" })).toBeVisible();

  // Field errors next to the field, nothing created.
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.locator("#email-error")).toBeVisible();

  const inviteeEmail = `member-${unique()}@example.com`;
  await page.getByLabel("Email").fill(inviteeEmail);
  await page.getByLabel("Role").selectOption("member");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = (await page.getByTestId("shown-once").textContent())!;
  expect(link).toMatch(/\/invitations\/inv_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("list", { name: "Pending invitations" })).toContainText(inviteeEmail);

  // The invitee, in a browser of their own.
  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { level: 1, name: `Join ${organizationName}` })).toBeVisible();
  await invitee.getByLabel("Your name").fill("Max Member");
  await invitee.getByLabel("Password").fill(PASSWORD);
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee.getByTestId("signed-in-as")).toHaveText(inviteeEmail);
  await invitee.goto("/settings");
  await expect(invitee.getByText("you are a member")).toBeVisible();
  await expect(invitee.getByRole("list", { name: "Members" })).toContainText(ownerEmail);

  // Used once: the link is dead now.
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { level: 1, name: "This invitation cannot be used" })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("list", { name: "Members" })).toContainText(inviteeEmail);
  await expect(page.getByRole("list", { name: "Pending invitations" })).toHaveCount(0);
  // The only owner cannot step down or leave (the API would refuse): both are disabled, and the reason is beside them.
  await expect(page.getByRole("button", { name: "Leave the organization" })).toBeDisabled();
  await expect(page.getByRole("button", { name: `Make member: ${ownerEmail}` })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Leave the organization" })).toHaveAccessibleDescription(
    /You are the only owner: make another member an owner/,
  );
  await expect(page.getByRole("button", { name: `Make member: ${inviteeEmail}` })).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Remove ${inviteeEmail}` })).toBeEnabled();
});

test("an API key is created with its scopes, used with fetch, and revoked", async ({ page, baseURL }) => {
  await ownerOfNewOrganization(page);
  await page.goto("/settings");
  await page.getByLabel("Key name", { exact: true }).fill("ci-pipeline");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("shown-once").textContent())!;
  expect(key).toMatch(/^plk_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$/);

  const listLinks = () => fetch(`${baseURL}/api/v1/links`, { headers: { authorization: `Bearer ${key}` } });
  expect((await listLinks()).status).toBe(200);
  // read only: a write is refused.
  const write = await fetch(`${baseURL}/api/v1/webhooks`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ url: "https://hooks.example.com/x", eventTypes: ["link.state_changed"] }),
  });
  expect(write.status).toBe(403);

  await page.reload();
  const row = page.getByRole("list", { name: "API keys" }).getByRole("listitem").filter({ hasText: "ci-pipeline" });
  await expect(row).toContainText(`plk_${key.slice(4, 12)}_`);
  await expect(row).not.toContainText("last used never");
  await expect(page.getByTestId("shown-once")).toHaveCount(0);

  // The confirmation, by keyboard: it opens on Cancel, Escape leaves the key alone, Tab reaches the button named for what it does.
  const revoke = row.getByRole("button", { name: "Revoke ci-pipeline" });
  await revoke.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Revoke “ci-pipeline”?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAccessibleDescription("Requests with it fail at once.");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(revoke).toBeFocused();
  expect((await listLinks()).status).toBe(200);

  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Revoke key" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(row).toContainText("Revoked");
  expect((await listLinks()).status).toBe(401);
});

test("a webhook's test event reaches the receiver and shows as delivered in the log", async ({ page }) => {
  const received: IncomingHttpHeaders[] = [];
  const receiver: Server = createServer((request, response) => {
    received.push(request.headers);
    request.resume();
    request.on("end", () => response.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  try {
    await ownerOfNewOrganization(page);
    await page.goto("/settings");
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    await page.getByLabel("Endpoint URL").fill(url);
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByTestId("shown-once")).toHaveText(/^whsec_/);

    const webhook = page.getByRole("listitem", { name: `Webhook ${url}` });
    await expect(webhook).toContainText("Nothing sent yet");
    await webhook.getByRole("button", { name: "Send test event" }).click();
    const delivery = webhook.getByTestId("webhook-delivery").first();
    await expect(delivery).toContainText("webhook.test");
    await expect(delivery).toContainText("delivered", { timeout: 30_000 });
    await expect(delivery).toContainText("HTTP 204");
    expect(received.map((headers) => headers["privatelink-event-type"])).toEqual(["webhook.test"]);
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});

test("the settings page and an invitation link fit a 390 px screen", async ({ page, browser }) => {
  await ownerOfNewOrganization(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/settings");
  await page.getByLabel("Email").fill(`narrow-${unique()}@example.com`);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = (await page.getByTestId("shown-once").textContent())!;
  await page.getByLabel("Key name", { exact: true }).fill("a-key-with-a-rather-long-name-for-a-narrow-screen");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("list", { name: "API keys" })).toBeVisible();
  // The page's own content; the header and navigation above it have their own 390 px journey.
  await expectFitsWindow(page, "main");
  await page.screenshot({ path: "test-results/settings-390.png", fullPage: true });

  const invitee = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("button", { name: "Create account and join" })).toBeVisible();
  await expectFitsWindow(invitee);
});

test("the API reference shows a customer their operations only, in rendered Markdown, with a way back", async ({ page }) => {
  await ownerOfNewOrganization(page);
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Operations" })).toContainText("POST /api/v1/links");
  await expect(page.getByRole("navigation", { name: "Operations" })).not.toContainText("/api/v1/admin/");
  await expect(page.getByRole("heading", { name: "Admin", exact: true })).toHaveCount(0);
  await expect(page.locator("main")).not.toContainText("`");
  await expect(page.locator("main")).not.toContainText("docs/API.md");
  await expect(page.locator("main code").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "download openapi.json" })).toHaveAttribute("href", "/api/v1/openapi.json");
  await page.getByRole("link", { name: "← Back to the portal" }).click();
  await expect(page).toHaveURL(/\/$/);
});
