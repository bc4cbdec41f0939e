import type { Metadata } from "next";
import Link from "next/link";
import { RegisterLinkForm } from "@/components/links/register-link-form";
import { PlanPanel } from "@/components/plans/plan-panel";
import { Card } from "@/components/ui/card";
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
      {summary.plan.privateLinks ? (
        <Card>
          <RegisterLinkForm regions={connectivity.regions} allowsCrossRegion={summary.plan.crossRegion} />
        </Card>
      ) : (
        <p className="text-sm text-slate-700">
          Registering a link needs a plan with private links. You can still prepare your side with the{" "}
          <Link href="/setup" className="font-medium text-indigo-700 underline">
            setup steps
          </Link>
          .
        </p>
      )}
    </>
  );
}
