import { expect, test } from "@playwright/test";
import { ownerOfNewOrganization, PASSWORD } from "./customer-aws";
import { mailedLink } from "./mailbox";
import { signIn } from "./sign-in";

// Forgot password, through the mail the portal really sends: the link is read from the .eml the loopback receiver wrote.
test("a person who forgot their password resets it from the emailed link, is signed out everywhere, and signs in with the new one", async ({
  page,
  browser,
}) => {
  const other = await browser.newPage();
  const { email } = await ownerOfNewOrganization(other);
  await expect(other.getByTestId("signed-in-as")).toHaveText(email);

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.locator("#email-error")).toHaveText("Enter your email address");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByRole("status")).toContainText("Check your inbox");

  await page.goto(await mailedLink(email, "/reset-password/"));
  await page.getByLabel("New password", { exact: true }).fill("a-brand-new-password");
  await page.getByLabel("New password, again").fill("not-the-same-password");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("The two passwords differ")).toBeVisible();
  await page.getByLabel("New password, again").fill("a-brand-new-password");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is set");

  // The other browser's session ended with the reset.
  await other.reload();
  await expect(other).toHaveURL(/\/sign-in/);

  await page.getByRole("link", { name: "Sign in with your new password" }).click();
  await signIn(page, email, PASSWORD);
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  await signIn(page, email, "a-brand-new-password");
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
});
