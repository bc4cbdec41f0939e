import { expect, type Page } from "@playwright/test";

/**
 * No sideways scrolling: every element inside `selector` ends within the window (elements inside a
 * scrolling box, such as a code block, scroll there instead). Names the ones that stick out.
 */
export async function expectFitsWindow(page: Page, selector = "body") {
  const offenders = await page.evaluate((rootSelector) => {
    const root = document.querySelector(rootSelector);
    if (!root) return [`no ${rootSelector}`];
    const limit = document.documentElement.clientWidth;
    const scrollsInside = (element: Element) => {
      for (let parent = element.parentElement; parent && parent !== root; parent = parent.parentElement) {
        if (["auto", "scroll", "hidden"].includes(getComputedStyle(parent).overflowX)) return true;
      }
      return false;
    };
    return [...root.querySelectorAll("*")]
      .filter((element) => element.getBoundingClientRect().right > limit + 0.5 && !scrollsInside(element))
      .slice(0, 5)
      .map(
        (element) =>
          `<${element.tagName.toLowerCase()} class="${element.getAttribute("class") ?? ""}"> ends at ${Math.round(element.getBoundingClientRect().right)}px`,
      );
  }, selector);
  expect(offenders, `wider than ${await page.evaluate(() => document.documentElement.clientWidth)}px`).toEqual([]);
}
