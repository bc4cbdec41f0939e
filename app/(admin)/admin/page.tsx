import type { Metadata } from "next";
import { AdminLinks } from "@/components/admin/admin-links";
import { AdminOrganizations } from "@/components/admin/admin-organizations";
import { Card } from "@/components/ui/card";
import { pageAdmin } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Admin console" };

/** The vendor admin's console: a client of /api/v1 like the portal. */
export default async function AdminHome() {
  await pageAdmin();
  return (
    <>
      <h1 className="text-2xl font-bold">Admin console</h1>
      <Card title="Links">
        <AdminLinks />
      </Card>
      <Card title="Organizations">
        <AdminOrganizations />
      </Card>
    </>
  );
}
