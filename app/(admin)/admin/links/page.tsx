import type { Metadata } from "next";
import { Fleet } from "@/components/admin/fleet";
import { fleetFiltersOf } from "@/components/admin/fleet-filters";
import { pageAdmin } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Fleet · Admin console" };

export default async function FleetPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await pageAdmin();
  return (
    <>
      <h1 className="text-2xl font-bold">Fleet</h1>
      <Fleet initialFilters={fleetFiltersOf(await searchParams)} />
    </>
  );
}
