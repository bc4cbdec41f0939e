import type { Metadata } from "next";
import { PlanPanel } from "@/components/plans/plan-panel";
import { RegisterWhenAllowed } from "@/components/plans/register-when-allowed";
import { pageCtx } from "@/lib/auth/page-ctx";
import { getConnectivity } from "@/lib/links/read-links";
import { linkKindSchema } from "@/lib/links/schemas";
import { getPlanSummary } from "@/lib/upgrade-requests/plan-summary";

export const metadata: Metadata = { title: "Register a link" };

/** The plan first (what it allows, or how to ask for more), then the form with our regions, rendered on the server; `?kind=resource` chooses the kind. */
export default async function NewLinkPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await pageCtx();
  if (!ctx) return null;
  const [summary, connectivity, { kind }] = await Promise.all([getPlanSummary({ ctx }), getConnectivity({ ctx }), searchParams]);
  return (
    <>
      <h1 className="text-2xl font-bold">Register a link</h1>
      <PlanPanel summary={summary} />
      <RegisterWhenAllowed summary={summary} regions={connectivity.regions} initialKind={linkKindSchema.safeParse(kind).data} />
    </>
  );
}
