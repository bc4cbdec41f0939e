"use client";

import Link from "next/link";
import { useState } from "react";
import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { AdminOrganization } from "@/lib/api-client/client";
import { OrganizationForm } from "./organization-form";
import { OrganizationLinks } from "./organization-links";
import { OrganizationPeople } from "./organization-people";
import { OrganizationSsoDomains } from "./organization-sso-domains";
import { useOrganization, useRepairPrincipal } from "./use-organizations";

const ROLE_STATE_TEXT: Record<AdminOrganization["principal"]["roleState"], string> = {
  ready: "Ready: the role exists in IAM with the current policy.",
  outdated: "An older policy: brought up to date on the role's next use, or now by repairing it.",
  not_created: "Not made yet: the organization's first Setup view or registration makes it.",
  missing: "Missing from IAM: deleted outside the portal. Its links cannot be verified or provisioned until the role is made again.",
  shared: "Shared mode (PRINCIPAL_MODE=shared): every organization acts as the shared principal; none has a role of its own.",
};

/** One organization: settings (edited here), its AWS principal and role, declared accounts and proofs, members, invitations and links. */
export function AdminOrganizationDetailView({ id }: { id: string }) {
  const detail = useOrganization(id);
  if (detail.isPending)
    return (
      <p role="status" className="text-sm text-slate-600">
        Loading the organization…
      </p>
    );
  if (detail.isError) return <Alert>{messageOf(detail.error)}</Alert>;
  const { organization } = detail.data;
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm">
          <Link href="/admin/organizations" className="text-indigo-700 underline">
            Organizations
          </Link>
        </p>
        <h1 className="text-2xl font-bold break-words">{organization.name}</h1>
        <p className="font-mono text-sm break-all text-slate-600">{organization.slug}</p>
      </div>
      <Settings detail={detail.data} />
      <Principal detail={detail.data} />
      <OrganizationPeople detail={detail.data} />
      <OrganizationSsoDomains organizationId={organization.id} />
      <OrganizationLinks organizationId={organization.id} />
    </div>
  );
}

function Settings({ detail: { organization } }: { detail: AdminOrganization }) {
  const [isEditing, setEditing] = useState(false);
  const facts: [string, string][] = [
    ["Plan", organization.planName],
    ["Approval", organization.approvalMode],
    [
      "Links",
      `${organization.activeLinks} of ${organization.linkQuota} allowed${organization.linkQuotaOverride === null ? " (the plan's quota)" : " (its own quota)"}`,
    ],
    ["Members", String(organization.memberCount)],
    ["Created", organization.createdAt.slice(0, 10)],
  ];
  return (
    <Card title="Settings">
      {isEditing ? (
        <OrganizationForm organization={organization} onDone={() => setEditing(false)} />
      ) : (
        <div className="space-y-3">
          <FactList facts={facts} />
          <Button variant="secondary" onClick={() => setEditing(true)}>
            Edit settings
          </Button>
        </div>
      )}
    </Card>
  );
}

function Principal({ detail: { organization, principal } }: { detail: AdminOrganization }) {
  const repair = useRepairPrincipal(organization.id);
  const isWrong = principal.roleState !== "ready" && principal.roleState !== "shared";
  return (
    <Card title="AWS principal">
      <div className="space-y-3 text-sm">
        <FactList
          facts={[
            ["Mode", principal.mode === "shared" ? "shared (one ARN for every organization)" : "per organization (its own IAM role)"],
            ["ARN to allowlist", principal.arn || "—"],
            ["Role", principal.roleState.replace("_", " ")],
            ["Policy version", principal.mode === "shared" ? "—" : `${principal.policyVersion} (current ${principal.currentPolicyVersion})`],
          ]}
        />
        <p className={isWrong ? "font-medium text-red-700" : "text-slate-700"} data-role-state={principal.roleState}>
          {ROLE_STATE_TEXT[principal.roleState]}
        </p>
        {principal.checkError ? (
          <p className="text-amber-800">IAM could not be asked just now ({principal.checkError}); this rests on what the database recorded.</p>
        ) : null}
        {principal.mode === "per_organization" ? (
          <div className="space-y-2">
            <Button variant={isWrong ? "primary" : "secondary"} isLoading={repair.isPending} onClick={() => repair.mutate()}>
              Repair the role
            </Button>
            <p className="text-slate-600">Creates the role if IAM lost it and puts the current policy on it. Audited.</p>
            {repair.isError ? <Alert>{messageOf(repair.error)}</Alert> : null}
            {repair.isSuccess ? <p role="status">The role is {repair.data.principal.roleState.replace("_", " ")}.</p> : null}
          </div>
        ) : null}
      </div>
    </Card>
  );
}

/** Label and value pairs, stacked on a phone and side by side from sm up. */
export function FactList({ facts }: { facts: [string, string][] }) {
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
      {facts.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-600">{label}</dt>
          <dd className="break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
