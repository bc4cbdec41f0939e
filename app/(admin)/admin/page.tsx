import type { Metadata } from "next";
import { ApprovalQueue } from "@/components/admin/approval-queue";
import { pageAdmin } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Approval queue · Admin console" };

/** The console's first page: what waits for a vendor admin. */
export default async function AdminHome() {
  await pageAdmin();
  return (
    <>
      <h1 className="text-2xl font-bold">Approval queue</h1>
      <ApprovalQueue />
    </>
  );
}
