import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { expect, test, type Page } from "@playwright/test";
import { ACME, ADMIN, customerAccount, signIn } from "./customer-aws";

/**
 * A link without a load balancer, in the browser only: the sandbox console plays Acme's AWS account (a resource gateway, a
 * resource configuration for an RDS database by ARN, its RAM share with our account), the wizard registers it, and the link
 * goes to available with no acceptance step and a resource endpoint's DNS name; the admin console shows its kind.
 */

/** The proof role's name: the vendor account's (the sandbox's 111111111111), as links.spec.ts makes it. */
const PROOF_ROLE = "privatelink-proof-111111111111";

/** A resource link's configuration owner must be proved: Acme's sandbox account, from the Setup page (once, whichever spec did it). */
async function proveAccount(page: Page, accountId: string) {
  await page.goto("/setup");
  const account = page.getByTestId("aws-accounts").getByRole("listitem").filter({ hasText: accountId });
  await expect(account).toBeVisible();
  if (await account.getByText("Proved", { exact: true }).isVisible()) return;
  const trustPolicy = (await page.getByTestId("proof-trust-policy").textContent())!;
  const iam = new IAMClient((await customerAccount(accountId)).config);
  await iam.send(new CreateRoleCommand({ RoleName: PROOF_ROLE, AssumeRolePolicyDocument: trustPolicy })).catch((error: Error) => {
    if (error.name !== "EntityAlreadyExists") throw error;
  });
  await account.getByRole("button", { name: "Check proof" }).click();
  await expect(account).toContainText("Proved");
}

test("register a resource link in the wizard using the sandbox console", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await signIn(page, ACME.email, ACME.password);
  await proveAccount(page, ACME.accountId);

  await page.goto("/sandbox");
  await expect(page.getByTestId("sandbox-account-id")).toHaveText(ACME.accountId);
  const form = page.getByRole("form", { name: "Create a resource configuration" });
  await form.getByLabel("Resource name").fill(`orders-${Date.now().toString(36)}`);
  await expect(form.getByLabel("RDS database ARN")).toHaveValue(`arn:aws:rds:us-east-1:${ACME.accountId}:db:orders`);
  await form.getByRole("button", { name: "Create resource configuration" }).click();
  await expect(form.getByRole("status")).toContainText("Created rcfg-");
  const configurationArn = (await form.getByTestId("sandbox-configuration-arn").textContent())!;
  const shareArn = (await form.getByTestId("sandbox-share-arn").textContent())!;
  const configuration = page.getByRole("article", { name: `Resource configuration ${configurationArn.split("/").at(-1)}` });
  await expect(configuration.getByTestId("sandbox-share-state")).toHaveText("invitation pending");

  const name = `orders-db-${Date.now().toString(36)}`;
  await page.goto("/links/new");
  await page.getByLabel("Without one (resource configuration)").check();
  await expect(page.getByLabel("Use the service's private DNS name")).toHaveCount(0);
  await page.getByLabel("Link name").fill(name);
  await page.getByLabel("Resource configuration ARN").fill(configurationArn);
  await expect(page.getByText(`✓ A resource configuration in us-east-1, owned by account ${ACME.accountId}, which your organization proved.`)).toBeVisible();
  await expect(page.getByLabel("Our region")).toHaveValue("us-east-1");
  await page.getByLabel("RAM resource share ARN").fill(shareArn);
  await page.getByRole("button", { name: "Register link" }).click();
  await expect(page).toHaveURL(/\/links\/[0-9a-f-]{36}$/);

  await expect(page.locator('[data-kind="resource"]')).toHaveText("Resource");
  await expect(page.getByTestId("link-steps").getByRole("listitem")).toHaveCount(4);
  await expect(page.getByTestId("link-steps")).not.toContainText("Accept");
  await expect(page.getByRole("definition").filter({ hasText: shareArn })).toBeVisible();
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "available", { timeout: 120_000 });
  await expect(page.getByTestId("dns-names")).toContainText(".vpc-lattice-rsc.us-east-1.on.aws");
  await expect(page.getByTestId("timeline")).not.toContainText("pending acceptance");

  // Our account took the share's invitation when it verified the link.
  await page.goto("/sandbox");
  await expect(configuration.getByTestId("sandbox-share-state")).toHaveText("accepted");

  await page.goto("/");
  await page.getByLabel("Search links").fill(name);
  await expect(page.getByTestId("link-row")).toHaveCount(1);
  await expect(page.getByTestId("link-row").locator('[data-kind="resource"]').filter({ visible: true })).toHaveText("Resource");
  await page.getByLabel("Filter by kind").selectOption("service");
  await expect(page.getByTestId("links-empty")).toHaveText("No links match these filters.");
  await page.getByLabel("Filter by kind").selectOption("resource");
  await expect(page.getByTestId("link-row")).toHaveCount(1);

  // The vendor's admin sees the kind in the fleet and counts it in the metrics.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);
  await admin.goto(`/admin/links?q=${name}`);
  await expect(admin.getByRole("listitem", { name }).locator('[data-kind="resource"]')).toHaveText("Resource");
  await admin.goto("/admin/metrics");
  await expect(admin.getByTestId("links-by-kind")).toContainText("resource configuration link");
});

test("a malformed configuration ARN is refused next to the field, before anything is sent", async ({ page }) => {
  await signIn(page, ACME.email, ACME.password);
  await page.goto("/links/new?kind=resource");
  await expect(page.getByLabel("Without one (resource configuration)")).toBeChecked();
  await page.getByLabel("Link name").fill("typo");
  await page.getByLabel("Resource configuration ARN").fill("arn:aws:vpc-lattice:us-east-1:rcfg-1");
  await page.getByLabel("RAM resource share ARN").fill("arn:aws:ram:oops");
  await page.getByLabel("Link name").focus();
  await expect(page.locator("#resourceConfigurationArn-error")).toContainText("Expected a resource configuration ARN like");
  await expect(page.locator("#resourceShareArn-error")).toContainText("Expected a RAM resource share ARN like");
  await page.getByRole("button", { name: "Register link" }).click();
  await expect(page).toHaveURL(/\/links\/new\?kind=resource$/);
});

test("the Setup page offers the kits without a load balancer, by what the configuration names", async ({ page }) => {
  await signIn(page, ACME.email, ACME.password);
  await page.goto("/setup");
  await page.getByLabel("Without one (resource configuration)").check();
  await page.getByLabel("Region of your resource").selectOption("us-east-1");
  const steps = page.getByTestId("setup-steps");
  await expect(steps).toContainText("resource gateway");
  await expect(steps).toContainText("111111111111"); // our account, which the share names
  await expect(page.getByRole("checkbox", { name: "5432" })).toHaveCount(0); // an RDS ARN: the database's own port
  await page.getByLabel("What the configuration names").selectOption("domain");
  await page.getByRole("checkbox", { name: "22", exact: true }).uncheck();
  await page.getByRole("tab", { name: "AWS CLI script" }).click();
  const kit = page.getByTestId("iac");
  await expect(kit).toContainText("DOMAIN_NAME");
  await expect(kit).toContainText('VENDOR_ACCOUNT_ID="111111111111"');
  await expect(kit).toContainText("PORTS=(443 5432)");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("setup-kit-download").click()]);
  expect(download.suggestedFilename()).toBe("privatelink-us-east-1-resource-domain.sh");
  await steps.getByRole("link", { name: "Register the configuration ARN" }).click();
  await expect(page).toHaveURL(/\/links\/new\?kind=resource$/);
  await expect(page.getByLabel("Without one (resource configuration)")).toBeChecked();
});
