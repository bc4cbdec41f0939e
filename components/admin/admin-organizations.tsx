"use client";

import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { PageButtons, useCursorPages } from "@/components/ui/cursor-pages";
import { useOrganizations } from "./use-organizations";

/** Every organization, oldest first, fifty a page. */
export function AdminOrganizations() {
  const pages = useCursorPages();
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
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th className="py-2">Name</th>
              <th>Identifier</th>
              <th>Plan</th>
              <th>Approval</th>
              <th className="text-right">Members</th>
            </tr>
          </thead>
          <tbody>
            {data.map((org) => (
              <tr key={org.id} className="border-t border-slate-100">
                <td className="py-2 font-medium">{org.name}</td>
                <td className="font-mono">{org.slug}</td>
                <td className="capitalize">{org.plan}</td>
                <td className="capitalize">{org.approvalMode}</td>
                <td className="text-right">{org.memberCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PageButtons pages={pages} nextCursor={nextCursor} />
    </div>
  );
}
