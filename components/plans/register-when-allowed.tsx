"use client";

import Link from "next/link";
import { RegisterLinkForm } from "@/components/links/register-link-form";
import { Card } from "@/components/ui/card";
import type { Connectivity } from "@/lib/api-client/client";
import type { LinkKind } from "@/lib/links/schemas";
import type { PlanSummary } from "@/lib/upgrade-requests/schemas";
import { usePlanSummary } from "./use-upgrade-requests";

/** The register form once the plan allows links, read live: an upgrade approved meanwhile opens it without a reload. */
export function RegisterWhenAllowed({
  summary: initial,
  regions,
  initialKind,
}: {
  summary: PlanSummary;
  regions: Connectivity["regions"];
  initialKind?: LinkKind;
}) {
  const summary = usePlanSummary(initial);
  if (summary.plan.privateLinks)
    return (
      <Card>
        <RegisterLinkForm regions={regions} allowsCrossRegion={summary.plan.crossRegion} initialKind={initialKind} />
      </Card>
    );
  return (
    <p className="text-sm text-slate-700">
      Registering a link needs a plan with private links. You can still prepare your side with the{" "}
      <Link href="/setup" className="font-medium text-indigo-700 underline">
        setup steps
      </Link>
      .
    </p>
  );
}
