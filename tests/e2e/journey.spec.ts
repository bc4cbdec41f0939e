import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { ADMIN, signIn } from "./customer-aws";
import { mailedLink } from "./mailbox";

/**
 * A new customer's whole way to a working link, in the browser only, as a person finds it (labels
 * and roles): sign up, see the free plan and ask for more, a vendor admin says yes in the console,
 * the setup wizard, the service made and allowlisted in the sandbox console, registration, checks,
 * acceptance, DNS names and then the revoked connection on the open link page, and deletion. Each
 * step leaves a screenshot (test-results/journey/ and the report's attachments).
 */

const state = (page: Page) => page.locator("[data-state]").first();

function photographer(testInfo: TestInfo) {
  let count = 0;
  return async (page: Page, name: string) => {
    const path = `test-results/journey/${String(++count).padStart(2, "0")}-${name}.png`;
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(name, { path, contentType: "image/png" });
  };
}

test("a new customer goes from sign-up to a working link, sees it revoked, and deletes it", async ({ page, browser, context }, testInfo) => {
  test.setTimeout(240_000);
  const shot = photographer(testInfo);
  const stamp = Date.now().toString(36);
  const email = `journey-${stamp}@example.com`;
  const organization = `Journey Freight ${stamp}`;

  // Sign up.
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Jo Urney");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByLabel("Organization").fill(organization);
  await shot(page, "sign-up");
  await page.getByRole("button", { name: "Create account" }).click();
  // Two password hashes (sign-up, then sign-in) and the first page render: slow on a busy machine.
  await expect(page.getByTestId("signed-in-as")).toHaveText(email, { timeout: 20_000 });
  await shot(page, "signed-up");

  // Verify the address, as the banner asks, from the mail the portal sent: registering links waits for it.
  await expect(page.getByRole("region", { name: "Address verification" })).toBeVisible();
  await page.goto(await mailedLink(email, "/verify-email/"));
  await page.getByRole("button", { name: "Verify my email address" }).click();
  await expect(page.getByRole("status")).toContainText("is verified");
  await page.getByRole("link", { name: "Go to the portal" }).click();
  await expect(page.getByRole("region", { name: "Address verification" })).toHaveCount(0);

  // The plan, before any AWS work: free has no private links; ask for one that has.
  await page.getByRole("navigation").getByRole("link", { name: "Setup" }).click();
  // Home has the same plan panel: wait for the Setup page itself, or what is typed next lands in the page being left.
  await expect(page.getByRole("heading", { level: 1, name: "Set up your endpoint service" })).toBeVisible();
  const plan = page.getByTestId("plan");
  await expect(plan).toContainText("Free plan");
  await expect(plan).toContainText("No private links");
  // The form takes input once the page is live (hydrated): what is typed before may not survive hydration.
  await expect(page.getByRole("button", { name: "Ask for an upgrade" })).toBeEnabled();
  await page.getByLabel("Plan to ask for").selectOption("team");
  await page.getByLabel("Message (optional)").fill("We want to reach our orders API privately.");
  await page.getByRole("button", { name: "Ask for an upgrade" }).click();
  await expect(page.getByTestId("upgrade-request")).toContainText("You asked for the team plan");
  await shot(page, "upgrade-asked");

  // A vendor admin, in a browser of their own, approves it in the console.
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, ADMIN.email, ADMIN.password);
  await adminPage.goto("/admin");
  const upgrade = adminPage.getByRole("listitem", { name: `Upgrade request of ${organization}` });
  await expect(upgrade).toContainText("We want to reach our orders API privately.");
  await shot(adminPage, "admin-upgrade-request");
  await upgrade.getByRole("button", { name: "Approve team" }).click();
  await expect(upgrade).toHaveCount(0);

  // The setup wizard, now with the team plan.
  await page.reload();
  await expect(plan).toContainText("Team plan");
  await page.getByLabel("Region of your service").selectOption("us-east-1");
  await expect(page.getByRole("heading", { name: "2. Your side in us-east-1" })).toBeVisible();
  const steps = page.getByTestId("setup-steps");
  await expect(steps).toContainText(/use1-az\d/);
  const principalArn = (await page.getByTestId("principal-arn").textContent())!;
  expect(principalArn).toMatch(/^arn:aws:iam::\d{12}:role\//);
  await expect(page.getByTestId("iac")).toContainText(principalArn);
  await expect(page.getByText("No AWS account declared yet.")).toBeVisible();
  await shot(page, "setup-wizard");

  // The customer's AWS side, in the sandbox console (a tab of its own: the link page stays open later).
  const aws = await context.newPage();
  await aws.goto("/");
  await aws.getByRole("navigation").getByRole("link", { name: "Sandbox" }).click();
  await expect(aws.getByRole("heading", { level: 1, name: "Sandbox customer console" })).toBeVisible();
  await aws.getByLabel("Load balancer name").fill(`orders-nlb-${stamp}`);
  await aws.getByRole("checkbox", { name: /Allowlist your organization's principal/ }).uncheck();
  await aws.getByRole("button", { name: "Create endpoint service" }).click();
  const created = aws.getByRole("status").filter({ hasText: "Created vpce-svc-" });
  await expect(created).toBeVisible();
  const [, serviceId, serviceName] = /Created (vpce-svc-[0-9a-f]{17})\. Register its service name (\S+) in the portal/.exec((await created.textContent())!)!;
  const service = aws.getByRole("article", { name: `Endpoint service ${serviceId}` });
  await expect(service).toContainText("Nobody: no one can see this service yet.");
  await service.getByLabel("Principal ARN to allow").fill(principalArn);
  await service.getByRole("button", { name: "Allow", exact: true }).click();
  await expect(service.getByRole("list", { name: "Allowed principals" })).toHaveText(principalArn);
  await shot(aws, "sandbox-service-allowlisted");

  // Register: the region comes from the service name.
  await steps.getByRole("link", { name: "Register the service name" }).click();
  await expect(page).toHaveURL(/\/links\/new$/);
  const linkName = `orders-${stamp}`;
  await page.getByLabel("Link name").fill(linkName);
  await page.getByLabel("Endpoint service name").fill(serviceName!);
  await expect(page.getByLabel("Our region")).toHaveValue("us-east-1");
  await expect(page.getByTestId("region-hint")).toHaveText("Same region as your service: no cross-region traffic.");
  await shot(page, "register");
  await page.getByRole("button", { name: "Register link" }).click();
  await expect(page).toHaveURL(/\/links\/[0-9a-f-]{36}$/);

  // Checks pass; a new organization's links wait for the vendor's approval.
  await expect(state(page)).toHaveAttribute("data-state", "pending_approval", { timeout: 45_000 });
  await expect(page.getByTestId("checks")).toContainText("Service found");
  await expect(page.getByTestId("checks").getByLabel("fail")).toHaveCount(0);
  await shot(page, "link-checks-passed");
  await adminPage.goto("/admin");
  await adminPage.getByRole("listitem", { name: linkName }).getByRole("button", { name: "Approve" }).click();
  await expect(adminPage.getByRole("listitem", { name: linkName })).toHaveCount(0, { timeout: 15_000 });
  await admin.close();

  await expect(state(page)).toHaveAttribute("data-state", "pending_acceptance", { timeout: 45_000 });
  const endpointId = (await page.getByTestId("endpoint-id").textContent())!;
  await expect(page.getByTestId("next-step")).toContainText(endpointId);
  await expect(page.getByTestId("dns-names")).toHaveCount(0);
  await expect(page.getByTestId("next-step").getByRole("link", { name: "Sandbox console" })).toHaveAttribute("href", "/sandbox");
  await shot(page, "link-pending-acceptance");

  // Accept in the console; the open link page shows the DNS names by itself.
  await aws.bringToFront();
  const request = service.getByRole("listitem").filter({ hasText: endpointId });
  await request.getByRole("button", { name: `Accept ${endpointId}` }).click();
  await expect(request.getByRole("button", { name: `Revoke ${endpointId}` })).toBeVisible();
  await shot(aws, "sandbox-accepted");
  await page.bringToFront();
  await expect(state(page)).toHaveAttribute("data-state", "available", { timeout: 45_000 });
  await expect(page.getByTestId("dns-names")).toContainText(`${endpointId}-`);
  await shot(page, "link-available");

  // Revoke in the console; the open link page shows the loss within a minute.
  await aws.bringToFront();
  await request.getByRole("button", { name: `Revoke ${endpointId}` }).click();
  await expect(request).toContainText("rejected");
  await shot(aws, "sandbox-revoked");
  await page.bringToFront();
  await expect(state(page)).toHaveAttribute("data-state", "disconnected", { timeout: 60_000 });
  await expect(page.getByTestId("dns-names")).toHaveCount(0);
  await expect(page.getByTestId("next-step")).toContainText("revoked in your account");
  await shot(page, "link-disconnected");

  // Delete it.
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete link" }).click();
  await expect(state(page)).toHaveAttribute("data-state", "deleted", { timeout: 45_000 });
  await shot(page, "link-deleted");
});
