import { expect, test } from "@playwright/test";
import { CLIENT_JS_BUDGET_BYTES, measureClientJs, overBudget } from "../../scripts/client-js-budget";

/** The production build this run serves (the web server builds it first): no customer page's client JavaScript over the budget. */
test("every customer page's client JavaScript stays under the budget, gzipped", () => {
  const rows = measureClientJs(".next");
  const customerPages = rows.filter((row) => row.isCustomer).map((row) => row.route);
  // Measured at all: the manifests were found and name the pages we know.
  expect(customerPages).toEqual(expect.arrayContaining(["/", "/setup", "/links/new", "/links/[id]", "/settings", "/sandbox"]));
  expect(overBudget(rows), `over ${CLIENT_JS_BUDGET_BYTES / 1024} kB`).toEqual([]);
});
