import { expect, test } from "@playwright/test";
import { signIn } from "./customer-aws";

test("a new organization sees its plan before any AWS work, asks for an upgrade, and can register once a vendor admin approves", async ({ page, browser }) => {
  const email = `plans-${Date.now().toString(36)}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Pia Plans");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByLabel("Organization").fill(`Pia Networks ${Date.now()}`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);

  await page.goto("/setup");
  const plan = page.getByTestId("plan");
  await expect(plan).toContainText("Free plan");
  await expect(plan).toContainText("No private links");
  await page.goto("/links/new");
  await expect(page.getByRole("button", { name: "Register link" })).toHaveCount(0);
  await expect(page.getByText("Registering a link needs a plan with private links.")).toBeVisible();

  await page.getByLabel("Plan to ask for").selectOption("team");
  await page.getByLabel("Message (optional)").fill("We want to connect our orders database.");
  await page.getByRole("button", { name: "Ask for an upgrade" }).click();
  await expect(page.getByTestId("upgrade-request")).toContainText("You asked for the team plan");
  await page.reload();
  await expect(page.getByTestId("upgrade-request")).toContainText("You asked for the team plan");
  await expect(page.getByRole("button", { name: "Ask for an upgrade" })).toHaveCount(0);

  // The vendor admin answers through the API the admin console uses.
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, "admin@vendor.example.com", "vendor-admin-password");
  const queue = await adminPage.request.get("/api/v1/admin/upgrade-requests?status=open&limit=100");
  const request = ((await queue.json()) as { data: { id: string; organizationName: string; requestedPlan: string }[] }).data.find((r) =>
    r.organizationName.startsWith("Pia Networks"),
  )!;
  expect(request.requestedPlan).toBe("team");
  const origin = new URL(adminPage.url()).origin;
  const approved = await adminPage.request.post(`/api/v1/admin/upgrade-requests/${request.id}/approve`, { data: {}, headers: { origin } });
  expect(approved.status()).toBe(200);
  await admin.close();

  await page.reload();
  await expect(page.getByTestId("plan")).toContainText("Team plan");
  await expect(page.getByRole("button", { name: "Register link" })).toBeVisible();
});
