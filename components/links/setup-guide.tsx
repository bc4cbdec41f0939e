"use client";

import { useState } from "react";
import { messageOf } from "@/components/api/client";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { awsCliCommands, cloudFormationTemplate, terraformJson } from "@/lib/links/iac";
import { useConnectivity } from "./use-links";
import { Alert } from "@/components/ui/alert";

const FORMATS = {
  cloudformation: { label: "CloudFormation (JSON)", render: cloudFormationTemplate },
  terraform: { label: "Terraform (.tf.json)", render: terraformJson },
  cli: { label: "AWS CLI", render: awsCliCommands },
} as const;

/** The principal to allowlist, our regions with AZ IDs, CIDRs and ports, the steps, and ready IaC. */
export function SetupGuide() {
  const connectivity = useConnectivity();
  const [format, setFormat] = useState<keyof typeof FORMATS>("cloudformation");
  const [regionName, setRegionName] = useState<string | null>(null);
  if (connectivity.isPending) return <p role="status" className="text-sm text-slate-500">Loading your connection details…</p>;
  if (connectivity.isError) return <Alert>{messageOf(connectivity.error)}</Alert>;

  const { principalArn, principalMode, regions } = connectivity.data;
  const region = regions.find((r) => r.region === regionName) ?? regions[0];
  return (
    <div className="space-y-6">
      <Card title="Your principal">
        {principalMode === "shared" ? (
          <p className="text-sm text-slate-600">
            Add this ARN to your endpoint service&apos;s allowed principals. Every customer of ours uses the same one, so we also require acceptance on your
            service and proof that the service&apos;s AWS account is yours (below).
          </p>
        ) : (
          <p className="text-sm text-slate-600">
            Add this ARN, and only this one, to your endpoint service&apos;s allowed principals. It is your organization&apos;s own: no other customer of ours can
            use it. Allowing our whole AWS account (<code>:root</code>) or everyone (<code>*</code>) would let any customer of ours name your service; we then
            require you to prove the service&apos;s account is yours (below).
          </p>
        )}
        <div className="mt-3 flex items-center gap-2">
          <code className="break-all rounded bg-slate-100 px-2 py-1 text-sm" data-testid="principal-arn">{principalArn}</code>
          <CopyButton value={principalArn} />
        </div>
      </Card>

      <Card title="Our regions">
        {regions.length === 0 ? (
          <p className="text-sm text-slate-600">No region is offered yet. Please contact us.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr><th className="py-2">Region</th><th>Availability Zone IDs</th><th>CIDRs to allow</th><th>Ports</th><th>Cross-region from</th></tr>
            </thead>
            <tbody>
              {regions.map((r) => (
                <tr key={r.region} className="border-t border-slate-100">
                  <td className="py-2 font-medium">{r.region}</td>
                  <td className="font-mono text-xs">{r.availabilityZoneIds.join(", ")}</td>
                  <td className="font-mono text-xs">{r.cidrs.join(", ")}</td>
                  <td>{r.ports.join(", ")}</td>
                  <td>{r.crossRegionFrom.join(", ") || "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>

      <Card title="Steps">
        <ol className="list-decimal space-y-2 pl-5 text-sm">
          <li>Put your service behind an internal Network Load Balancer, enabled in at least one of our Availability Zone IDs for the region (two for resilience). AZ IDs are the same in every account; AZ names are not.</li>
          <li>Create a VPC endpoint service for the NLB with <strong>acceptance required</strong>.</li>
          <li>Allow our principal (above) on the endpoint service.</li>
          <li>Allow our CIDRs on the ports you use in the NLB&apos;s security group.</li>
          <li>Register the service name here. We verify it, then create our endpoint.</li>
          <li>Accept our connection request in your account. The link becomes available and shows its DNS names.</li>
        </ol>
      </Card>

      {region ? (
        <Card title="Infrastructure as code">
          <div className="mb-3 flex flex-wrap items-center gap-3 text-sm">
            <select aria-label="Region for the code" className="rounded-md border border-slate-300 px-2 py-1" value={region.region} onChange={(e) => setRegionName(e.target.value)}>
              {regions.map((r) => <option key={r.region} value={r.region}>{r.region}</option>)}
            </select>
            {(Object.keys(FORMATS) as (keyof typeof FORMATS)[]).map((key) => (
              <button key={key} type="button" onClick={() => setFormat(key)} className={`rounded-md px-3 py-1 ${format === key ? "bg-indigo-600 text-white" : "border border-slate-300"}`}>
                {FORMATS[key].label}
              </button>
            ))}
          </div>
          <IacBlock code={FORMATS[format].render({ principalArn, region: region.region, cidrs: region.cidrs, ports: region.ports, availabilityZoneIds: region.availabilityZoneIds })} />
        </Card>
      ) : null}
    </div>
  );
}

function IacBlock({ code }: { code: string }) {
  return (
    <div className="relative">
      <div className="absolute right-2 top-2"><CopyButton value={code} /></div>
      <pre className="max-h-96 overflow-auto rounded-md bg-slate-900 p-4 text-xs text-slate-100" data-testid="iac">{code}</pre>
    </div>
  );
}
