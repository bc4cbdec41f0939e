"use client";

import { useState, type FormEvent } from "react";
import { toFieldErrors, validate, type FieldErrors } from "@/components/auth/field-errors";
import { ApiProblemError, messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { Region } from "@/lib/api-client/client";
import { regionNameSchema, regionSettingsSchema } from "@/lib/regions/schemas";
import { useSaveRegion } from "./use-regions";

const LIST_FIELDS = [
  { name: "subnetIds", label: "Subnets", hint: "One per Availability Zone to offer, separated by commas" },
  { name: "securityGroupIds", label: "Security groups", hint: "Put on every endpoint (at most 5)" },
  { name: "cidrs", label: "CIDRs customers allow", hint: "Where our traffic comes from, e.g. the VPC's block" },
  { name: "ports", label: "Ports", hint: "The ports customers open to us" },
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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const prefix = region ? `region-${region.region}` : "region-new";

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
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
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0 || !checked.data) return;
    save.mutate(
      { region: name, changes: checked.data },
      {
        onSuccess: onDone,
        onError: (error) => {
          const params = error instanceof ApiProblemError ? (error.problem.invalidParams ?? []) : [];
          setErrors(toFieldErrors(params.map((p) => ({ name: p.name.split(".")[0]!, reason: p.reason }))));
          if (params.length === 0) setFormError(messageOf(error));
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={region ? `Edit ${region.region}` : "Set up a region"}>
      {formError ? <Alert>{formError}</Alert> : null}
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
        <Button type="submit" isLoading={save.isPending}>
          {region ? "Save region" : "Set up region"}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
