"use client";

import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import type { AdminOrganization } from "@/lib/api-client/client";
import { timestampOf } from "./format";
import { DataTable } from "./data-table";

/** The AWS accounts an organization declared with their ownership proof, its members and its open invitations: read-only tables. */
export function OrganizationPeople({ detail }: { detail: AdminOrganization }) {
  const { awsAccounts, members, openInvitations, openInvitationCount, organization } = detail;
  return (
    <>
      <Card title="Declared AWS accounts">
        <Table
          caption="AWS accounts the organization declared, and whether AWS proved they are its own"
          empty="No AWS account declared. Verification then accepts only services allowlisting the organization's own role."
          head={["Account", "Proof", "Proved", "Last checked", "Last error"]}
          rows={awsAccounts.map((account) => [
            <span key="id" className="font-mono">
              {account.accountId}
            </span>,
            <span key="proof" className={account.proof === "proved" ? "text-emerald-800" : "text-amber-800"}>
              {account.proof}
            </span>,
            account.provedAt ? timestampOf(account.provedAt) : "—",
            account.lastCheckedAt ? timestampOf(account.lastCheckedAt) : "never",
            account.lastError ?? "—",
          ])}
        />
      </Card>
      <Card title={`Members (${organization.memberCount})`}>
        <Table
          caption="Members, in the order they joined"
          empty="No members."
          head={["Email", "Name", "Role", "Joined"]}
          rows={members.map((member) => [member.email, member.name ?? "—", member.role, timestampOf(member.joinedAt)])}
        />
        {members.length < organization.memberCount ? (
          <p className="mt-2 text-sm text-slate-600">
            The first {members.length} of {organization.memberCount} members.
          </p>
        ) : null}
      </Card>
      <Card title={`Open invitations (${openInvitationCount})`}>
        <Table
          caption="Invitations not yet used, revoked or expired, newest first"
          empty="No open invitations."
          head={["Email", "Role", "Sent", "Expires"]}
          rows={openInvitations.map((invitation) => [invitation.email, invitation.role, timestampOf(invitation.createdAt), timestampOf(invitation.expiresAt)])}
        />
      </Card>
    </>
  );
}

/** A table of the organization's rows, or what it means that there are none. */
function Table({ empty, ...table }: { caption: string; empty: string; head: string[]; rows: ReactNode[][] }) {
  return table.rows.length === 0 ? <p className="text-sm text-slate-600">{empty}</p> : <DataTable {...table} />;
}
