import type { Metadata } from "next";
import { AdminPlans } from "@/components/admin/admin-plans";
import { pageAdmin } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Plans · Admin console" };

/** The plans and what each allows: what registration and approval check, and what the portal tells customers. */
export default async function PlansPage() {
  await pageAdmin();
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold">Plans</h1>
        <p className="mt-1 text-sm text-slate-600">
          What each plan allows. A change applies at once: the next registration or approval is checked against it (a link the plan does not allow is refused
          with <code>plan_not_eligible</code>), and the portal says what the plan allows from the same data. Links already made stay.
        </p>
      </div>
      <AdminPlans />
    </>
  );
}
