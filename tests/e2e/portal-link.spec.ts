import { expect, test } from "@playwright/test";
import { ACME, createService, principalArnFromSetup, register, signIn } from "./customer-aws";

const state = (page: import("@playwright/test").Page) => page.locator("[data-state]").first();

test("the link page says exactly how to accept, shows DNS names once available, and shows a revoked connection without a reload", async ({ page }) => {
  test.setTimeout(180_000);
  const loadingSeen: string[] = [];
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  await signIn(page, ACME.email, ACME.password);
  const principalArn = await principalArnFromSetup(page);
  const requesterAccount = /^arn:aws:iam::(\d{12}):/.exec(principalArn)![1]!;
  const service = await createService(ACME.accountId, principalArn);

  await register(page, `live-${Date.now()}`, service.serviceName);
  // Rendered on the server: the link's name and timeline are in the first paint, never "Loading".
  await expect(page.getByTestId("timeline")).toContainText("verifying");
  await page.exposeFunction("reportLoading", (text: string) => loadingSeen.push(text));
  await page.evaluate(() => {
    new MutationObserver(() => {
      if (document.body.innerText.includes("Loading")) (window as unknown as { reportLoading: (t: string) => void }).reportLoading(location.pathname);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });

  await expect(state(page)).toHaveAttribute("data-state", "pending_acceptance", { timeout: 45_000 });
  const endpointId = (await page.getByTestId("endpoint-id").textContent())!;
  expect(endpointId).toMatch(/^vpce-[0-9a-f]{17}$/);
  const instruction = page.getByTestId("next-step");
  await expect(instruction).toContainText(ACME.accountId);
  await expect(instruction).toContainText(requesterAccount);
  await expect(instruction).toContainText(endpointId);
  await expect(instruction).toContainText("Endpoint connections");
  await expect(page.getByTestId("accept-command")).toHaveText(
    `aws ec2 accept-vpc-endpoint-connections --region us-east-1 --service-id ${service.serviceId} --vpc-endpoint-ids ${endpointId}`,
  );
  await expect(page.getByRole("button", { name: "Copy command" })).toBeVisible();
  await expect(page.getByTestId("dns-names")).toHaveCount(0);
  await expect(page.getByTestId("link-steps").locator('[aria-current="step"]')).toContainText("Accept");

  await service.accept(endpointId);
  await expect(state(page)).toHaveAttribute("data-state", "available", { timeout: 45_000 });
  await expect(page.getByTestId("dns-names")).toContainText(`${endpointId}-`);
  await expect(page.getByTestId("dns-names").getByRole("button", { name: "Copy" }).first()).toBeVisible();
  await expect(page.getByText("zonal names are not usable for cross-region links")).toBeVisible();
  await expect(page.getByTestId("timeline")).toContainText("pending acceptance → available");

  // Revoked in the customer's account: the open page shows it within a minute, without a reload.
  await service.revoke(endpointId);
  await expect(state(page)).toHaveAttribute("data-state", "disconnected", { timeout: 60_000 });
  await expect(page.getByTestId("dns-names")).toHaveCount(0);
  await expect(page.getByTestId("next-step")).toHaveText(/revoked in your account/);
  await expect(page.getByTestId("last-error")).toHaveCount(0);
  expect(loadingSeen).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test("a link that does not exist is a 404 page", async ({ page }) => {
  await signIn(page, ACME.email, ACME.password);
  expect((await page.goto("/links/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
  expect((await page.goto("/links/not-a-link"))?.status()).toBe(404);
});
