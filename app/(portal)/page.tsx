import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AppHeader } from "@/components/ui/app-header";
import { Card } from "@/components/ui/card";
import { pageSession } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Overview" };

const APPROVAL = { automatic: "approved automatically", manual: "reviewed by our team before provisioning" } as const;

export default async function PortalHome() {
  const { user, memberships } = await pageSession();
  const membership = memberships[0];
  if (!membership) {
    if (user.role === "admin") redirect("/admin");
    return (
      <main className="mx-auto max-w-xl p-8">
        <Card title="No organization">You are not a member of any organization. Ask an owner of your organization to invite you.</Card>
      </main>
    );
  }
  const { organization } = membership;
  return (
    <>
      <AppHeader email={user.email} context={organization.name} isAdmin={user.role === "admin"} />
      <main className="mx-auto max-w-5xl space-y-6 px-4 py-8">
        <h1 className="text-2xl font-bold">{organization.name}</h1>
        <Card title="Organization">
          <dl className="grid grid-cols-1 gap-4 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-500">Identifier</dt>
              <dd className="font-mono">{organization.slug}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Plan</dt>
              <dd className="capitalize">{organization.plan}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Your role</dt>
              <dd className="capitalize">{membership.role}</dd>
            </div>
          </dl>
          <p className="mt-4 text-sm text-slate-600">New private links are {APPROVAL[organization.approvalMode as keyof typeof APPROVAL]}.</p>
        </Card>
        <Card title="Private links">
          <div className="py-6 text-center">
            <p className="font-medium">No private links yet</p>
            <p className="mt-1 text-sm text-slate-600">
              A private link connects an endpoint service in your AWS account to us over AWS PrivateLink, without the public internet.
            </p>
          </div>
        </Card>
      </main>
    </>
  );
}
