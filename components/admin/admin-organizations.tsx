"use client";

import Link from "next/link";
import { Fragment, useState } from "react";
import { messageOf } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { PageButtons, useCursorPages } from "@/components/ui/cursor-pages";
import { OrganizationForm } from "./organization-form";
import { useOrganizations } from "./use-organizations";

/** Every organization, oldest first, fifty a page; plan, approval policy and link quota edited in place; each name opens its page. */
export function AdminOrganizations() {
  const pages = useCursorPages();
  const [editing, setEditing] = useState<string | null>(null);
  const organizations = useOrganizations(pages.cursor);
  if (organizations.isPending)
    return (
      <p role="status" className="py-6 text-center text-sm text-slate-500">
        Loading organizations…
      </p>
    );
  if (organizations.isError) return <Alert>{messageOf(organizations.error)}</Alert>;
  const { data, nextCursor } = organizations.data;
  return (
    <div className="space-y-3">
      {data.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-600">No customer organizations yet.</p>
      ) : (
        // On a phone the identifier, approval mode and members sit under the name: four columns fit 390 px with Edit on screen.
        <table className="w-full table-fixed text-left text-sm" data-testid="organizations-table">
          <thead className="text-slate-500">
            <tr>
              <th className="py-2 pr-2">Name</th>
              <th className="hidden pr-2 sm:table-cell">Identifier</th>
              <th className="w-20 pr-2 sm:w-28">Plan</th>
              <th className="hidden w-24 pr-2 sm:table-cell">Approval</th>
              <th className="w-14 pr-2 text-right sm:w-20">Links</th>
              <th className="hidden w-20 pr-2 text-right sm:table-cell">Members</th>
              <th className="w-[4.5rem] sm:w-20">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((org) => (
              <Fragment key={org.id}>
                <tr className="border-t border-slate-100 align-top">
                  <td className="py-2 pr-2 font-medium break-words">
                    <Link href={`/admin/organizations/${org.id}`} className="text-indigo-700 underline">
                      {org.name}
                    </Link>
                    <span className="block font-mono text-xs font-normal break-all text-slate-600 sm:hidden">{org.slug}</span>
                    <span className="block text-xs font-normal text-slate-600 sm:hidden">
                      {org.approvalMode} approval · {org.memberCount} {org.memberCount === 1 ? "member" : "members"}
                    </span>
                  </td>
                  <td className="hidden py-2 pr-2 font-mono break-all sm:table-cell">{org.slug}</td>
                  <td className="py-2 pr-2 break-words">{org.planName}</td>
                  <td className="hidden py-2 pr-2 capitalize sm:table-cell">{org.approvalMode}</td>
                  <td className="py-2 pr-2 text-right whitespace-nowrap">
                    {org.activeLinks} / {org.linkQuota}
                  </td>
                  <td className="hidden py-2 pr-2 text-right sm:table-cell">{org.memberCount}</td>
                  <td className="py-1 text-right">
                    <Button variant="secondary" onClick={() => setEditing(org.id)} aria-label={`Edit ${org.name}`}>
                      Edit
                    </Button>
                  </td>
                </tr>
                {editing === org.id ? (
                  <tr>
                    <td colSpan={7} className="pb-3">
                      <OrganizationForm organization={org} onDone={() => setEditing(null)} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      <PageButtons pages={pages} nextCursor={nextCursor} />
    </div>
  );
}
