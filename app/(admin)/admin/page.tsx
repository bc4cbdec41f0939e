import type { Metadata } from "next";
import Link from "next/link";
import { AppHeader } from "@/components/ui/app-header";
import { AdminLinks } from "@/components/admin/admin-links";
import { Card } from "@/components/ui/card";
import { pageAdmin } from "@/lib/auth/page-guards";
import { listOrganizations } from "@/lib/orgs/list-organizations";

export const metadata: Metadata = { title: "Admin console" };

export default async function AdminHome({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  const { user } = await pageAdmin();
  const { after } = await searchParams;
  const page = await listOrganizations({ after, limit: 50 });
  return (
    <>
      <AppHeader email={user.email} context="Vendor admin" isAdmin />
      <main className="mx-auto max-w-5xl space-y-6 px-4 py-8">
        <h1 className="text-2xl font-bold">Admin console</h1>
        <Card title="Links">
          <AdminLinks />
        </Card>
        <Card title={`Organizations (${page.total})`}>
          {page.items.length === 0 ? (
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
                {page.items.map((org) => (
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
          {page.nextCursor ? (
            <div className="mt-4 text-right">
              <Link href={`/admin?after=${encodeURIComponent(page.nextCursor)}`} className="text-sm font-medium text-indigo-600 hover:underline">
                Next page →
              </Link>
            </div>
          ) : null}
        </Card>
      </main>
    </>
  );
}
