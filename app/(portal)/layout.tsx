import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { PortalNav } from "@/components/portal/portal-nav";
import { VerifyEmailBanner } from "@/components/portal/verify-email-banner";
import { AppHeader } from "@/components/ui/app-header";
import { Card } from "@/components/ui/card";
import { pagePortal } from "@/lib/auth/page-guards";
import { appEngine } from "@/lib/engine";
import { builtInSandbox } from "@/lib/sandbox-console/detect";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const { user, memberships, active: membership } = await pagePortal();
  if (!membership) {
    if (user.role === "admin") redirect("/admin");
    return (
      <main className="mx-auto max-w-xl p-8">
        <Card title="No organization">You are not a member of any organization. Ask an owner of your organization to invite you.</Card>
      </main>
    );
  }
  return (
    <>
      <AppHeader
        email={user.email}
        context={membership.organization.name}
        isAdmin={user.role === "admin"}
        organizations={{ activeId: membership.organization.id, all: memberships.map(({ organization: { id, name } }) => ({ id, name })) }}
      />
      {user.emailVerifiedAt || user.isVerificationExempt ? null : <VerifyEmailBanner email={user.email} />}
      <PortalNav sandbox={(await builtInSandbox(appEngine())) !== null} />
      <main className="mx-auto max-w-5xl space-y-6 px-4 py-6 sm:py-8">{children}</main>
    </>
  );
}
