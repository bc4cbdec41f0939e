import type { Metadata } from "next";
import { Fleet } from "@/components/admin/fleet";
import { pageAdmin } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Stuck links · Admin console" };

export default async function StuckPage() {
  await pageAdmin();
  return (
    <>
      <h1 className="text-2xl font-bold">Stuck links</h1>
      <p className="text-sm text-slate-600">
        Pending acceptance for over a day, failed, disconnected, failing verification for over a day, or deleting for over an hour. Retry provisioning replaces
        a failed endpoint with a new one.
      </p>
      <Fleet stuck />
    </>
  );
}
