import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { expect, test } from "@playwright/test";
import { ACME, createService, customerAccount, principalArnFromSetup, register, signIn } from "./customer-aws";

test("a customer sets up, registers, accepts, gets DNS names, and deletes a link", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ACME.email, ACME.password);
  const principalArn = await principalArnFromSetup(page);
  await expect(page.getByTestId("iac")).toContainText(principalArn);
  const service = await createService(ACME.accountId, principalArn);

  await register(page, `orders-${Date.now()}`, service.serviceName);
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "pending_acceptance", { timeout: 45_000 });
  await expect(page.getByTestId("checks")).toContainText("Service found");
  const endpointId = (await page.getByTestId("endpoint-id").textContent())!;

  await service.accept(endpointId);
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "available", { timeout: 45_000 });
  await expect(page.getByTestId("dns-names")).toContainText(`${endpointId}-`);
  await expect(page.getByTestId("timeline")).toContainText("pending acceptance → available");

  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete link" }).click();
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "deleted", { timeout: 45_000 });
});

test("a malformed service name is refused next to the field", async ({ page }) => {
  await signIn(page, ACME.email, ACME.password);
  await page.goto("/links/new");
  await page.getByLabel("Link name").fill("typo");
  await page.getByLabel("Endpoint service name").fill("vpce-svc-123");
  await page.getByRole("button", { name: "Register link" }).click();
  await expect(page.locator("#serviceName-error")).toContainText("Expected an endpoint service name like");
  await expect(page).toHaveURL(/\/links\/new$/);
});

test("a service not allowlisted fails verification naming the principal to allowlist", async ({ page }) => {
  await signIn(page, ACME.email, ACME.password);
  const principalArn = await principalArnFromSetup(page);
  const service = await createService(ACME.accountId, "arn:aws:iam::444444444444:root");
  await register(page, `hidden-${Date.now()}`, service.serviceName);
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "verification_failed", { timeout: 45_000 });
  await expect(page.getByTestId("last-error")).toContainText(`allowlist ${principalArn}`);
});

test("a customer proves from the Setup page that an AWS account is theirs", async ({ page }) => {
  await signIn(page, ACME.email, ACME.password);
  await page.goto("/setup");
  const trustPolicy = (await page.getByTestId("proof-trust-policy").textContent())!;
  expect(JSON.parse(trustPolicy)).toMatchObject({
    Statement: [{ Condition: { StringEquals: { "sts:ExternalId": (await page.getByTestId("ownership-external-id").textContent())! } } }],
  });

  // The seed declares Acme's sandbox account; proving it takes the role, made with the account's own keys.
  const accounts = page.getByTestId("aws-accounts");
  await expect(accounts).toContainText(ACME.accountId);
  await accounts.getByRole("button", { name: "Check proof" }).click();
  await expect(accounts).toContainText("AccessDenied");
  const iam = new IAMClient((await customerAccount(ACME.accountId)).config);
  await iam.send(new CreateRoleCommand({ RoleName: "privatelink-proof-111111111111", AssumeRolePolicyDocument: trustPolicy }));
  await accounts.getByRole("button", { name: "Check proof" }).click();
  await expect(accounts).toContainText("Proved");

  await page.getByLabel("AWS account id").fill("12345");
  await page.getByRole("button", { name: "Add account" }).click();
  await expect(page.locator("#accountId-error")).toContainText("12-digit");
});

test("the setup kit follows the customer's choices and downloads as a file", async ({ page }) => {
  await signIn(page, ACME.email, ACME.password);
  await principalArnFromSetup(page);
  await page.getByLabel("Region of your service").selectOption("us-east-1");
  await page.getByLabel("What sits behind the NLB").selectOption("instance");
  await page.getByRole("checkbox", { name: "5432" }).uncheck();
  await page.getByRole("checkbox", { name: "22", exact: true }).uncheck();
  await page.getByRole("tab", { name: "AWS CLI script" }).click();
  const kit = page.getByTestId("iac");
  await expect(kit).toContainText("--target-type instance");
  await expect(kit).toContainText("PORTS=(443)");
  await expect(kit).not.toContainText("use1-az1"); // the zone the dev data never uses
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("setup-kit-download").click()]);
  expect(download.suggestedFilename()).toBe("privatelink-us-east-1-instance.sh");
});
