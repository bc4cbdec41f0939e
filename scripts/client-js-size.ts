import { CLIENT_JS_BUDGET_BYTES, kB, measureClientJs, overBudget } from "./client-js-budget";
import { run, say } from "./runtime";

/**
 * `npm run size:client` (after `npm run build`): the client JavaScript per page, gzipped; fails
 * when a customer page is over the budget (client-js-budget.ts; `npm test` checks the same).
 */
run(async () => {
  const rows = measureClientJs(process.argv[2] ?? ".next");
  for (const row of rows) {
    const flag = row.isCustomer ? (row.bytes > CLIENT_JS_BUDGET_BYTES ? "  OVER BUDGET" : "") : "  (not a customer page)";
    say(`${kB(row.bytes).padStart(7)} kB  ${row.route}${flag}`);
  }
  say(`client JavaScript per page, gzipped; customer pages' budget ${CLIENT_JS_BUDGET_BYTES / 1024} kB`);
  const over = overBudget(rows);
  if (over.length > 0) throw new Error(`${over.length} customer page(s) over ${CLIENT_JS_BUDGET_BYTES / 1024} kB: ${over.join(", ")}`);
});
