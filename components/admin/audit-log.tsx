"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { answerOf, api, messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PageButtons, useCursorPages } from "@/components/ui/cursor-pages";
import { actorLabelOf } from "@/lib/audit-log/describe";
import type { AuditEntryView, AuditFilters } from "@/lib/audit-log/schemas";
import { AuditChanges } from "./audit-changes";
import { OrganizationPicker } from "./organization-picker";
import { timestampOf } from "./format";
import { ScrollBox } from "@/components/ui/scroll-box";

/** The audit log, filtered by actor, organization, action and time, and exported as CSV with the same filters. */
export function AuditLog() {
  const [filters, setFilters] = useState<AuditFilters>({});
  const pages = useCursorPages();
  const entries = useQuery({
    queryKey: ["audit-log", filters, pages.cursor],
    queryFn: () => answerOf(api.GET("/api/v1/admin/audit-log", { params: { query: { limit: 50, ...filters, cursor: pages.cursor ?? undefined } } })),
  });
  const exportUrl = `/api/v1/admin/audit-log/export?${new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])))}`;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    const time = (name: string) => (text(name) ? new Date(text(name)!).toISOString() : undefined);
    setFilters({
      actorType: text("actorType") as AuditFilters["actorType"],
      actorId: text("actorId"),
      organizationId: text("organizationId"),
      action: text("action"),
      from: time("from"),
      to: time("to"),
    });
    pages.reset();
  };

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-3" aria-label="Filter the audit log">
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Actor</span>
          <select name="actorType" className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2">
            <option value="">anyone</option>
            <option value="user">a person</option>
            <option value="api_key">an API key</option>
            <option value="system">the system</option>
          </select>
        </label>
        <FilterInput name="actorId" label="Actor id" />
        <OrganizationPicker name="organizationId" label="Organization" />
        <FilterInput name="action" label="Action (or a prefix: link.)" />
        <FilterInput name="from" label="From" type="datetime-local" />
        <FilterInput name="to" label="To" type="datetime-local" />
        <div className="flex gap-2 sm:col-span-3">
          <Button type="submit">Apply filters</Button>
          <a
            href={exportUrl}
            download
            className="inline-flex items-center rounded-md border border-slate-300 px-4 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-50"
          >
            Export as CSV
          </a>
        </div>
      </form>
      {entries.isError ? <Alert>{messageOf(entries.error)}</Alert> : null}
      {entries.isPending ? <p className="text-sm text-slate-500">Loading…</p> : null}
      {entries.data ? (
        <ScrollBox label="Audit entries">
          {/* Below lg each entry is a block of labelled lines, so a phone has no column to scroll to. */}
          <table className="block w-full text-left text-sm lg:table">
            <thead className="hidden text-slate-500 lg:table-header-group">
              <tr>
                <th className="py-2 pr-3 font-medium">When</th>
                <th className="py-2 pr-3 font-medium">Who</th>
                <th className="py-2 pr-3 font-medium">Organization</th>
                <th className="py-2 pr-3 font-medium">What</th>
                <th className="py-2 font-medium">Change</th>
              </tr>
            </thead>
            <tbody className="block lg:table-row-group">
              {entries.data.data.map((entry) => (
                <AuditRow key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
          {entries.data.data.length === 0 ? <p className="py-4 text-sm text-slate-600">No entries match.</p> : null}
          <PageButtons pages={pages} nextCursor={entries.data.nextCursor} />
        </ScrollBox>
      ) : null}
    </div>
  );
}

function AuditRow({ entry }: { entry: AuditEntryView }) {
  return (
    <tr className="block border-t border-slate-100 py-2 align-top lg:table-row lg:py-0">
      <Cell label="When" className="whitespace-nowrap">
        {timestampOf(entry.createdAt)}
      </Cell>
      <Cell label="Who">
        {actorLabelOf(entry.actor)}
        {entry.actor.email ? (
          <span className="block text-xs break-all text-slate-500">{entry.actor.type === "api_key" ? `made by ${entry.actor.email}` : entry.actor.email}</span>
        ) : null}
      </Cell>
      <Cell label="Organization">
        {entry.organization ? entry.organization.name : <span className="text-slate-500">none</span>}
        {entry.organization && !entry.organization.id ? <span className="block text-xs text-slate-500">deleted</span> : null}
      </Cell>
      <Cell label="What">
        {entry.summary}
        <span className="block font-mono text-xs break-all text-slate-500">{entry.action}</span>
      </Cell>
      <Cell label="Change" className="text-xs text-slate-700">
        <AuditChanges changes={entry.changes} details={entry.details} />
      </Cell>
    </tr>
  );
}

/** A table cell on wide screens; on a phone a line named by its column. */
function Cell({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <td className={`block py-1 lg:table-cell lg:py-2 lg:pr-3 ${className}`}>
      <span className="block text-xs font-medium text-slate-500 lg:hidden">{label}</span>
      {children}
    </td>
  );
}

function FilterInput({ name, label, type = "text" }: { name: string; label: string; type?: string }) {
  return (
    <label className="text-sm">
      <span className="block font-medium text-slate-700">{label}</span>
      <input name={name} type={type} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2" />
    </label>
  );
}
