import type { Metadata } from "next";
import { Orphans } from "@/components/admin/orphans";
import { pageAdmin } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Orphaned endpoints · Admin console" };

export default async function OrphansPage() {
  await pageAdmin();
  return (
    <>
      <h1 className="text-2xl font-bold">Orphaned endpoints</h1>
      <p className="text-sm text-slate-600">
        Endpoints in our AWS account with our tags that no live link claims: after a database restored from an older backup, or made by hand. Each bills per
        zone and hour until it is deleted. A link of the same organization and service that needs an endpoint adopts one; the rest are deleted when their grace
        ends, or now with Delete now.
      </p>
      <Orphans />
    </>
  );
}
