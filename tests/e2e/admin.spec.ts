import { expect, test } from "@playwright/test";
import { ACME, ADMIN, createService, GLOBEX, principalArnFromSetup, register, signIn } from "./customer-aws";

/** The vendor admin's daily work: the approval queue (approve, deny with a reason the customer reads), the audit log; and the console is no customer's. */

test("an admin approves one waiting link and denies another with a reason the customer then sees", async ({ page, context, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, GLOBEX.email, GLOBEX.password);
  const principalArn = await principalArnFromSetup(page);
  const approved = `reports-${Date.now()}`;
  const denied = `scratch-${Date.now()}`;
  const approvedId = await register(page, approved, (await createService(GLOBEX.accountId, principalArn)).serviceName);
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "pending_approval", { timeout: 45_000 });
  const deniedId = await register(page, denied, (await createService(GLOBEX.accountId, principalArn)).serviceName);
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "pending_approval", { timeout: 45_000 });

  // The customer keeps the approved link's page open in another browser, to see the approval arrive by itself.
  const customer = await browser.newContext();
  const linkPage = await customer.newPage();
  await signIn(linkPage, GLOBEX.email, GLOBEX.password);
  await linkPage.goto(`/links/${approvedId}`);
  await expect(linkPage.locator("[data-state]").first()).toHaveAttribute("data-state", "pending_approval");

  await context.clearCookies();
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/admin");
  const first = page.getByRole("listitem", { name: approved });
  // The facts to decide: organization and plan, owner account, allow-list scope, checks.
  await expect(first).toContainText("Globex Data · plan team");
  await expect(first).toContainText(GLOBEX.accountId);
  await expect(first).toContainText("allow list admits organization");
  await expect(first).toContainText("checks passed");
  await first.getByRole("button", { name: "Approve" }).click();
  // Confirmed, not just gone.
  await expect(page.getByTestId("toast").filter({ hasText: `Approved ${approved}: its endpoint is being created` })).toBeVisible();
  await expect(page.getByRole("listitem", { name: approved })).toHaveCount(0, { timeout: 15_000 });

  // The customer's open page moved on without a reload, and said so.
  await expect(linkPage.locator("[data-state]").first()).not.toHaveAttribute("data-state", "pending_approval", { timeout: 20_000 });
  await expect(
    linkPage.getByTestId("toast").filter({ hasText: new RegExp(`^${approved} (is approved|is waiting for you to accept|is available)`) }),
  ).toBeVisible();
  await customer.close();

  const second = page.getByRole("listitem", { name: denied });
  await second.getByRole("button", { name: "Deny" }).click();
  const reason = second.getByLabel(/Why deny it\?/);
  await reason.fill("no");
  await second.getByRole("button", { name: "Deny", exact: true }).last().click();
  await expect(second.getByRole("alert")).toContainText("a few words");
  await reason.fill("This service is not one of our supported databases.");
  await second.getByRole("button", { name: "Deny", exact: true }).last().click();
  await expect(page.getByTestId("toast").filter({ hasText: `Denied ${denied}: the customer sees your reason` })).toBeVisible();
  await expect(page.getByRole("listitem", { name: denied })).toHaveCount(0, { timeout: 15_000 });

  await context.clearCookies();
  await signIn(page, GLOBEX.email, GLOBEX.password);
  await page.goto(`/links/${deniedId}`);
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "denied");
  // In the link's last error and its timeline.
  await expect(page.getByText("This service is not one of our supported databases.").first()).toBeVisible();
});

test("an admin exports the audit log as CSV", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/admin/audit");
  await page.getByLabel("Action (or a prefix: link.)").fill("link.");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("cell", { name: /^denied link scratch-.*: This service is not one of our supported databases\./ }).first()).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export as CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString("utf8");
  expect(text.split("\r\n")[0]).toBe(
    "created_at,actor,actor_email,organization,summary,changes,details,actor_type,actor_id,organization_id,action,target_type,target_id,request_id",
  );
  expect(text).toContain(`,${ADMIN.email},Globex Data,denied link scratch-`);
  expect(text).toContain(",link.deny,link,");
  expect(text).toContain("This service is not one of our supported databases.");
  expect(text).not.toContain(",organization.update,");
});

test("an admin opens an organization: its role, declared accounts and members; edits its quota, audited; its links in the fleet", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/admin/organizations");
  await page.getByRole("link", { name: "Globex Data" }).click();
  await expect(page.getByRole("heading", { name: "Globex Data" })).toBeVisible();
  const card = (title: string) => page.locator("section").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
  const principal = card("AWS principal");
  await principal.getByRole("button", { name: "Repair the role" }).click();
  await expect(principal.getByRole("status")).toHaveText("The role is ready.");
  await expect(principal.locator("[data-role-state]")).toHaveAttribute("data-role-state", "ready");
  await expect(page.getByRole("table", { name: /AWS accounts the organization declared/ })).toContainText(GLOBEX.accountId);
  await expect(page.getByRole("table", { name: /Members/ })).toContainText(GLOBEX.email);

  const settings = card("Settings");
  await settings.getByRole("button", { name: "Edit settings" }).click();
  await settings.getByLabel("Link quota").fill("25");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings).toContainText("of 25 allowed");

  await page.getByRole("link", { name: /links in the fleet/ }).click();
  await expect(page).toHaveURL(/\/admin\/links\?organizationId=[0-9a-f-]{36}$/);
  await expect(page.getByTestId("organizationId-picked")).toHaveText("Globex Data");
  await expect(page.getByRole("listitem").filter({ hasText: "Acme Analytics" })).toHaveCount(0);

  // The audit log names the person (their email), the organization (picked by name, not pasted as an id) and what changed.
  await page.goto("/admin/audit");
  const picker = page.getByRole("combobox", { name: "Organization" });
  await picker.fill("globex");
  await expect(page.getByRole("option", { name: /Globex Data/ })).toBeVisible();
  await picker.press("Enter");
  await expect(page.getByTestId("organizationId-picked")).toHaveText("Globex Data");
  await page.getByLabel("Action (or a prefix: link.)").fill("organization.");
  await page.getByRole("button", { name: "Apply filters" }).click();
  const update = page.getByRole("row").filter({ hasText: "changed the organization's settings" }).first();
  await expect(update).toContainText(ADMIN.email);
  await expect(update).toContainText("Globex Data");
  await expect(update).toContainText("Link quota");
  await expect(update).toContainText("25");
  await expect(page.getByRole("row").filter({ hasText: "repaired the organization's AWS role" }).first()).toContainText(ADMIN.email);
  await expect(page.getByRole("row").filter({ hasText: "Acme Analytics" })).toHaveCount(0);
});

test("a customer opening /admin gets 404", async ({ page }) => {
  await signIn(page, ACME.email, ACME.password);
  for (const path of [
    "/admin",
    "/admin/regions",
    "/admin/audit",
    "/admin/organizations",
    "/admin/metrics",
    "/admin/organizations/8315b518-db3d-42f4-b11c-56fc05466745",
  ]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
});
