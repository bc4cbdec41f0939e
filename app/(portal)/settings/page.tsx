import type { Metadata } from "next";
import { AwsAccounts } from "@/components/orgs/aws-accounts";
import { ApiKeysSection } from "@/components/settings/api-keys-section";
import { MembersSection } from "@/components/settings/members-section";
import { LazyAccountSection, LazyNotificationsSection, LazySecuritySection, LazySsoSection, LazyWebhooksSection } from "@/components/settings/lazy-sections";
import { readAccountSettings } from "@/lib/auth/account";
import { pageSession } from "@/lib/auth/page-guards";
import { appEngine } from "@/lib/engine";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Organization settings" };

const SECTIONS = [
  ["members", "Members"],
  ["api-keys", "API keys"],
  ["webhooks", "Webhooks"],
  ["aws-accounts", "AWS accounts"],
  ["sso", "Single sign-on"],
  ["notifications", "Email notifications"],
  ["account", "Your account"],
  ["security", "Security"],
] as const;

/** The organization's members, API keys, webhooks and AWS accounts (owners see the controls; the API decides anyway), and your own account. */
export default async function SettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { sso: outcome } = await searchParams;
  const { user, active: membership } = await pageSession();
  const env = getEnv();
  const isOwner = membership?.role === "owner";
  const account = await readAccountSettings(appEngine().db, user.id);
  return (
    <>
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Organization settings</h1>
        <p className="text-sm text-slate-600">
          {membership?.organization.name} · you are {isOwner ? "an owner" : "a member"}
        </p>
        <nav aria-label="Settings sections" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {SECTIONS.map(([id, label]) => (
            <a key={id} href={`#${id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
              {label}
            </a>
          ))}
        </nav>
      </div>
      <div id="members" className="scroll-mt-4">
        <MembersSection isOwner={isOwner} />
      </div>
      <div id="api-keys" className="scroll-mt-4">
        <ApiKeysSection isOwner={isOwner} />
      </div>
      <div id="webhooks" className="scroll-mt-4">
        <LazyWebhooksSection isOwner={isOwner} />
      </div>
      <div id="aws-accounts" className="scroll-mt-4">
        <AwsAccounts />
      </div>
      <div id="sso" className="scroll-mt-4">
        <LazySsoSection isOwner={isOwner} />
      </div>
      <div id="notifications" className="scroll-mt-4">
        <LazyNotificationsSection audiences={user.role === "admin" ? ["members", "admins"] : ["members"]} />
      </div>
      <div id="account" className="scroll-mt-4">
        <LazyAccountSection
          email={user.email}
          hasPassword={account.hasPassword}
          sso={env.OIDC_ISSUER ? { name: env.OIDC_NAME, isLinked: account.hasSso, outcome: typeof outcome === "string" ? outcome : null } : null}
        />
      </div>
      <div id="security" className="scroll-mt-4">
        <LazySecuritySection
          organization={isOwner && membership ? { name: membership.organization.name, requireMfa: membership.organization.requireMfa } : null}
        />
      </div>
    </>
  );
}
