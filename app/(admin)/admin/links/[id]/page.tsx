import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminLinkDetail } from "@/components/admin/admin-link-detail";
import { pageAdmin } from "@/lib/auth/page-guards";
import { uuidSchema } from "@/lib/validation";

export const metadata: Metadata = { title: "Link · Admin console" };

export default async function AdminLinkPage({ params }: { params: Promise<{ id: string }> }) {
  await pageAdmin();
  const { id } = await params;
  if (!uuidSchema.safeParse(id).success) notFound();
  return <AdminLinkDetail id={id} />;
}
