"use client";

import { useState } from "react";
import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Plan } from "@/lib/api-client/client";
import { ENTITLEMENT_WORDS, ENTITLEMENTS } from "@/lib/plans/schemas";
import { PlanForm } from "./plan-form";
import { usePlans } from "./use-plans";

/** The plans, least to most: what each allows, edited in place, and a new one added. */
export function AdminPlans() {
  const plans = usePlans();
  const [editing, setEditing] = useState<string | null>(null);
  if (plans.isPending) return <p className="text-sm text-slate-500">Loading plans…</p>;
  if (plans.isError) return <Alert>{messageOf(plans.error)}</Alert>;
  return (
    <div className="space-y-4">
      {plans.data.data.map((plan) =>
        editing === plan.key ? (
          <section key={plan.key} className="rounded-md border border-indigo-200 p-4">
            <h2 className="mb-3 font-semibold">{plan.name}</h2>
            <PlanForm plan={plan} onDone={() => setEditing(null)} />
          </section>
        ) : (
          <PlanFacts key={plan.key} plan={plan} onEdit={() => setEditing(plan.key)} />
        ),
      )}
      {editing === "" ? (
        <section className="rounded-md border border-indigo-200 p-4">
          <h2 className="mb-3 font-semibold">Add a plan</h2>
          <PlanForm onDone={() => setEditing(null)} />
        </section>
      ) : (
        <Button variant="secondary" onClick={() => setEditing("")}>
          Add a plan
        </Button>
      )}
    </div>
  );
}

function PlanFacts({ plan, onEdit }: { plan: Plan; onEdit: () => void }) {
  return (
    <section aria-label={plan.name} className="rounded-md border border-slate-200 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">
          {plan.name} <span className="font-mono text-xs text-slate-500">{plan.key}</span>
        </h2>
        <Button variant="secondary" onClick={onEdit} aria-label={`Edit ${plan.name}`}>
          Edit
        </Button>
      </div>
      <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]" data-testid={`plan-${plan.key}`}>
        {ENTITLEMENTS.map((e) => (
          <div key={e} className="contents">
            <dt className="text-slate-500 capitalize">{ENTITLEMENT_WORDS[e]}</dt>
            <dd>{plan[e] ? "yes" : "no"}</dd>
          </div>
        ))}
        <dt className="text-slate-500">Link quota</dt>
        <dd>{plan.linkQuota}, unless an organization has its own</dd>
        <dt className="text-slate-500">Organizations</dt>
        <dd>{plan.organizations}</dd>
      </dl>
    </section>
  );
}
