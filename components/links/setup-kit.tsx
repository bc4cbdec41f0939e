"use client";

import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState, type KeyboardEvent } from "react";
import { answerOf, api, messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import type { Connectivity } from "@/lib/api-client/client";
import type { LinkKind } from "@/lib/links/schemas";
import { KindChoice } from "./kind-choice";
import { SetupSteps } from "./setup-steps";
import { KIT_FORMATS, RESOURCE_TARGETS, TARGET_KINDS, TARGETS, type KitFormat, type ResourceTarget, type TargetKind } from "@/lib/setup-kits/kit";
import { SCROLLABLE_FOCUS } from "@/components/ui/scroll-box";

const FORMAT_LABELS: Record<KitFormat, string> = { cloudformation: "CloudFormation", terraform: "Terraform module", cli: "AWS CLI script" };
/** What each kind's kit is for: what sits behind the NLB, or what the resource configuration names. */
const SERVICE_TARGET_SELECT = {
  label: "What sits behind the NLB",
  id: "target",
  options: TARGET_KINDS,
  labels: { ip: "IP addresses", rds: "RDS / RDS Proxy", instance: "EC2 instances", alb: "Application Load Balancer" } satisfies Record<TargetKind, string>,
};
const RESOURCE_TARGET_SELECT = {
  label: "What the configuration names",
  id: "resource-target",
  options: RESOURCE_TARGETS,
  labels: { "rds-arn": "RDS database or cluster, by ARN", domain: "Domain name", ip: "IP address in your VPC" } satisfies Record<ResourceTarget, string>,
};

// Loaded once chosen: the resource kits' words would take the page over the client JavaScript budget.
const ResourceSetupSteps = lazy(async () => ({ default: (await import("./resource-setup-steps")).ResourceSetupSteps }));

type Region = Connectivity["regions"][number];

type KitChoices = { kind: LinkKind; region: string; target: TargetKind; resourceTarget: ResourceTarget; ports: number[]; s3: boolean };

/** The query of GET /api/v1/setup-kits/{format} for the choices: a resource kit has no S3 endpoint, nor ports for an RDS ARN (the database's own). */
export function kitQueryOf({ kind, region, target, resourceTarget, ports, s3 }: KitChoices) {
  if (kind === "resource") return { kind, region, target: resourceTarget, ...(resourceTarget === "rds-arn" ? {} : { ports: ports.join(",") }) };
  return { region, target, ports: ports.join(","), s3GatewayEndpoint: s3 ? ("true" as const) : ("false" as const) };
}

/**
 * The setup as a short wizard: 1. with a load balancer or without one, and the choices of GET
 * /api/v1/setup-kits/{format} (region, target, ports); 2. the steps for that choice with what to
 * copy, and the kit, previewed and downloadable; then registering.
 */
export function SetupKit({ regions, principalArn }: { regions: Region[]; principalArn: string }) {
  const [kind, setKind] = useState<LinkKind>("service");
  const [regionName, setRegionName] = useState(regions[0]?.region ?? "");
  const [target, setTarget] = useState<TargetKind>("ip");
  const [resourceTarget, setResourceTarget] = useState<ResourceTarget>("rds-arn");
  const [format, setFormat] = useState<KitFormat>("cloudformation");
  const [unchecked, setUnchecked] = useState<number[]>([]);
  const [s3, setS3] = useState(false);
  const region = regions.find((r) => r.region === regionName) ?? regions[0];
  const ports = (region?.ports ?? []).filter((port) => !unchecked.includes(port));
  // An RDS database by ARN is reached on its own port: nothing to choose.
  const hasPortChoice = kind === "service" || resourceTarget !== "rds-arn";
  const isReady = Boolean(region) && (!hasPortChoice || ports.length > 0);
  const query = region ? kitQueryOf({ kind, region: region.region, target, resourceTarget, ports, s3 }) : null;
  const url = query
    ? `/api/v1/setup-kits/${format}?${new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined))}`
    : null;
  const kit = useQuery({
    queryKey: ["setup-kit", format, query],
    queryFn: () => answerOf(api.GET("/api/v1/setup-kits/{format}", { params: { path: { format }, query: query! }, parseAs: "text" })),
    enabled: isReady,
    staleTime: 60_000,
  });
  if (!region) return null;

  const togglePort = (port: number) => setUnchecked((current) => (current.includes(port) ? current.filter((p) => p !== port) : [...current, port]));
  const what = kind === "resource" ? "resource" : "service";
  return (
    <>
      <Card title={`1. Your ${what}`}>
        <div className="grid gap-4 text-sm sm:grid-cols-2">
          <div className="sm:col-span-2">
            <KindChoice name="kit-kind" legend="How we reach it" value={kind} onChange={setKind} />
          </div>
          <label className="space-y-1">
            <span className="block font-medium text-slate-700">Region of your {what}</span>
            <select
              className="w-full rounded-md border border-slate-300 px-2 py-1"
              value={region.region}
              onChange={(e) => {
                setRegionName(e.target.value);
                setUnchecked([]);
              }}
            >
              {regions.map((r) => (
                <option key={r.region} value={r.region}>
                  {r.region}
                </option>
              ))}
            </select>
          </label>
          {kind === "resource" ? (
            <TargetSelect {...RESOURCE_TARGET_SELECT} value={resourceTarget} onChange={setResourceTarget} />
          ) : (
            <TargetSelect {...SERVICE_TARGET_SELECT} value={target} onChange={setTarget} hint={TARGETS[target].what} />
          )}
          {hasPortChoice ? (
            <fieldset className="space-y-1">
              <legend className="font-medium text-slate-700">Ports</legend>
              <div className="flex flex-wrap gap-3">
                {region.ports.map((port) => (
                  <label key={port} className="inline-flex items-center gap-1">
                    <input type="checkbox" checked={!unchecked.includes(port)} onChange={() => togglePort(port)} /> {port}
                  </label>
                ))}
              </div>
              {ports.length === 0 ? (
                <p role="alert" className="text-sm text-red-600">
                  Choose at least one port.
                </p>
              ) : null}
            </fieldset>
          ) : (
            <p className="self-end text-slate-600">Ports: the database&apos;s own, nothing to choose.</p>
          )}
          {kind === "service" ? (
            <label className="inline-flex items-center gap-2 self-end">
              <input type="checkbox" checked={s3} onChange={(e) => setS3(e.target.checked)} />
              <span>Also an S3 gateway endpoint, and a bucket policy that admits only it</span>
            </label>
          ) : null}
        </div>
      </Card>
      <Card title={`2. Your side in ${region.region}`}>
        {kind === "resource" ? (
          <Suspense
            fallback={
              <p role="status" className="text-sm text-slate-500">
                Loading the steps…
              </p>
            }
          >
            <ResourceSetupSteps
              principalArn={principalArn}
              region={region.region}
              target={resourceTarget}
              ports={hasPortChoice ? ports : []}
              availabilityZoneIds={region.availabilityZoneIds}
            />
          </Suspense>
        ) : (
          <SetupSteps region={region} ports={ports} principalArn={principalArn} />
        )}
        <h3 className="mt-6 font-semibold">Setup kit</h3>
        <p className="mt-1 text-sm text-slate-600">
          {kind === "resource"
            ? "Steps 1 to 3 in one file: the resource gateway with its security group, the resource configuration, and its RAM share with our account. You give it your VPC, subnets and resource."
            : "Steps 1 to 4 in one file: an internal Network Load Balancer, a target group and listener per port, the endpoint service with our principal allowed, and the NLB's security group open to our CIDRs. You give it your VPC, subnets and targets."}
        </p>
        <div className="mt-4 flex flex-wrap items-center gap-2 text-sm">
          <FormatTabs format={format} onChange={setFormat} />
          {url && isReady ? (
            <a
              href={url}
              download
              className="ml-auto rounded-md bg-indigo-600 px-4 py-1.5 font-semibold text-white hover:bg-indigo-500"
              data-testid="setup-kit-download"
            >
              Download
            </a>
          ) : null}
        </div>
        <div className="mt-3" role="tabpanel" id="setup-kit-panel" aria-labelledby={`setup-kit-tab-${format}`}>
          {kit.isError ? (
            <Alert>{messageOf(kit.error)}</Alert>
          ) : kit.data ? (
            <KitPreview code={kit.data} />
          ) : isReady ? (
            <p role="status" className="text-sm text-slate-500">
              Preparing the kit…
            </p>
          ) : null}
        </div>
      </Card>
    </>
  );
}

/** What the kit is for: one of `options`, with what the chosen one means under it. */
function TargetSelect<T extends string>({
  label,
  id,
  options,
  labels,
  value,
  onChange,
  hint,
}: {
  label: string;
  id: string;
  options: readonly T[];
  labels: Record<T, string>;
  value: T;
  onChange: (value: T) => void;
  hint?: string;
}) {
  return (
    <label className="space-y-1">
      <span className="block font-medium text-slate-700">{label}</span>
      <select
        className="w-full rounded-md border border-slate-300 px-2 py-1"
        value={value}
        onChange={(e) => onChange(options.find((option) => option === e.target.value) ?? value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      >
        {options.map((key) => (
          <option key={key} value={key}>
            {labels[key]}
          </option>
        ))}
      </select>
      {hint ? (
        <span id={`${id}-hint`} className="block text-xs text-slate-500">
          {hint}.
        </span>
      ) : null}
    </label>
  );
}

/** The kit's formats as tabs: Tab reaches the chosen one, the arrow keys (and Home, End) move between them. */
function FormatTabs({ format, onChange }: { format: KitFormat; onChange: (format: KitFormat) => void }) {
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = KIT_FORMATS.indexOf(format);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: KIT_FORMATS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const key = KIT_FORMATS[(next + KIT_FORMATS.length) % KIT_FORMATS.length]!;
    onChange(key);
    document.getElementById(`setup-kit-tab-${key}`)?.focus();
  }
  return (
    <div className="flex flex-wrap gap-2" role="tablist" aria-label="Format" onKeyDown={onKeyDown}>
      {KIT_FORMATS.map((key) => (
        <button
          key={key}
          id={`setup-kit-tab-${key}`}
          type="button"
          role="tab"
          aria-selected={format === key}
          aria-controls="setup-kit-panel"
          tabIndex={format === key ? 0 : -1}
          onClick={() => onChange(key)}
          className={`rounded-md px-3 py-1 ${format === key ? "bg-indigo-600 text-white" : "border border-slate-300"}`}
        >
          {FORMAT_LABELS[key]}
        </button>
      ))}
    </div>
  );
}

function KitPreview({ code }: { code: string }) {
  return (
    <div className="relative">
      <div className="absolute right-2 top-2">
        <CopyButton value={code} tone="dark" />
      </div>
      <pre tabIndex={0} className={`max-h-96 overflow-auto rounded-md bg-slate-900 p-4 text-xs text-slate-100 ${SCROLLABLE_FOCUS}`} data-testid="iac">
        {code}
      </pre>
    </div>
  );
}
