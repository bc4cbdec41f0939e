"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { validate } from "@/components/ui/field-errors";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import { createUpgradeRequestInputSchema } from "@/lib/upgrade-requests/schemas";
import type { PlanSummary } from "@/lib/upgrade-requests/schemas";
import { useRequestUpgrade } from "./use-upgrade-requests";

const day = (iso: string) => iso.slice(0, 10);

/** What the organization's plan allows, shown before any AWS work, and the way to ask for more. */
export function PlanPanel({ summary }: { summary: PlanSummary }) {
  const [latest, setLatest] = useState(summary.latestRequest);
  const isOpen = latest?.status === "open";
  return (
    <Card title="Your plan">
      <div className="space-y-3 text-sm" data-testid="plan">
        <p>
          <span className="font-semibold">{summary.plan.name} plan.</span> {summary.allows}
        </p>
        {summary.plan.privateLinks ? (
          <p className="text-slate-700">
            {summary.activeLinks} of {summary.linkQuota} links in use. Regions: {summary.regions.join(", ") || "none offered yet"}.
          </p>
        ) : null}
        {isOpen ? (
          <p className="rounded-md bg-sky-50 p-3 text-sky-900" role="status" data-testid="upgrade-request">
            You asked for the {latest.requestedPlan} plan on {day(latest.createdAt)}. We answer here and by email.
          </p>
        ) : latest?.status === "denied" ? (
          <p className="rounded-md bg-amber-50 p-3 text-amber-900" data-testid="upgrade-request">
            Your request for the {latest.requestedPlan} plan was declined on {day(latest.answeredAt ?? latest.createdAt)}: {latest.reason}
          </p>
        ) : null}
        {isOpen || summary.upgrades.length === 0 ? null : summary.plan.privateLinks ? (
          // The plan already does the job: asking for more is there, folded away from the setup.
          <details className="border-t border-slate-100 pt-3">
            <summary className="cursor-pointer font-medium text-indigo-700">Need more? Ask for an upgrade</summary>
            <UpgradeForm upgrades={summary.upgrades} onAsked={setLatest} />
          </details>
        ) : (
          <UpgradeForm upgrades={summary.upgrades} onAsked={setLatest} />
        )}
      </div>
    </Card>
  );
}

function UpgradeForm({ upgrades, onAsked }: { upgrades: PlanSummary["upgrades"]; onAsked: (request: NonNullable<PlanSummary["latestRequest"]>) => void }) {
  const ask = useRequestUpgrade();
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (form) => validate(createUpgradeRequestInputSchema, { plan: form.get("plan"), message: form.get("message") || undefined }),
    send: ask.mutateAsync,
    onSuccess: onAsked,
  });

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-3 border-t border-slate-100 pt-3" aria-label="Ask for an upgrade">
      <div className="space-y-1">
        <label htmlFor="plan" className="block font-medium text-slate-700">
          Plan to ask for
        </label>
        <select
          id="plan"
          name="plan"
          className="block w-full rounded-md border border-slate-300 px-3 py-2 sm:w-60"
          aria-invalid={errors.plan ? true : undefined}
          aria-describedby={errors.plan ? "plan-error" : undefined}
        >
          {upgrades.map((plan) => (
            <option key={plan.key} value={plan.key}>
              {plan.name}
            </option>
          ))}
        </select>
        <ul className="list-disc pl-5 text-slate-600">
          {upgrades.map((plan) => (
            <li key={plan.key}>
              <span className="font-medium">{plan.name}:</span> {plan.allows}
            </li>
          ))}
        </ul>
        {errors.plan ? (
          <p id="plan-error" role="alert" className="text-red-600">
            {errors.plan}
          </p>
        ) : null}
      </div>
      <div className="space-y-1">
        <label htmlFor="message" className="block font-medium text-slate-700">
          Message (optional)
        </label>
        <textarea
          id="message"
          name="message"
          rows={2}
          maxLength={1000}
          placeholder="What you want to connect, and when"
          className="block w-full rounded-md border border-slate-300 px-3 py-2"
          aria-invalid={errors.message ? true : undefined}
          aria-describedby={errors.message ? "message-error" : undefined}
        />
        {errors.message ? (
          <p id="message-error" role="alert" className="text-red-600">
            {errors.message}
          </p>
        ) : null}
      </div>
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      <Button type="submit" variant="secondary" isLoading={isSending}>
        Ask for an upgrade
      </Button>
    </form>
  );
}
