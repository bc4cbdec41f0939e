"use client";

import { messageOf } from "@/components/api/client";
import { failureNews } from "@/components/live/changes";
import { Alert } from "@/components/ui/alert";
import { useIsHydrated } from "@/components/auth/credentials-sign-in";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { validate } from "@/components/ui/field-errors";
import { useToast } from "@/components/ui/toast";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import { createUpgradeRequestInputSchema, type PlanSummary, type UpgradeRequestView } from "@/lib/upgrade-requests/schemas";
import { PlanComparison } from "./plan-comparison";
import { usePlanSummary, useRequestUpgrade } from "./use-upgrade-requests";

const day = (iso: string) => iso.slice(0, 10);

/**
 * What the organization's plan allows beside every plan, shown before any AWS work, and the way to ask for more; live,
 * so a vendor admin's answer shows without a reload.
 */
export function PlanPanel({ summary: initial }: { summary: PlanSummary }) {
  const summary = usePlanSummary(initial);
  const latest = summary.latestRequest;
  const isOpen = latest?.status === "open";
  // The least plan that registers links: what a Free organization asks for in one click.
  const firstWithLinks = summary.plans.find((plan) => plan.privateLinks && summary.upgrades.some((upgrade) => upgrade.key === plan.key));
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
        ) : !isOpen && firstWithLinks ? (
          <div className="space-y-2 rounded-md bg-amber-50 p-3 text-amber-900" data-testid="needs-upgrade">
            <p>
              <span className="font-semibold">Links need an upgrade.</span> You can follow the setup steps and download the kits now; registering a link needs
              the {firstWithLinks.name} plan or better.
            </p>
            <AskInOneClick plan={firstWithLinks} />
          </div>
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
            <UpgradeForm upgrades={summary.upgrades} />
          </details>
        ) : (
          <UpgradeForm upgrades={summary.upgrades} />
        )}
        <PlanComparison plans={summary.plans} current={summary.plan.key} open={!summary.plan.privateLinks} />
      </div>
    </Card>
  );
}

/** The upgrade request a Free organization needs, sent by one button. */
function AskInOneClick({ plan }: { plan: PlanSummary["plans"][number] }) {
  const ask = useRequestUpgrade();
  const toast = useToast();
  const send = () =>
    ask.mutate(
      { plan: plan.key },
      {
        onSuccess: () => toast(asked(plan.name)),
        onError: (error) => toast(failureNews(`ask for the ${plan.name} plan`, messageOf(error)), { tone: "error" }),
      },
    );
  return (
    <Button onClick={send} isLoading={ask.isPending}>
      Ask for the {plan.name} plan
    </Button>
  );
}

const asked = (planName: string) => `Asked for the ${planName} plan. We answer here and by email.`;

function UpgradeForm({ upgrades }: { upgrades: PlanSummary["upgrades"] }) {
  const isHydrated = useIsHydrated();
  const ask = useRequestUpgrade();
  const toast = useToast();
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (form) => validate(createUpgradeRequestInputSchema, { plan: form.get("plan"), message: form.get("message") || undefined }),
    send: ask.mutateAsync,
    onSuccess: (request: UpgradeRequestView) => toast(asked(upgrades.find((plan) => plan.key === request.requestedPlan)?.name ?? request.requestedPlan)),
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
      {/* Not before hydration: a submit then would post the form natively and lose what was typed. */}
      <Button type="submit" variant="secondary" isLoading={isSending} disabled={!isHydrated}>
        Ask for an upgrade
      </Button>
    </form>
  );
}
