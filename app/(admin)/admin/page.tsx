import type { Metadata } from "next";
import { AdminLinks } from "@/components/admin/admin-links";
import { AdminOrganizations } from "@/components/admin/admin-organizations";
import { AppHeader } from "@/components/ui/app-header";
import { Card } from "@/components/ui/card";
import { pageAdmin } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Admin console" };

/** The vendor admin's console: a client of /api/v1 like the portal. */
export default async function AdminHome() {
  const { user } = await pageAdmin();
  return (
    <>
      <AppHeader email={user.email} context="Vendor admin" isAdmin />
      <main className="mx-auto max-w-5xl space-y-6 px-4 py-8">
        <h1 className="text-2xl font-bold">Admin console</h1>
        <Card title="Links">
          <AdminLinks />
        </Card>
        <Card title="Organizations">
          <AdminOrganizations />
        </Card>
      </main>
    </>
  );
}
