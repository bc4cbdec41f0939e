"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { validate } from "@/components/ui/field-errors";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import type { Plan } from "@/lib/api-client/client";
import { createPlanInputSchema, ENTITLEMENTS, updatePlanInputSchema, type CreatePlanInput, type Entitlement, type UpdatePlanInput } from "@/lib/plans/schemas";
import { useCreatePlan, useUpdatePlan } from "./use-plans";

const LABELS: Record<Entitlement, { label: string; hint: string }> = {
  privateLinks: { label: "Private links", hint: "Register links and have them approved" },
  crossRegion: { label: "Cross-region links", hint: "A service in another region than the link's, where our region reaches it" },
  resourceEndpoints: { label: "Resource endpoints", hint: "Stored and shown; not offered to customers yet" },
};

type Save = { key: string; changes: UpdatePlanInput } | { create: CreatePlanInput };

/** The quota as typed: a number when it is one, else the text, so the schema names what is wrong. */
const quotaOf = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text);

/**
 * Adds a plan (no `plan` given) or changes what one allows. Checked here with the API's own schema,
 * then by the server: each refusal shows by its field.
 */
export function PlanForm({ plan, onDone }: { plan?: Plan; onDone: () => void }) {
  const update = useUpdatePlan();
  const create = useCreatePlan();
  const prefix = plan ? `plan-${plan.key}` : "plan-new";
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (form) => {
      const text = (field: string) => String(form.get(`${prefix}-${field}`) ?? "");
      const values = {
        ...Object.fromEntries(ENTITLEMENTS.map((e) => [e, form.get(`${prefix}-${e}`) === "on"])),
        linkQuota: quotaOf(text("linkQuota")),
      };
      if (plan) {
        const checked = validate(updatePlanInputSchema, values);
        return checked.data ? { data: { key: plan.key, changes: checked.data }, errors: null } : { data: null, errors: checked.errors };
      }
      const checked = validate(createPlanInputSchema, { key: text("key").trim(), name: text("name").trim(), ...values });
      return checked.data ? { data: { create: checked.data }, errors: null } : { data: null, errors: checked.errors };
    },
    send: (save: Save) => ("create" in save ? create.mutateAsync(save.create) : update.mutateAsync(save)),
    onSuccess: onDone,
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={plan ? `Edit ${plan.name}` : "Add a plan"}>
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      {plan ? null : (
        <>
          <Field label="Key" name={`${prefix}-key`} error={errors.key} hint="Lowercase, e.g. startup; never changes" />
          <Field label="Name" name={`${prefix}-name`} error={errors.name} hint="Shown to customers, e.g. Startup" />
        </>
      )}
      {ENTITLEMENTS.map((e) => (
        <div key={e}>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name={`${prefix}-${e}`} defaultChecked={plan?.[e] ?? false} className="h-4 w-4" />
            {LABELS[e].label}
            <span className="text-xs text-slate-500">{LABELS[e].hint}</span>
          </label>
          {errors[e] ? (
            <p role="alert" className="text-sm text-red-600">
              {errors[e]}
            </p>
          ) : null}
        </div>
      ))}
      <Field
        label="Link quota"
        name={`${prefix}-linkQuota`}
        inputMode="numeric"
        defaultValue={plan?.linkQuota ?? 10}
        error={errors.linkQuota}
        hint="Links an organization on the plan may hold, unless its own quota overrides it"
      />
      <div className="flex gap-2">
        <Button type="submit" isLoading={isSending}>
          {plan ? "Save plan" : "Add plan"}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
