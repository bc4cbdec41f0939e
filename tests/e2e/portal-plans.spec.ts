import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./customer-aws";

test("a new organization sees its plan before any AWS work, asks for an upgrade, and can register once a vendor admin approves", async ({ page, browser }) => {
  const email = `plans-${Date.now().toString(36)}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Pia Plans");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByLabel("Organization").fill(`Pia Networks ${Date.now()}`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);

  // Told on the first page, before any work: links need an upgrade, and what each plan allows.
  await expect(page.getByTestId("needs-upgrade")).toContainText("Links need an upgrade");
  await expect(page.getByRole("button", { name: "Ask for the Team plan" })).toBeVisible();
  const comparison = page.getByRole("table", { name: "What each plan allows" });
  await expect(comparison.getByRole("row", { name: /^Free/ })).toContainText("your plan");
  await expect(comparison.getByRole("row", { name: /^Team/ })).toContainText("Yes");

  await page.goto("/setup");
  const plan = page.getByTestId("plan");
  await expect(plan).toContainText("Free plan");
  await expect(plan).toContainText("No private links");
  await expect(page.getByRole("table", { name: "What each plan allows" })).toBeVisible();
  await page.goto("/links/new");
  await expect(page.getByRole("button", { name: "Register link" })).toHaveCount(0);
  await expect(page.getByText("Registering a link needs a plan with private links.")).toBeVisible();

  await page.getByLabel("Plan to ask for").selectOption("team");
  await page.getByLabel("Message (optional)").fill("We want to connect our orders database.");
  await page.getByRole("button", { name: "Ask for an upgrade" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Asked for the Team plan. We answer here and by email." })).toBeVisible();
  await expect(page.getByTestId("upgrade-request")).toContainText("You asked for the team plan");
  await page.reload();
  await expect(page.getByTestId("upgrade-request")).toContainText("You asked for the team plan");
  await expect(page.getByRole("button", { name: "Ask for an upgrade" })).toHaveCount(0);
  // The Setup page stays open while a vendor admin answers in another browser.
  await page.goto("/setup");
  await expect(page.getByTestId("plan")).toContainText("Free plan");

  // A vendor admin answers in the console: a reason is needed to deny, approving changes the plan.
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, ADMIN.email, ADMIN.password);
  await adminPage.goto("/admin");
  const request = adminPage.getByRole("listitem", { name: /^Upgrade request of Pia Networks/ });
  await expect(request).toContainText("From the free plan to team");
  await expect(request).toContainText("We want to connect our orders database.");
  await request.getByRole("button", { name: "Deny" }).click();
  await request.getByRole("button", { name: "Deny", exact: true }).last().click();
  await expect(request.getByRole("alert")).toHaveText("Say why");
  await request.getByRole("button", { name: "Cancel" }).click();
  await request.getByRole("button", { name: "Approve team" }).click();
  await expect(adminPage.getByTestId("toast").filter({ hasText: /^Pia Networks \d+ is now on the team plan/ })).toBeVisible();
  await expect(request).toHaveCount(0);
  await admin.close();

  // No reload: the open Setup page reads the plan again by itself and says what changed.
  await expect(page.getByTestId("plan")).toContainText("Team plan", { timeout: 20_000 });
  await expect(page.getByTestId("toast").filter({ hasText: "Your plan is now Team" })).toBeVisible();
  await page.goto("/links/new");
  await expect(page.getByRole("button", { name: "Register link" })).toBeVisible();
});
