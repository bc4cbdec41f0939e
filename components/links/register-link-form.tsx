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
import { createLinkInputSchema, type LinkKind } from "@/lib/links/schemas";
import { KindChoice } from "./kind-choice";
import { readConfigurationArn, readServiceName, ResourceFields, ServiceNameField } from "./link-target-fields";
import { useRegisterLink } from "./use-links";

/** The form's values as the API's CreateLinkInput, of the kind chosen; an empty share ARN is left out. */
export function registerInputOf(form: FormData) {
  const common = { name: form.get("name"), region: form.get("region"), ports: form.getAll("ports").map(Number) };
  if (form.get("kind") === "resource") {
    const shareArn = String(form.get("resourceShareArn") ?? "").trim();
    return { ...common, kind: "resource", resourceConfigurationArn: form.get("resourceConfigurationArn"), resourceShareArn: shareArn || undefined };
  }
  return { ...common, kind: "service", serviceName: form.get("serviceName"), privateDns: form.get("privateDns") === "on" };
}

type RegionFacts = { kind: LinkKind; targetRegion?: string; region: string; allowsCrossRegion: boolean; isOffered: (region: string) => boolean };

/** Our region against the one the service name or configuration ARN names: a service may be cross-region, a resource may not. */
export function regionHintOf({ kind, targetRegion, region, allowsCrossRegion, isOffered }: RegionFacts): string {
  if (kind === "resource") {
    if (!targetRegion) return "Where we create the resource endpoint: your configuration's region (a resource link reaches its own region only).";
    if (!isOffered(targetRegion))
      return `We do not offer ${targetRegion}, your configuration's region, and a resource link reaches its own region only: make the configuration in one of ours.`;
    if (targetRegion !== region) return `Your configuration is in ${targetRegion}: a resource link reaches its own region only, so choose ${targetRegion}.`;
    return "Same region as your configuration.";
  }
  if (!targetRegion) return "Where we create the endpoint: the region of your service, when we offer it.";
  if (targetRegion === region) return "Same region as your service: no cross-region traffic.";
  if (!allowsCrossRegion)
    return `Your plan does not include cross-region links: ${isOffered(targetRegion) ? `choose ${targetRegion}, your service's region, or` : `we do not offer ${targetRegion}, your service's region, so`} ask for a plan with them.`;
  return `Cross-region: we connect from ${region} to your service in ${targetRegion}${isOffered(targetRegion) ? "" : ` (we do not offer ${targetRegion} itself)`}. Zonal DNS names are not usable cross-region.`;
}

/** `allowsCrossRegion`: the organization's plan includes cross-region links (registration checks the same). */
export function RegisterLinkForm({
  regions,
  allowsCrossRegion,
  initialKind = "service",
}: {
  regions: Connectivity["regions"];
  allowsCrossRegion: boolean;
  initialKind?: LinkKind;
}) {
  const router = useRouter();
  const register = useRegisterLink();
  const toast = useToast();
  const { errors, setErrors, isSending, onSubmit } = useFormSubmit({
    read: (form) => validate(createLinkInputSchema, registerInputOf(form)),
    send: register.mutateAsync,
    onSuccess: (link) => {
      toast(`Registered ${link.name}. We are checking it now.`);
      router.push(`/links/${link.id}`);
    },
  });
  const [kind, setKind] = useState(initialKind);
  // Kept per kind, so switching back and forth loses nothing typed.
  const [targets, setTargets] = useState<Record<LinkKind, string>>({ service: "", resource: "" });
  const [region, setRegion] = useState(regions[0]?.region ?? "");
  const [hasChosenRegion, setHasChosenRegion] = useState(false);

  const isOffered = (name: string) => regions.some((r) => r.region === name);
  const regionNamedBy = (of: LinkKind, value: string) => (of === "resource" ? readConfigurationArn(value, false) : readServiceName(value, false)).region;
  const targetRegion = regionNamedBy(kind, targets[kind]);

  function onTargetChange(value: string) {
    setTargets({ ...targets, [kind]: value });
    const field = kind === "resource" ? "resourceConfigurationArn" : "serviceName";
    if (errors[field]) setErrors({ ...errors, [field]: "" });
    // The region the name or ARN names is the natural one: preselected unless the customer chose another.
    const named = regionNamedBy(kind, value);
    if (named && isOffered(named) && !hasChosenRegion) setRegion(named);
  }

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4" aria-label="Register a link">
      <KindChoice name="kind" legend="How we reach your side" value={kind} onChange={setKind} />
      <Field label="Link name" name="name" placeholder="orders-db" error={errors.name} hint="Yours to recognise the link by; unique in your organization." />
      {kind === "resource" ? (
        <ResourceFields
          arn={targets.resource}
          onArnChange={onTargetChange}
          errors={errors}
          onShareArnChange={() => errors.resourceShareArn && setErrors({ ...errors, resourceShareArn: "" })}
        />
      ) : (
        <ServiceNameField value={targets.service} onChange={onTargetChange} error={errors.serviceName} />
      )}
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
            {regionHintOf({ kind, targetRegion, region, allowsCrossRegion, isOffered })}
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
            {kind === "resource"
              ? "The ports your resource configuration opens (one for an RDS database: its own), among those we offer here: we connect and probe only these."
              : "The ports your service listens on, among those we offer here: we connect and probe only these."}
          </p>
        )}
      </fieldset>
      {kind === "service" ? <PrivateDnsChoice error={errors.privateDns} /> : null}
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      <Button type="submit" isLoading={isSending}>
        {isSending ? "Registering…" : "Register link"}
      </Button>
    </form>
  );
}

function PrivateDnsChoice({ error }: { error?: string }) {
  return (
    <div className="space-y-1">
      <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <input type="checkbox" name="privateDns" aria-describedby={error ? "privateDns-error" : "privateDns-hint"} />
        Use the service&apos;s private DNS name
      </label>
      {error ? (
        <p id="privateDns-error" role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : (
        <p id="privateDns-hint" className="text-xs text-slate-600">
          Only if your endpoint service has a verified private DNS name (such as db.example.com) that your certificate names: we then connect by that name, and
          no other link in our region can use it. Verification fails if the name is missing or not verified.
        </p>
      )}
    </div>
  );
}
