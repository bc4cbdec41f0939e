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

/**
 * Nothing scrolls sideways inside `selector` either: no box (a table's, say) is wider inside than on screen, so every
 * column and button is in view. Code blocks (`pre`) and boxes marked `data-wide` may scroll.
 */
export async function expectNoScrollingBoxes(page: Page, selector = "main") {
  const offenders = await page.evaluate((rootSelector) => {
    const root = document.querySelector(rootSelector);
    if (!root) return [`no ${rootSelector}`];
    return [...root.querySelectorAll<HTMLElement>("*")]
      .filter((box) => ["auto", "scroll"].includes(getComputedStyle(box).overflowX) && box.scrollWidth > box.clientWidth + 1)
      .filter((box) => !box.closest("pre, [data-wide]"))
      .slice(0, 5)
      .map(
        (box) => `<${box.tagName.toLowerCase()} aria-label="${box.getAttribute("aria-label") ?? ""}"> is ${box.scrollWidth}px wide inside ${box.clientWidth}px`,
      );
  }, selector);
  expect(offenders, "boxes that scroll sideways").toEqual([]);
}
