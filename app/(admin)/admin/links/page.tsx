import type { Metadata } from "next";
import { Fleet } from "@/components/admin/fleet";
import { pageAdmin } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Fleet · Admin console" };

export default async function FleetPage() {
  await pageAdmin();
  return (
    <>
      <h1 className="text-2xl font-bold">Fleet</h1>
      <Fleet />
    </>
  );
}
