import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/ui/app-header";
import { Card } from "@/components/ui/card";
import { pageSession } from "@/lib/auth/page-guards";
import { appEngine } from "@/lib/engine";
import { builtInSandbox } from "@/lib/sandbox-console/detect";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const { user, memberships, active: membership } = await pageSession();
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
      <nav className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap gap-x-6 px-4 text-sm">
          <Link href="/" className="py-2 font-medium text-slate-700 hover:text-indigo-700">
            Links
          </Link>
          <Link href="/setup" className="py-2 font-medium text-slate-700 hover:text-indigo-700">
            Setup
          </Link>
          <Link href="/links/new" className="py-2 font-medium text-slate-700 hover:text-indigo-700">
            Register a link
          </Link>
          <Link href="/settings" className="py-2 font-medium text-slate-700 hover:text-indigo-700">
            Settings
          </Link>
          {(await builtInSandbox(appEngine())) ? (
            <Link href="/sandbox" className="py-2 font-medium text-amber-800 hover:text-indigo-700">
              Sandbox
            </Link>
          ) : null}
        </div>
      </nav>
      <main className="mx-auto max-w-5xl space-y-6 px-4 py-6 sm:py-8">{children}</main>
    </>
  );
}
