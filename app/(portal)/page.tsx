import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { LinksTable } from "@/components/links/links-table";
import { PlanPanel } from "@/components/plans/plan-panel";
import { pageCtx } from "@/lib/auth/page-ctx";
import { pageSession } from "@/lib/auth/page-guards";
import { getPlanSummary } from "@/lib/upgrade-requests/plan-summary";

export const metadata: Metadata = { title: "Links" };

const APPROVAL = { automatic: "approved automatically", manual: "reviewed by our team before provisioning" } as const;

export default async function PortalHome() {
  // Pages render beside their layout: without a membership the layout shows what to do instead.
  const { active: membership } = await pageSession();
  if (!membership) return null;
  const { organization, role } = membership;
  const ctx = await pageCtx();
  const summary = ctx ? await getPlanSummary({ ctx }) : null;
  return (
    <>
      <h1 className="text-2xl font-bold">{organization.name}</h1>
      <Card title="Organization">
        <dl className="grid grid-cols-1 gap-4 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">Identifier</dt>
            <dd className="font-mono">{organization.slug}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Your role</dt>
            <dd className="capitalize">{role}</dd>
          </div>
        </dl>
        <p className="mt-4 text-sm text-slate-600">New private links are {APPROVAL[organization.approvalMode as keyof typeof APPROVAL]}.</p>
      </Card>
      {/* The plan before the links: a Free organization learns here, before any work, that links need an upgrade. */}
      {summary ? <PlanPanel summary={summary} /> : null}
      <Card title="Private links">
        <LinksTable
          regions={summary?.regions}
          emptyMessage={
            <>
              <p className="font-medium text-slate-800">No private links yet</p>
              <p className="mt-1">
                A private link connects an endpoint service in your AWS account to us over AWS PrivateLink. Start with the{" "}
                <Link href="/setup" className="text-indigo-700 underline">
                  setup steps
                </Link>
                , then{" "}
                <Link href="/links/new" className="text-indigo-700 underline">
                  register your service
                </Link>
                .
              </p>
            </>
          }
        />
      </Card>
    </>
  );
}
