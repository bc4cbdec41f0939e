"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { messageOf } from "@/components/api/client";
import { DegradedBadge, KindBadge, StateBadge } from "@/components/links/state-badge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PageButtons, useCursorPages } from "@/components/ui/cursor-pages";
import { STUCK_DEGRADED, STUCK_RULES } from "@/lib/links/admin-schemas";
import { LINK_STATES, type LinkState } from "@/lib/links/state-machine";
import { LinkActions } from "./link-actions";
import { OrganizationPicker } from "./organization-picker";
import { ageOf, useAdminLinks, type AdminLink, type FleetFilters } from "./use-admin-links";

const AGES = [
  { label: "any age", ms: 0 },
  { label: "older than an hour", ms: 3_600_000 },
  { label: "older than a day", ms: 86_400_000 },
  { label: "older than a week", ms: 7 * 86_400_000 },
] as const;

/**
 * Every organization's links, filtered by state, region, organization, age and error code, and
 * searched by name, service name, endpoint id, owner account or organization (name or slug). `stuck`: only the links the stuck
 * rules list, each with why and the admin's actions at hand.
 */
export function Fleet({ stuck = false, initialFilters = {} }: { stuck?: boolean; initialFilters?: FleetFilters }) {
  const [filters, setFilters] = useState<FleetFilters>(stuck ? { ...initialFilters, stuck: "true" } : initialFilters);
  const pages = useCursorPages();
  const links = useAdminLinks({ ...filters, cursor: pages.cursor ?? undefined });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    const age = Number(form.get("age") ?? 0);
    setFilters({
      ...(stuck ? { stuck: "true" } : {}),
      state: text("state") as LinkState | undefined,
      region: text("region"),
      organizationId: text("organizationId"),
      errorCode: text("errorCode"),
      q: text("q"),
      // Rounded to the minute so the filter (and its cursor) stays the same while paging.
      createdBefore: age ? new Date(Math.floor((Date.now() - age) / 60_000) * 60_000).toISOString() : undefined,
    });
    pages.reset();
  };

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-3" aria-label="Filter links">
        <TextFilter name="q" label="Search" placeholder="name, service, vpce-…, account, organization" initial={initialFilters.q} />
        <label className="text-sm">
          <span className="block font-medium text-slate-700">State</span>
          <select name="state" defaultValue={initialFilters.state ?? ""} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2">
            <option value="">any state</option>
            {(stuck ? [...STUCK_RULES.map((r) => r.state), STUCK_DEGRADED.state] : LINK_STATES).map((state) => (
              <option key={state} value={state}>
                {state}
              </option>
            ))}
          </select>
        </label>
        <TextFilter name="region" label="Region" placeholder="us-east-1" initial={initialFilters.region} />
        <OrganizationPicker name="organizationId" label="Organization" initialId={initialFilters.organizationId} />
        <TextFilter name="errorCode" label="Error code" placeholder="EndpointLost" initial={initialFilters.errorCode} />
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Age</span>
          <select name="age" className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2">
            {AGES.map((age) => (
              <option key={age.ms} value={age.ms}>
                {age.label}
              </option>
            ))}
          </select>
        </label>
        <div className="sm:col-span-3">
          <Button type="submit">Apply</Button>
        </div>
      </form>
      {links.isError ? <Alert>{messageOf(links.error)}</Alert> : null}
      {links.isPending ? <p className="text-sm text-slate-500">Loading links…</p> : null}
      {links.data ? (
        <>
          {links.data.data.length === 0 ? <p className="text-sm text-slate-600">{stuck ? "No link is stuck." : "No link matches."}</p> : null}
          <ul className="divide-y divide-slate-100">
            {links.data.data.map((link) => (
              <FleetRow key={link.id} link={link} now={links.dataUpdatedAt} withActions={stuck} />
            ))}
          </ul>
          <PageButtons pages={pages} nextCursor={links.data.nextCursor} />
        </>
      ) : null}
    </div>
  );
}

export function FleetRow({ link, now, withActions }: { link: AdminLink; now: number; withActions: boolean }) {
  const rule = link.degraded ? STUCK_DEGRADED : STUCK_RULES.find((r) => r.state === link.state);
  const finding = link.degraded ? link.connectivity.diagnosis[0] : undefined;
  return (
    <li className="space-y-2 py-3 text-sm" aria-label={link.name}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Link href={`/admin/links/${link.id}`} className="font-semibold text-indigo-700 hover:underline">
          {link.name}
        </Link>
        <KindBadge kind={link.kind} />
        <StateBadge state={link.state} />
        {link.degraded ? <DegradedBadge /> : null}
        <span>{link.organization.name}</span>
        <span className="text-slate-500">{link.region}</span>
        <span className="text-slate-500">registered {ageOf(link.createdAt, now)} ago</span>
        {link.lastError ? <span className="font-mono text-xs text-red-700">{link.lastError.code}</span> : null}
      </div>
      {withActions ? (
        <>
          <p className="text-slate-600">
            Stuck: {rule?.label ?? link.state}, {ageOf(link.stateChangedAt, now)} in this state.
            {link.lastError ? ` ${link.lastError.message}` : ""}
            {finding ? ` ${finding.cause}${finding.zones.length ? ` (zones ${finding.zones.join(", ")})` : ""}` : ""}
          </p>
          <LinkActions link={link} />
        </>
      ) : null}
    </li>
  );
}

function TextFilter({ name, label, placeholder, initial }: { name: string; label: string; placeholder?: string; initial?: string }) {
  return (
    <label className="text-sm">
      <span className="block font-medium text-slate-700">{label}</span>
      <input name={name} placeholder={placeholder} defaultValue={initial} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2" />
    </label>
  );
}
