"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { answerOf, api, ApiProblemError, messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import type { Organization } from "@/lib/api-client/client";
import { APPROVAL_MODES, updateOrganizationInputSchema, type UpdateOrganizationInput } from "@/lib/orgs/schemas";
import { organizationKeys } from "./use-organizations";
import { usePlans } from "./use-plans";

/**
 * Edits an organization's plan, approval policy and own link quota (PATCH /api/v1/admin/organizations/{id}; audited with
 * before and after). An empty quota follows the plan's.
 */
export function OrganizationForm({ organization, onDone }: { organization: Organization; onDone: () => void }) {
  const client = useQueryClient();
  const plans = usePlans();
  const save = useMutation({
    mutationFn: (body: UpdateOrganizationInput) => answerOf(api.PATCH("/api/v1/admin/organizations/{id}", { params: { path: { id: organization.id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: organizationKeys.all }),
  });
  // One message for the whole form, every problem in it.
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (form) => {
      const quota = String(form.get("linkQuota") ?? "").trim();
      const checked = updateOrganizationInputSchema.safeParse({
        plan: form.get("plan"),
        approvalMode: form.get("approvalMode"),
        linkQuota: quota === "" ? null : /^\d+$/.test(quota) ? Number(quota) : quota,
      });
      if (checked.success) return { data: checked.data, errors: null };
      return { data: null, errors: { form: checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") } };
    },
    send: save.mutateAsync,
    onSuccess: onDone,
    errorsOf: (e) => ({
      form: e instanceof ApiProblemError && e.problem.invalidParams?.length ? e.problem.invalidParams.map((p) => p.reason).join("; ") : messageOf(e),
    }),
  });
  const select = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5";
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-4" aria-label={`Edit ${organization.name}`}>
      <label className="text-sm">
        Plan
        <select name="plan" defaultValue={organization.plan} className={select}>
          {(plans.data?.data ?? [{ key: organization.plan, name: organization.planName }]).map((plan) => (
            <option key={plan.key} value={plan.key}>
              {plan.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        Approval
        <select name="approvalMode" defaultValue={organization.approvalMode} className={select}>
          {APPROVAL_MODES.map((mode) => (
            <option key={mode}>{mode}</option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        Own link quota
        <input
          name="linkQuota"
          inputMode="numeric"
          defaultValue={organization.linkQuotaOverride ?? ""}
          placeholder="the plan's"
          aria-describedby="linkQuota-hint"
          className={select}
        />
        <span id="linkQuota-hint" className="text-xs text-slate-500">
          Empty: the plan&apos;s quota
        </span>
      </label>
      <div className="flex items-end gap-2">
        <Button type="submit" isLoading={isSending}>
          Save
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {errors.form ? <Alert className="sm:col-span-4">{errors.form}</Alert> : null}
    </form>
  );
}
