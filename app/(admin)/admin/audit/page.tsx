import type { Metadata } from "next";
import { AuditLog } from "@/components/admin/audit-log";
import { pageAdmin } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Audit log · Admin console" };

export default async function AuditPage() {
  await pageAdmin();
  return (
    <>
      <h1 className="text-2xl font-bold">Audit log</h1>
      <AuditLog />
    </>
  );
}
