import {
  AcceptVpcEndpointConnectionsCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  EC2Client,
  ModifyVpcEndpointServicePermissionsCommand,
  RejectVpcEndpointConnectionsCommand,
} from "@aws-sdk/client-ec2";
import { expect, type Page } from "@playwright/test";
import { SANDBOX_PORT } from "../../playwright.config";
import { signIn as submitSignIn } from "./sign-in";

/**
 * Helpers for whole journeys through the portal, with the sandbox AWS the server runs, playing the
 * customer's AWS account from here through the real SDK (its keys come from the sandbox's account list).
 */

export const SANDBOX = `http://127.0.0.1:${SANDBOX_PORT}`;

type Account = { accountId: string; kind: string; accessKeyId: string; secretAccessKey: string; loadBalancers: Record<string, string[]> };

export async function customerAccount(accountId: string) {
  const { accounts } = (await (await fetch(`${SANDBOX}/_sandbox/accounts`)).json()) as { accounts: Account[] };
  const account = accounts.find((a) => a.accountId === accountId)!;
  /** For any SDK client acting as this account: `new IAMClient(config)`. */
  const config = { endpoint: SANDBOX, region: "us-east-1", credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey } };
  return { account, config, ec2: new EC2Client(config) };
}

/** The customer's side: an endpoint service for their NLB, allowlisting `principalArn`; accepting and revoking its connections. */
export async function createService(accountId: string, principalArn: string) {
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
    revoke: (endpointId: string) => ec2.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [endpointId] })),
  };
}

export async function signIn(page: Page, email: string, password: string) {
  await submitSignIn(page, email, password);
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
}

export async function principalArnFromSetup(page: Page): Promise<string> {
  await page.goto("/setup");
  const arn = page.getByTestId("principal-arn");
  await expect(arn).toHaveText(/^arn:aws:iam::\d{12}:role\//);
  return (await arn.textContent())!;
}

/** Registers a link in us-east-1 and answers its id. */
export async function register(page: Page, name: string, serviceName: string): Promise<string> {
  await page.goto("/links/new");
  await page.getByLabel("Link name").fill(name);
  await page.getByLabel("Endpoint service name").fill(serviceName);
  await page.getByLabel("Our region").selectOption("us-east-1");
  await page.getByRole("button", { name: "Register link" }).click();
  await expect(page).toHaveURL(/\/links\/[0-9a-f-]{36}$/);
  return page.url().split("/").at(-1)!;
}

export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
export const PASSWORD = "a-long-enough-password";

/** A fresh organization and its owner (signed up through the API), signed in on `page`. */
export async function ownerOfNewOrganization(page: Page) {
  const email = `owner-${unique()}@example.com`;
  const organizationName = `Org ${unique()}`;
  const created = await page.request.post("/api/v1/sign-up", { data: { name: "Olivia Owner", email, password: PASSWORD, organizationName } });
  expect(created.status()).toBe(202);
  await signIn(page, email, PASSWORD);
  return { email, organizationName };
}

/** A well-formed endpoint service name that exists nowhere (its link stops at verification). */
export const unknownServiceName = (region = "us-east-1") =>
  `com.amazonaws.vpce.${region}.vpce-svc-${Array.from({ length: 17 }, () => Math.floor(Math.random() * 16).toString(16)).join("")}`;

export { ACME, ADMIN, GLOBEX } from "./demo-credentials";
