"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { validate } from "@/components/ui/field-errors";
import { fieldErrorsOf, useFormSubmit } from "@/components/ui/use-form-submit";
import type { Region } from "@/lib/api-client/client";
import { regionNameSchema, regionSettingsSchema } from "@/lib/regions/schemas";
import { useSaveRegion } from "./use-regions";

const LIST_FIELDS = [
  { name: "subnetIds", label: "Subnets", hint: "One per Availability Zone to offer, separated by commas" },
  { name: "securityGroupIds", label: "Security groups", hint: "Put on every endpoint (at most 5)" },
  { name: "cidrs", label: "CIDRs customers allow", hint: "Where our traffic comes from, e.g. the VPC's block" },
  { name: "ports", label: "Ports", hint: "The ports customers open to us, any of 1 to 65535 (e.g. 22, 443, 5432)" },
  { name: "excludedAzIds", label: "Excluded AZ IDs", hint: "Zones customers are told to avoid here; may be empty" },
  { name: "crossRegionTo", label: "Reaches services in (cross-region)", hint: "Other regions; may be empty" },
] as const;

const split = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * Sets a region up (no `region` given) or edits one. Checked here with the API's own schema, then
 * by the server against AWS: each refusal shows by its field (`subnetIds.1` shows by Subnets).
 */
export function RegionForm({ region, onDone }: { region?: Region; onDone: () => void }) {
  const save = useSaveRegion();
  const prefix = region ? `region-${region.region}` : "region-new";
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (form) => {
      const text = (field: string) => String(form.get(`${prefix}-${field}`) ?? "");
      const name = region?.region ?? text("region").trim();
      const values = {
        isOffered: form.get(`${prefix}-isOffered`) === "on",
        vpcId: text("vpcId").trim(),
        ...Object.fromEntries(LIST_FIELDS.map((f) => [f.name, split(text(f.name))])),
      } as Record<string, unknown>;
      values.ports = (values.ports as string[]).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      const nameCheck = region ? null : regionNameSchema.safeParse(name);
      const checked = validate(regionSettingsSchema, values);
      const found = { ...(checked.errors ?? {}), ...(nameCheck && !nameCheck.success ? { region: nameCheck.error.issues[0]!.message } : {}) };
      if (Object.keys(found).length > 0 || !checked.data) return { data: null, errors: found };
      return { data: { region: name, changes: checked.data }, errors: null };
    },
    send: save.mutateAsync,
    onSuccess: onDone,
    errorsOf: (error) => Object.fromEntries(Object.entries(fieldErrorsOf(error)).map(([name, reason]) => [name.split(".")[0]!, reason])),
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={region ? `Edit ${region.region}` : "Set up a region"}>
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      {region ? null : <Field label="Region" name={`${prefix}-region`} error={errors.region} hint="e.g. us-east-1" />}
      <Field label="VPC" name={`${prefix}-vpcId`} defaultValue={region?.vpcId} error={errors.vpcId} hint="Where endpoints are made" />
      {LIST_FIELDS.map((f) => (
        <Field
          key={f.name}
          label={f.label}
          name={`${prefix}-${f.name}`}
          defaultValue={region ? region[f.name].join(", ") : f.name === "ports" ? "443" : ""}
          error={errors[f.name]}
          hint={f.hint}
        />
      ))}
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name={`${prefix}-isOffered`} defaultChecked={region?.isOffered ?? true} className="h-4 w-4" />
        Offered to customers
      </label>
      <div className="flex gap-2">
        <Button type="submit" isLoading={isSending}>
          {region ? "Save region" : "Set up region"}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
