"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { messageOf } from "@/components/api/client";
import { PageButtons, useCursorPages } from "@/components/ui/cursor-pages";
import { KIND_DISPLAY, LINK_KIND_CHOICES } from "@/lib/links/kind-display";
import type { LinkKind } from "@/lib/links/schemas";
import { LINK_STATES, type LinkState } from "@/lib/links/state-machine";
import { DegradedBadge, KindBadge, StateBadge } from "./state-badge";
import { useLinks } from "./use-links";
import { Alert } from "@/components/ui/alert";

type Props = {
  emptyMessage: React.ReactNode;
  /** Our regions, for the region filter (none: no filter). */
  regions?: string[];
};

/** A filter: "All" (the empty value) and `options` as [value, label]. */
function FilterSelect({
  label,
  name,
  value,
  options,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  options: [string, string][];
  onChange: (value: string) => void;
}) {
  return (
    <label className="flex flex-col gap-1">
      {label}
      <select aria-label={name} className="rounded-md border border-slate-300 px-2 py-1" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">All</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </label>
  );
}

/** `value`, once it has not changed for `ms`: a search box asks once the typing pauses. */
function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * A page of links with filters and cursor paging, live (use-links.ts); deleted links are left out unless asked for.
 */
export function LinksTable({ emptyMessage, regions = [] }: Props) {
  const [state, setState] = useState<LinkState | "">("");
  const [kind, setKind] = useState<LinkKind | "">("");
  const [region, setRegion] = useState("");
  const [search, setSearch] = useState("");
  const [includeDeleted, setIncludeDeleted] = useState(false);
  const q = useDebounced(search, 300);
  const pages = useCursorPages();
  const links = useLinks({ state, kind, region, q, includeDeleted, cursor: pages.cursor });
  const isFiltered = Boolean(state || kind || region || q.trim());
  const reset = () => pages.reset();

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3 text-sm text-slate-700">
        <label className="flex min-w-0 flex-1 basis-48 flex-col gap-1">
          Search
          <input
            type="search"
            aria-label="Search links"
            placeholder="Name, service name or ARN, endpoint id"
            className="rounded-md border border-slate-300 px-2 py-1"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              reset();
            }}
          />
        </label>
        <FilterSelect
          label="State"
          name="Filter by state"
          value={state}
          options={LINK_STATES.map((s) => [s, s.replaceAll("_", " ")])}
          onChange={(value) => {
            setState(value as LinkState | "");
            reset();
          }}
        />
        <FilterSelect
          label="Kind"
          name="Filter by kind"
          value={kind}
          options={LINK_KIND_CHOICES.map((k) => [k, KIND_DISPLAY[k].label])}
          onChange={(value) => {
            setKind(LINK_KIND_CHOICES.find((k) => k === value) ?? "");
            reset();
          }}
        />
        {regions.length > 0 ? (
          <FilterSelect
            label="Region"
            name="Filter by region"
            value={region}
            options={regions.map((r) => [r, r])}
            onChange={(value) => {
              setRegion(value);
              reset();
            }}
          />
        ) : null}
        <label className="flex items-center gap-2 py-1">
          <input
            type="checkbox"
            className="h-4 w-4"
            checked={includeDeleted}
            onChange={(event) => {
              setIncludeDeleted(event.target.checked);
              reset();
            }}
          />
          Show deleted links
        </label>
      </div>
      {links.isPending ? (
        <p className="py-6 text-center text-sm text-slate-600" role="status">
          Loading links…
        </p>
      ) : links.isError ? (
        <Alert>
          {messageOf(links.error)}{" "}
          <button className="underline" onClick={() => void links.refetch()}>
            Try again
          </button>
        </Alert>
      ) : links.data.data.length === 0 ? (
        <div className="py-6 text-center text-sm text-slate-600" data-testid="links-empty">
          {isFiltered ? "No links match these filters." : emptyMessage}
        </div>
      ) : (
        // On a phone the kind, service name and region sit under the link's name, whole, so nothing scrolls sideways.
        <table className="w-full table-fixed text-left text-sm" data-testid="links-table">
          <thead className="text-slate-500">
            <tr>
              <th className="py-2 pr-3">Name</th>
              <th className="hidden w-2/5 pr-3 sm:table-cell">Connects to</th>
              <th className="hidden w-28 pr-3 sm:table-cell">Region</th>
              <th className="w-32 sm:w-40">State</th>
            </tr>
          </thead>
          <tbody>
            {links.data.data.map((link) => (
              <tr key={link.id} className="border-t border-slate-100 align-top" data-testid="link-row">
                <td className="py-2 pr-3">
                  <Link className="font-medium break-words text-indigo-700 hover:underline" href={`/links/${link.id}`}>
                    {link.name}
                  </Link>
                  <span className="mt-1 block sm:hidden">
                    <KindBadge kind={link.kind} />
                  </span>
                  <span className="mt-1 block font-mono text-xs break-all text-slate-600 sm:hidden">{link.serviceName}</span>
                  <span className="block text-xs text-slate-600 sm:hidden">{link.region}</span>
                </td>
                <td className="hidden space-y-1 py-2 pr-3 sm:table-cell">
                  <KindBadge kind={link.kind} />
                  <span className="block font-mono text-xs break-all">{link.serviceName}</span>
                </td>
                <td className="hidden py-2 pr-3 sm:table-cell">{link.region}</td>
                <td className="space-y-1 py-2">
                  <StateBadge state={link.state} />
                  {link.degraded ? <DegradedBadge /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PageButtons pages={pages} nextCursor={links.data?.nextCursor} />
    </div>
  );
}
