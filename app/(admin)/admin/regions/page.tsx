import type { Metadata } from "next";
import { AdminRegions } from "@/components/admin/admin-regions";
import { pageAdmin } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Regions · Admin console" };

/** The vendor's regions and their network, checked against AWS at every save. */
export default async function RegionsPage() {
  await pageAdmin();
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold">Regions</h1>
        <p className="mt-1 text-sm text-slate-600">
          Where customers may connect: the VPC endpoints are made in, one subnet per Availability Zone, the security groups put on endpoints, and the CIDRs and
          ports customers are shown. Every save is checked against AWS; nothing is saved when an id does not exist or does not belong to the VPC.
        </p>
      </div>
      <AdminRegions />
    </>
  );
}
