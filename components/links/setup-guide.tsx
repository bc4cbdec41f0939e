"use client";

import { messageOf } from "@/components/api/client";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Alert } from "@/components/ui/alert";
import type { Connectivity } from "@/lib/api-client/client";
import { SetupKit } from "./setup-kit";
import { useConnectivity } from "./use-links";
import { ScrollBox } from "@/components/ui/scroll-box";

/** The principal to allowlist, our regions with AZ IDs, CIDRs and ports, the steps, and the setup kit. */
export function SetupGuide({ initial }: { initial?: Connectivity }) {
  const connectivity = useConnectivity(initial);
  if (connectivity.isPending)
    return (
      <p role="status" className="text-sm text-slate-500">
        Loading your connection details…
      </p>
    );
  if (connectivity.isError) return <Alert>{messageOf(connectivity.error)}</Alert>;

  const { principalArn, principalMode, regions } = connectivity.data;
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
            Add this ARN, and only this one, to your endpoint service&apos;s allowed principals. It is your organization&apos;s own: no other customer of ours
            can use it. Allowing our whole AWS account (<code>:root</code>) or everyone (<code>*</code>) would let any customer of ours name your service; we
            then require you to prove the service&apos;s account is yours (below).
          </p>
        )}
        <div className="mt-3 flex items-center gap-2">
          <code className="break-all rounded bg-slate-100 px-2 py-1 text-sm" data-testid="principal-arn">
            {principalArn}
          </code>
          <CopyButton value={principalArn} />
        </div>
      </Card>

      <SetupKit regions={regions} principalArn={principalArn} />
      <Card title="All our regions">
        {regions.length === 0 ? (
          <p className="text-sm text-slate-600">No region is offered yet. Please contact us.</p>
        ) : (
          <ScrollBox label="Our regions" bleed>
            <table className="w-full min-w-[36rem] text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-2">Region</th>
                  <th>Availability Zone IDs</th>
                  <th>CIDRs to allow</th>
                  <th>Ports</th>
                  <th>Cross-region from</th>
                </tr>
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
          </ScrollBox>
        )}
      </Card>
    </div>
  );
}
