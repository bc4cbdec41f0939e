import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./customer-aws";

test.use({ viewport: { width: 390, height: 844 } });

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

test("every customer page fits 390 px, with Sign out on screen and no console errors", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${page.url()}: ${message.text()}`);
  });
  for (const path of ["/sign-in", "/sign-up"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSideScroll(page);
  }
  await signIn(page, "alice@acme.example.com", "acme-demo-password");
  await page.waitForLoadState("networkidle");
  const first = page.getByTestId("link-row").first().getByRole("link");
  const linkPath = (await first.count()) > 0 ? await first.getAttribute("href") : null;
  for (const path of ["/", "/setup", "/links/new", ...(linkPath ? [linkPath] : [])]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
    await expectNoSideScroll(page);
  }
  expect(errors).toEqual([]);
});

test("the favicon is served", async ({ request }) => {
  const icon = await request.get("/icon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});
