import type { Metadata } from "next";
import { PlanPanel } from "@/components/plans/plan-panel";
import { RegisterWhenAllowed } from "@/components/plans/register-when-allowed";
import { pageCtx } from "@/lib/auth/page-ctx";
import { getConnectivity } from "@/lib/links/read-links";
import { getPlanSummary } from "@/lib/upgrade-requests/plan-summary";

export const metadata: Metadata = { title: "Register a link" };

/** The plan first (what it allows, or how to ask for more), then the form with our regions, rendered on the server. */
export default async function NewLinkPage() {
  const ctx = await pageCtx();
  if (!ctx) return null;
  const [summary, connectivity] = await Promise.all([getPlanSummary({ ctx }), getConnectivity({ ctx })]);
  return (
    <>
      <h1 className="text-2xl font-bold">Register a link</h1>
      <PlanPanel summary={summary} />
      <RegisterWhenAllowed summary={summary} regions={connectivity.regions} />
    </>
  );
}
