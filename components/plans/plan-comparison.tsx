import type { PlanSummary } from "@/lib/upgrade-requests/schemas";

const yesNo = (allowed: boolean) => (allowed ? "Yes" : "No");

/**
 * Every plan side by side, from the plan table registration and approval read: what each allows (resource endpoints are
 * not offered yet, so not compared). Four short columns, so it fits a 390 px screen without scrolling. Open when the plan
 * registers no links, where it matters most; folded away once it does.
 */
export function PlanComparison({ plans, current, open }: { plans: PlanSummary["plans"]; current: string; open: boolean }) {
  if (plans.length === 0) return null;
  return (
    <details open={open} className="border-t border-slate-100 pt-3">
      <summary className="cursor-pointer font-medium text-indigo-700">Compare plans</summary>
      <table className="w-full table-fixed text-left text-sm" data-testid="plan-comparison">
        <caption className="my-2 text-left text-slate-700">What each plan allows</caption>
        <thead className="text-xs text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-2 font-medium">
              Plan
            </th>
            <th scope="col" className="py-1 pr-2 font-medium">
              Private links
            </th>
            <th scope="col" className="py-1 pr-2 font-medium">
              Cross-region
            </th>
            <th scope="col" className="py-1 font-medium">
              Links at a time
            </th>
          </tr>
        </thead>
        <tbody>
          {plans.map((plan) => (
            <tr key={plan.key} className={`border-t border-slate-100 ${plan.key === current ? "bg-indigo-50 font-semibold" : ""}`} title={plan.allows}>
              <th scope="row" className="py-1.5 pr-2 font-medium break-words">
                {plan.name}
                {plan.key === current ? <span className="block text-xs font-normal text-indigo-700">your plan</span> : null}
              </th>
              <td className="py-1.5 pr-2">{yesNo(plan.privateLinks)}</td>
              <td className="py-1.5 pr-2">{yesNo(plan.privateLinks && plan.crossRegion)}</td>
              <td className="py-1.5">{plan.privateLinks ? plan.linkQuota.toLocaleString("en-US") : "None"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
