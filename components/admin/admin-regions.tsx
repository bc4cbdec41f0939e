"use client";

import Link from "next/link";
import { useState } from "react";
import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Region } from "@/lib/api-client/client";
import { RegionForm } from "./region-form";
import { useRegions } from "./use-regions";

/** The vendor's regions: each one's network and AZ-ID coverage, edited in place, and a new one set up. */
export function AdminRegions() {
  const regions = useRegions();
  const [editing, setEditing] = useState<string | null>(null);
  if (regions.isPending) return <p className="text-sm text-slate-500">Loading regions…</p>;
  if (regions.isError) return <Alert>{messageOf(regions.error)}</Alert>;
  const list = regions.data.data;
  return (
    <div className="space-y-4">
      {list.length === 0 ? (
        <Alert className="bg-amber-50 text-amber-900">No region is set up, so customers can register no link. Set one up below.</Alert>
      ) : null}
      {list.map((region) =>
        editing === region.region ? (
          <section key={region.region} className="rounded-md border border-indigo-200 p-4">
            <h2 className="mb-3 font-semibold">{region.region}</h2>
            <RegionForm region={region} onDone={() => setEditing(null)} />
          </section>
        ) : (
          <RegionFacts key={region.region} region={region} onEdit={() => setEditing(region.region)} />
        ),
      )}
      {editing === "" ? (
        <section className="rounded-md border border-indigo-200 p-4">
          <h2 className="mb-3 font-semibold">Set up a region</h2>
          <RegionForm onDone={() => setEditing(null)} />
        </section>
      ) : (
        <Button variant="secondary" onClick={() => setEditing("")}>
          Set up a region
        </Button>
      )}
    </div>
  );
}

function RegionFacts({ region, onEdit }: { region: Region; onEdit: () => void }) {
  const excluded = new Set(region.excludedAzIds);
  const none = (list: string[]) => (list.length > 0 ? list.join(", ") : "none");
  return (
    <section aria-label={region.region} className="rounded-md border border-slate-200 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">
          {region.region}{" "}
          <span className={`ml-2 rounded px-2 py-0.5 text-xs ${region.isOffered ? "bg-green-100 text-green-800" : "bg-slate-100 text-slate-700"}`}>
            {region.isOffered ? "offered" : "not offered"}
          </span>
        </h2>
        <Button variant="secondary" onClick={onEdit} aria-label={`Edit ${region.region}`}>
          Edit
        </Button>
      </div>
      <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="text-slate-500">VPC</dt>
        <dd className="font-mono break-all">{region.vpcId}</dd>
        <dt className="text-slate-500">Security groups</dt>
        <dd className="font-mono break-all">{region.securityGroupIds.join(", ")}</dd>
        <dt className="text-slate-500">CIDRs · ports</dt>
        <dd>
          {region.cidrs.join(", ")} · {region.ports.join(", ")}
        </dd>
        <dt className="text-slate-500">Cross-region to</dt>
        <dd>{none(region.crossRegionTo)}</dd>
        <dt className="text-slate-500">AZ-ID coverage</dt>
        <dd data-testid={`coverage-${region.region}`}>{none(region.offeredAzIds)}</dd>
      </dl>
      {/* Fixed columns whose ids break anywhere: the table fits a 390 px screen without scrolling. */}
      <table className="mt-3 w-full table-fixed text-left text-sm">
        <caption className="sr-only">Subnets of {region.region}</caption>
        <thead className="text-slate-500">
          <tr>
            <th className="py-1 pr-2 font-medium">Subnet</th>
            <th className="w-24 py-1 pr-2 font-medium">AZ</th>
            <th className="w-20 py-1 pr-2 font-medium">AZ ID</th>
            <th className="w-16 py-1 font-medium">Offered</th>
          </tr>
        </thead>
        <tbody>
          {region.subnets.map((s) => (
            <tr key={s.subnetId} className="border-t border-slate-100 align-top">
              <td className="py-1 pr-2 font-mono break-all">{s.subnetId}</td>
              <td className="py-1 pr-2 break-all">{s.availabilityZone}</td>
              <td className="py-1 pr-2 font-mono break-all">{s.availabilityZoneId}</td>
              <td className="py-1">{excluded.has(s.availabilityZoneId) ? "excluded" : "yes"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {region.linksInExcludedZones.length > 0 ? (
        <div className="mt-3 text-sm" data-testid={`excluded-links-${region.region}`}>
          <h3 className="font-medium">Links with an endpoint in an excluded zone</h3>
          <p className="text-slate-500">Excluded after these endpoints were made: they are left as they are. Delete or re-register a link to move it.</p>
          <ul className="mt-1 list-disc pl-5">
            {region.linksInExcludedZones.map((link) => (
              <li key={link.id}>
                <Link href={`/admin/links/${link.id}`} className="text-indigo-700 hover:underline">
                  {link.name}
                </Link>{" "}
                in {link.azIds.join(", ")}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
