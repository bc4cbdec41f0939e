import {
  AcceptVpcEndpointConnectionsCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  EC2Client,
  ModifyVpcEndpointServicePermissionsCommand,
} from "@aws-sdk/client-ec2";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { expect, test, type Page } from "@playwright/test";
import { SANDBOX_PORT } from "../../playwright.config";
import { signIn as submitSignIn } from "./sign-in";

/**
 * Whole journeys through the portal, with the sandbox AWS the server runs, playing the customer's
 * AWS account from here through the real SDK (its keys come from the sandbox's account list).
 */

const SANDBOX = `http://127.0.0.1:${SANDBOX_PORT}`;

type Account = { accountId: string; kind: string; accessKeyId: string; secretAccessKey: string; loadBalancers: Record<string, string[]> };

async function customerAccount(accountId: string) {
  const { accounts } = (await (await fetch(`${SANDBOX}/_sandbox/accounts`)).json()) as { accounts: Account[] };
  const account = accounts.find((a) => a.accountId === accountId)!;
  const ec2 = new EC2Client({
    endpoint: SANDBOX,
    region: "us-east-1",
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
  });
  return { account, ec2 };
}

/** The customer's side: an endpoint service for their NLB, allowlisting `principalArn`. */
async function createService(accountId: string, principalArn: string) {
  const { account, ec2 } = await customerAccount(accountId);
  const { ServiceConfiguration } = await ec2.send(
    new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [account.loadBalancers["us-east-1"]![0]!], AcceptanceRequired: true }),
  );
  const serviceId = ServiceConfiguration!.ServiceId!;
  await ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: [principalArn] }));
  return {
    serviceId,
    serviceName: ServiceConfiguration!.ServiceName!,
    accept: (endpointId: string) => ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [endpointId] })),
  };
}

async function signIn(page: Page, email: string, password: string) {
  await submitSignIn(page, email, password);
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
}

async function principalArnFromSetup(page: Page): Promise<string> {
  await page.goto("/setup");
  const arn = page.getByTestId("principal-arn");
  await expect(arn).toHaveText(/^arn:aws:iam::\d{12}:role\//);
  return (await arn.textContent())!;
}

async function register(page: Page, name: string, serviceName: string) {
  await page.goto("/links/new");
  await page.getByLabel("Link name").fill(name);
  await page.getByLabel("Endpoint service name").fill(serviceName);
  await page.getByLabel("Our region").selectOption("us-east-1");
  await page.getByRole("button", { name: "Register link" }).click();
  await expect(page).toHaveURL(/\/links\/[0-9a-f-]{36}$/);
}

test("a customer sets up, registers, accepts, gets DNS names, and deletes a link", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "alice@acme.example.com", "acme-demo-password");
  const principalArn = await principalArnFromSetup(page);
  await expect(page.getByTestId("iac")).toContainText(principalArn);
  const service = await createService("222222222222", principalArn);

  await register(page, `orders-${Date.now()}`, service.serviceName);
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "pending_acceptance", { timeout: 45_000 });
  await expect(page.getByTestId("checks")).toContainText("service visible");
  const endpointId = (await page.getByText(/^vpce-[0-9a-f]{17}$/).textContent())!;

  await service.accept(endpointId);
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "available", { timeout: 45_000 });
  await expect(page.getByTestId("dns-names")).toContainText(`${endpointId}-`);
  await expect(page.getByTestId("timeline")).toContainText("pending acceptance → available");

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "deleted", { timeout: 45_000 });
});

test("a malformed service name is refused next to the field", async ({ page }) => {
  await signIn(page, "alice@acme.example.com", "acme-demo-password");
  await page.goto("/links/new");
  await page.getByLabel("Link name").fill("typo");
  await page.getByLabel("Endpoint service name").fill("vpce-svc-123");
  await page.getByRole("button", { name: "Register link" }).click();
  await expect(page.locator("#serviceName-error")).toContainText("Expected an endpoint service name like");
  await expect(page).toHaveURL(/\/links\/new$/);
});

test("a service not allowlisted fails verification naming the principal to allowlist", async ({ page }) => {
  await signIn(page, "alice@acme.example.com", "acme-demo-password");
  const principalArn = await principalArnFromSetup(page);
  const service = await createService("222222222222", "arn:aws:iam::444444444444:root");
  await register(page, `hidden-${Date.now()}`, service.serviceName);
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "verification_failed", { timeout: 45_000 });
  await expect(page.getByTestId("last-error")).toContainText(`allowlist ${principalArn}`);
});

test("a customer proves from the Setup page that an AWS account is theirs", async ({ page }) => {
  await signIn(page, "alice@acme.example.com", "acme-demo-password");
  await page.goto("/setup");
  const trustPolicy = (await page.getByTestId("proof-trust-policy").textContent())!;
  expect(JSON.parse(trustPolicy)).toMatchObject({
    Statement: [{ Condition: { StringEquals: { "sts:ExternalId": (await page.getByTestId("ownership-external-id").textContent())! } } }],
  });

  // The seed declares Acme's sandbox account; proving it takes the role, made with the account's own keys.
  const accounts = page.getByTestId("aws-accounts");
  await expect(accounts).toContainText("222222222222");
  await accounts.getByRole("button", { name: "Check proof" }).click();
  await expect(accounts).toContainText("AccessDenied");
  const { account } = await customerAccount("222222222222");
  const iam = new IAMClient({
    endpoint: SANDBOX,
    region: "us-east-1",
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
  });
  await iam.send(new CreateRoleCommand({ RoleName: "privatelink-proof-111111111111", AssumeRolePolicyDocument: trustPolicy }));
  await accounts.getByRole("button", { name: "Check proof" }).click();
  await expect(accounts).toContainText("Proved");

  await page.getByLabel("AWS account id").fill("12345");
  await page.getByRole("button", { name: "Add account" }).click();
  await expect(page.locator("#accountId-error")).toContainText("12-digit");
});

test("the setup kit follows the customer's choices and downloads as a file", async ({ page }) => {
  await signIn(page, "alice@acme.example.com", "acme-demo-password");
  await principalArnFromSetup(page);
  await page.getByLabel("Region of your service").selectOption("us-east-1");
  await page.getByLabel("What sits behind the NLB").selectOption("instance");
  await page.getByRole("checkbox", { name: "5432" }).uncheck();
  await page.getByRole("tab", { name: "AWS CLI script" }).click();
  const kit = page.getByTestId("iac");
  await expect(kit).toContainText("--target-type instance");
  await expect(kit).toContainText("PORTS=(443)");
  await expect(kit).not.toContainText("use1-az3"); // the zone the dev data tells customers to avoid
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("setup-kit-download").click()]);
  expect(download.suggestedFilename()).toBe("privatelink-us-east-1-instance.sh");
});
