"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { answerOf, api, ApiProblemError, messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import type { Organization } from "@/lib/api-client/client";
import { APPROVAL_MODES, PLANS, updateOrganizationInputSchema } from "@/lib/orgs/schemas";
import { organizationKeys } from "./use-organizations";

/** Edits an organization's plan, approval policy and link quota (PATCH /api/v1/admin/organizations/{id}; audited with before and after). */
export function OrganizationForm({ organization, onDone }: { organization: Organization; onDone: () => void }) {
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (body: { plan?: Organization["plan"]; approvalMode?: Organization["approvalMode"]; linkQuota?: number }) =>
      answerOf(api.PATCH("/api/v1/admin/organizations/{id}", { params: { path: { id: organization.id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: organizationKeys.all }),
  });
  // One message for the whole form, every problem in it.
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (form) => {
      const quota = String(form.get("linkQuota") ?? "");
      const checked = updateOrganizationInputSchema.safeParse({
        plan: form.get("plan"),
        approvalMode: form.get("approvalMode"),
        linkQuota: /^\d+$/.test(quota) ? Number(quota) : quota,
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
          {PLANS.map((plan) => (
            <option key={plan}>{plan}</option>
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
        Link quota
        <input name="linkQuota" inputMode="numeric" defaultValue={organization.linkQuota} className={select} />
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
