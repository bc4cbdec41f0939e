import { expect, test, type Page } from "@playwright/test";
import { accessibilityViolations } from "./axe";
import { ACME, register, signIn, unknownServiceName } from "./customer-aws";

/** Nothing wider than the screen: the page never scrolls sideways (tables scroll inside their card). */
async function expectNoSideScroll(page: Page) {
  const widths = await page.evaluate(() => {
    const screen = window.innerWidth;
    // The outermost elements that reach past the screen's edge, to name in the failure.
    const wide = [...document.body.querySelectorAll<HTMLElement>("*")]
      .filter((element) => element.getBoundingClientRect().right > screen + 0.5 && !element.parentElement?.closest("[data-wide]"))
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} (${Math.round(element.getBoundingClientRect().right)}px)`);
    return { page: document.documentElement.scrollWidth, screen, wide };
  });
  expect(widths.page, `${page.url()} is ${widths.page}px wide: ${widths.wide.join(", ")}`).toBeLessThanOrEqual(widths.screen);
}

const SIGNED_OUT = ["/sign-in", "/sign-up", "/invitations/inv_not-a-real-token"];
const SIGNED_IN = ["/", "/setup", "/links/new", "/settings", "/sandbox"];

/**
 * Every customer page, signed out and then signed in (with a link's own page): each passes `check`
 * and the WCAG 2.1 A and AA rules (all pages' violations named together), with no console error
 * anywhere on the way.
 */
async function everyCustomerPage(page: Page, check: (path: string) => Promise<void> = async () => {}) {
  const violations: Record<string, string[]> = {};
  const judge = async (path: string) => {
    await check(path);
    const found = await accessibilityViolations(page);
    if (found.length > 0) violations[path] = found;
  };
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${page.url()}: ${message.text()}`);
  });
  for (const path of SIGNED_OUT) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await judge(path);
  }
  await signIn(page, ACME.email, ACME.password);
  // A link of its own (its service does not exist, so it stops at a failed check: a state with the most to show).
  const linkId = await register(page, `screens-${Date.now().toString(36)}`, unknownServiceName());
  await expect(page.locator("[data-state]").first()).toHaveAttribute("data-state", "verification_failed", { timeout: 45_000 });
  for (const path of [...SIGNED_IN, `/links/${linkId}`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // Pages that fetch after the first paint (settings, the sandbox console) settle before they are judged.
    await expect(page.getByRole("status").filter({ hasText: /^Loading/ })).toHaveCount(0);
    await judge(path);
  }
  expect(violations).toEqual({});
  expect(errors).toEqual([]);
}

test.describe("at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("every customer page fits, keeps Sign out on screen, passes WCAG 2.1 AA, with no console errors", async ({ page }) => {
    test.setTimeout(120_000);
    await everyCustomerPage(page, async (path) => {
      await expectNoSideScroll(page);
      if (!SIGNED_OUT.includes(path)) await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeInViewport();
    });
  });
});

test("on a desktop every customer page passes WCAG 2.1 AA", async ({ page }) => {
  test.setTimeout(120_000);
  await everyCustomerPage(page);
});

test("the favicon is served", async ({ request }) => {
  const icon = await request.get("/icon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});
