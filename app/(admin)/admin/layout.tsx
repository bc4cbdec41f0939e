import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { AppHeader } from "@/components/ui/app-header";
import { pageAdmin } from "@/lib/auth/page-guards";

/** The console's frame; every page below checks the admin role itself too (a customer gets 404). */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { user } = await pageAdmin();
  return (
    <>
      <AppHeader email={user.email} context="Vendor admin" isAdmin />
      <AdminNav />
      <main className="mx-auto max-w-5xl space-y-6 px-4 py-8">{children}</main>
    </>
  );
}
