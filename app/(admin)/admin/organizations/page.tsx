import type { Metadata } from "next";
import { AdminOrganizations } from "@/components/admin/admin-organizations";
import { pageAdmin } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Organizations · Admin console" };

export default async function OrganizationsPage() {
  await pageAdmin();
  return (
    <>
      <h1 className="text-2xl font-bold">Organizations</h1>
      <AdminOrganizations />
    </>
  );
}
