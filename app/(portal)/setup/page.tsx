import type { Metadata } from "next";
import { SetupGuide } from "@/components/links/setup-guide";
import { AwsAccounts } from "@/components/orgs/aws-accounts";
import { PlanPanel } from "@/components/plans/plan-panel";
import { pageCtx } from "@/lib/auth/page-ctx";
import { getConnectivity } from "@/lib/links/read-links";
import { getPlanSummary } from "@/lib/upgrade-requests/plan-summary";

export const metadata: Metadata = { title: "Setup" };

/** The plan comes first: a customer learns what it allows before doing any work in AWS. */
export default async function SetupPage() {
  const ctx = await pageCtx();
  if (!ctx) return null;
  const [summary, connectivity] = await Promise.all([getPlanSummary({ ctx }), getConnectivity({ ctx })]);
  return (
    <>
      <h1 className="text-2xl font-bold">Set up your endpoint service</h1>
      <PlanPanel summary={summary} />
      <SetupGuide initial={connectivity} />
      <AwsAccounts />
    </>
  );
}
