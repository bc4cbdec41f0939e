import type { Metadata } from "next";
import { ApprovalQueue } from "@/components/admin/approval-queue";
import { UpgradeRequests } from "@/components/admin/upgrade-requests";
import { NotificationsSection } from "@/components/notifications/notifications-section";
import { pageAdmin } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Approval queue · Admin console" };

/** The console's first page: what waits for a vendor admin: links to approve, then plan upgrade requests; and whether we email you about it. */
export default async function AdminHome() {
  await pageAdmin();
  return (
    <>
      <h1 className="text-2xl font-bold">Approval queue</h1>
      <ApprovalQueue />
      <h2 className="pt-4 text-xl font-bold">Plan upgrade requests</h2>
      <UpgradeRequests />
      <div id="notifications" className="scroll-mt-4 pt-4">
        <NotificationsSection audiences={["admins"]} />
      </div>
    </>
  );
}
