"use client";

import Link from "next/link";
import { Fragment, useState } from "react";
import { messageOf } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { PageButtons, useCursorPages } from "@/components/ui/cursor-pages";
import { OrganizationForm } from "./organization-form";
import { useOrganizations } from "./use-organizations";
import { ScrollBox } from "@/components/ui/scroll-box";

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
        <ScrollBox label="Organizations">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="py-2">Name</th>
                <th>Identifier</th>
                <th>Plan</th>
                <th>Approval</th>
                <th className="text-right">Links</th>
                <th className="text-right">Members</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((org) => (
                <Fragment key={org.id}>
                  <tr className="border-t border-slate-100">
                    <td className="py-2 font-medium">
                      <Link href={`/admin/organizations/${org.id}`} className="text-indigo-700 underline">
                        {org.name}
                      </Link>
                    </td>
                    <td className="font-mono">{org.slug}</td>
                    <td>{org.planName}</td>
                    <td className="capitalize">{org.approvalMode}</td>
                    <td className="text-right">
                      {org.activeLinks} / {org.linkQuota}
                    </td>
                    <td className="text-right">{org.memberCount}</td>
                    <td className="text-right">
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
        </ScrollBox>
      )}
      <PageButtons pages={pages} nextCursor={nextCursor} />
    </div>
  );
}
