import { expect, test } from "@playwright/test";
import { expectFitsWindow } from "./fits";
import { ACME, ownerOfNewOrganization, signIn } from "./customer-aws";

/**
 * The customer's whole journey with the sandbox console playing their AWS account, in the browser
 * only (no AWS tool): create the endpoint service (allowlisting the organization's principal),
 * register it, accept the request, see the DNS names, revoke.
 */

test("a customer creates the service in the sandbox console, registers it, accepts, gets DNS names, and revokes", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ACME.email, ACME.password);
  await page.getByRole("link", { name: "Sandbox" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sandbox customer console" })).toBeVisible();
  await expect(page.getByRole("note", { name: "Sandbox" })).toContainText("Nothing here touches real AWS");
  await expect(page.getByTestId("sandbox-account-id")).toHaveText(ACME.accountId);

  await page.getByLabel("Load balancer name").fill(`e2e-${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Create endpoint service" }).click();
  const created = page.getByRole("status").filter({ hasText: "Created vpce-svc-" });
  await expect(created).toBeVisible();
  const [, serviceId, serviceName] = /Created (vpce-svc-[0-9a-f]{17})\. Register its service name (\S+) in the portal/.exec((await created.textContent())!)!;
  const service = page.getByRole("article", { name: `Endpoint service ${serviceId}` });
  await expect(service.getByRole("list", { name: "Allowed principals" })).toContainText(/arn:aws:iam::111111111111:role\//);
  await page.screenshot({ path: "test-results/sandbox-console-service.png", fullPage: true });

  await page.goto("/links/new");
  await page.getByLabel("Link name").fill(`sandboxed-${Date.now().toString(36)}`);
  await page.getByLabel("Endpoint service name").fill(serviceName!);
  await page.getByLabel("Our region").selectOption("us-east-1");
  await page.getByRole("button", { name: "Register link" }).click();
  await expect(page).toHaveURL(/\/links\/[0-9a-f-]{36}$/);
  const linkUrl = page.url();
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "pending_acceptance", { timeout: 45_000 });
  const endpointId = (await page
    .getByText(/^vpce-[0-9a-f]{17}$/)
    .first()
    .textContent())!;

  await page.goto("/sandbox");
  await expect(page.getByRole("note", { name: "Sandbox" })).toBeVisible();
  const request = service.getByTestId("sandbox-connection").filter({ hasText: endpointId });
  await expect(request).toContainText("pendingAcceptance");
  await request.getByRole("button", { name: `Accept ${endpointId}` }).click();
  await expect(request.getByTestId("sandbox-connection-state")).toHaveText(/^(pending|available)$/);

  await page.goto(linkUrl);
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "available", { timeout: 45_000 });
  await expect(page.getByTestId("dns-names")).toContainText(`${endpointId}-`);

  await page.goto("/sandbox");
  await service
    .getByTestId("sandbox-connection")
    .filter({ hasText: endpointId })
    .getByRole("button", { name: `Revoke ${endpointId}` })
    .click();
  await expect(service.getByTestId("sandbox-connection").filter({ hasText: endpointId }).getByTestId("sandbox-connection-state")).toHaveText("rejected");
});

test("a new organization's console acts in a sandbox account of its own, with none of Acme's services", async ({ page }) => {
  await ownerOfNewOrganization(page);
  await page.goto("/sandbox");
  const account = page.getByTestId("sandbox-account-id");
  await expect(account).toHaveText(/^\d{12}$/);
  await expect(account).not.toHaveText(ACME.accountId);
  await expect(page.getByText("No endpoint service in this account and region yet.")).toBeVisible();
});

test("the sandbox console fits a 390 px screen", async ({ page }) => {
  await signIn(page, ACME.email, ACME.password);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/sandbox");
  await expect(page.getByRole("button", { name: "Create endpoint service" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Endpoint services in/ })).toBeVisible();
  // The page's own content; the header and navigation above it have their own 390 px journey.
  await expectFitsWindow(page, "main");
  await page.screenshot({ path: "test-results/sandbox-console-390.png", fullPage: true });
});
