import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminOrganizationDetailView } from "@/components/admin/admin-organization-detail";
import { pageAdmin } from "@/lib/auth/page-guards";
import { uuidSchema } from "@/lib/validation";

export const metadata: Metadata = { title: "Organization · Admin console" };

export default async function AdminOrganizationPage({ params }: { params: Promise<{ id: string }> }) {
  await pageAdmin();
  const { id } = await params;
  if (!uuidSchema.safeParse(id).success) notFound();
  return <AdminOrganizationDetailView id={id} />;
}
