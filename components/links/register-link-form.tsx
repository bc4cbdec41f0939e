"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiProblemError, messageOf } from "@/components/api/client";
import { toFieldErrors, validate, type FieldErrors } from "@/components/auth/field-errors";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { createLinkInputSchema } from "@/lib/links/schemas";
import { useConnectivity, useRegisterLink } from "./use-links";
import { Alert } from "@/components/ui/alert";

export function RegisterLinkForm() {
  const router = useRouter();
  const connectivity = useConnectivity();
  const register = useRegisterLink();
  const [errors, setErrors] = useState<FieldErrors>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const checked = validate(createLinkInputSchema, { name: form.get("name"), serviceName: form.get("serviceName"), region: form.get("region") });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    register.mutate(checked.data, {
      onSuccess: (link) => router.push(`/links/${link.id}`),
      onError: (error) =>
        setErrors(
          error instanceof ApiProblemError && error.problem.invalidParams?.length ? toFieldErrors(error.problem.invalidParams) : { form: messageOf(error) },
        ),
    });
  }

  const regions = connectivity.data?.regions ?? [];
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4" aria-label="Register a link">
      <Field label="Link name" name="name" placeholder="orders-db" error={errors.name} hint="Yours to recognise the link by." />
      <Field
        label="Endpoint service name"
        name="serviceName"
        placeholder="com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
        error={errors.serviceName}
        hint="From your VPC console: Endpoint services → Service name."
        className="font-mono"
      />
      <div className="space-y-1">
        <label htmlFor="region" className="block text-sm font-medium text-slate-700">
          Our region
        </label>
        <select
          id="region"
          name="region"
          aria-invalid={errors.region ? true : undefined}
          aria-describedby={errors.region ? "region-error" : undefined}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          disabled={connectivity.isPending}
        >
          {regions.map((r) => (
            <option key={r.region} value={r.region}>
              {r.region}
            </option>
          ))}
        </select>
        {errors.region ? (
          <p id="region-error" role="alert" className="text-sm text-red-600">
            {errors.region}
          </p>
        ) : null}
      </div>
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      <Button type="submit" isLoading={register.isPending}>
        {register.isPending ? "Registering…" : "Register link"}
      </Button>
    </form>
  );
}
