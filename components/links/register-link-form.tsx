"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { validate } from "@/components/ui/field-errors";
import { useToast } from "@/components/ui/toast";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import type { Connectivity } from "@/lib/api-client/client";
import { createLinkInputSchema, regionOfServiceName, serviceNameSchema } from "@/lib/links/schemas";
import { useRegisterLink } from "./use-links";


/** Long enough to be meant as a whole name: shorter input is not judged while it is typed. */
const JUDGE_FROM_LENGTH = "com.amazonaws.vpce.".length;

/** What the service name says as it is typed: its format error, or the region it names. */
function readServiceName(value: string, hasLeftField: boolean): { error?: string; region?: string } {
  const trimmed = value.trim();
  if (!trimmed) return {};
  const parsed = serviceNameSchema.safeParse(trimmed);
  if (parsed.success) return { region: regionOfServiceName(trimmed) };
  return hasLeftField || trimmed.length >= JUDGE_FROM_LENGTH + 10 ? { error: parsed.error.issues[0]?.message } : {};
}

/** `allowsCrossRegion`: the organization's plan includes cross-region links (registration checks the same). */
export function RegisterLinkForm({ regions, allowsCrossRegion }: { regions: Connectivity["regions"]; allowsCrossRegion: boolean }) {
  const router = useRouter();
  const register = useRegisterLink();
  const toast = useToast();
  const { errors, setErrors, isSending, onSubmit } = useFormSubmit({
    read: (form) =>
      validate(createLinkInputSchema, {
        name: form.get("name"),
        serviceName: form.get("serviceName"),
        region: form.get("region"),
        ports: form.getAll("ports").map(Number),
        privateDns: form.get("privateDns") === "on",
      }),
    send: register.mutateAsync,
    onSuccess: (link) => {
      toast(`Registered ${link.name}. We are checking it now.`);
      router.push(`/links/${link.id}`);
    },
  });
  const [serviceName, setServiceName] = useState("");
  const [hasLeftServiceName, setHasLeftServiceName] = useState(false);
  const [region, setRegion] = useState(regions[0]?.region ?? "");
  const [hasChosenRegion, setHasChosenRegion] = useState(false);

  const reading = readServiceName(serviceName, hasLeftServiceName);
  const serviceRegion = reading.region;
  const isCrossRegion = Boolean(serviceRegion && region && serviceRegion !== region);
  const isOffered = (name: string) => regions.some((r) => r.region === name);

  function onServiceNameChange(value: string) {
    setServiceName(value);
    if (errors.serviceName) setErrors({ ...errors, serviceName: "" });
    const named = readServiceName(value, false).region;
    // The region the service names is the natural one: preselected unless the customer chose another.
    if (named && isOffered(named) && !hasChosenRegion) setRegion(named);
  }

  const serviceNameHint = serviceRegion
    ? `✓ An endpoint service in ${serviceRegion}.`
    : "From your VPC console: Endpoint services → your service → Service name.";
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4" aria-label="Register a link">
      <Field label="Link name" name="name" placeholder="orders-db" error={errors.name} hint="Yours to recognise the link by; unique in your organization." />
      <Field
        label="Endpoint service name"
        name="serviceName"
        placeholder="com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
        value={serviceName}
        onChange={(event) => onServiceNameChange(event.target.value)}
        onBlur={() => setHasLeftServiceName(true)}
        error={errors.serviceName || reading.error}
        hint={serviceNameHint}
        autoComplete="off"
        spellCheck={false}
        className="font-mono"
      />
      <div className="space-y-1">
        <label htmlFor="region" className="block text-sm font-medium text-slate-700">
          Our region
        </label>
        <select
          id="region"
          name="region"
          value={region}
          onChange={(event) => {
            setRegion(event.target.value);
            setHasChosenRegion(true);
          }}
          aria-invalid={errors.region ? true : undefined}
          aria-describedby={errors.region ? "region-error" : "region-hint"}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
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
        ) : (
          <p id="region-hint" className="text-xs text-slate-600" data-testid="region-hint" aria-live="polite">
            {!serviceRegion
              ? "Where we create the endpoint: the region of your service, when we offer it."
              : isCrossRegion && !allowsCrossRegion
                ? `Your plan does not include cross-region links: ${isOffered(serviceRegion) ? `choose ${serviceRegion}, your service's region, or` : `we do not offer ${serviceRegion}, your service's region, so`} ask for a plan with them.`
                : isCrossRegion
                  ? `Cross-region: we connect from ${region} to your service in ${serviceRegion}${isOffered(serviceRegion) ? "" : ` (we do not offer ${serviceRegion} itself)`}. Zonal DNS names are not usable cross-region.`
                  : `Same region as your service: no cross-region traffic.`}
          </p>
        )}
      </div>
      {/* Keyed by region: another region's ports start all ticked again. */}
      <fieldset key={region} className="space-y-1" aria-describedby={errors.ports ? "ports-error" : "ports-hint"}>
        <legend className="text-sm font-medium text-slate-700">Ports</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {(regions.find((r) => r.region === region)?.ports ?? []).map((port) => (
            <label key={port} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="ports" value={port} defaultChecked />
              {port}
            </label>
          ))}
        </div>
        {errors.ports ? (
          <p id="ports-error" role="alert" className="text-sm text-red-600">
            {errors.ports}
          </p>
        ) : (
          <p id="ports-hint" className="text-xs text-slate-600">
            The ports your service listens on, among those we offer here: we connect and probe only these.
          </p>
        )}
      </fieldset>
      <div className="space-y-1">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" name="privateDns" aria-describedby={errors.privateDns ? "privateDns-error" : "privateDns-hint"} />
          Use the service&apos;s private DNS name
        </label>
        {errors.privateDns ? (
          <p id="privateDns-error" role="alert" className="text-sm text-red-600">
            {errors.privateDns}
          </p>
        ) : (
          <p id="privateDns-hint" className="text-xs text-slate-600">
            Only if your endpoint service has a verified private DNS name (such as db.example.com) that your certificate names: we then connect by that name,
            and no other link in our region can use it. Verification fails if the name is missing or not verified.
          </p>
        )}
      </div>
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      <Button type="submit" isLoading={isSending}>
        {isSending ? "Registering…" : "Register link"}
      </Button>
    </form>
  );
}
