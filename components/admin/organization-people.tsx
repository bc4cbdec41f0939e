"use client";

import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import type { AdminOrganization } from "@/lib/api-client/client";
import { timestampOf } from "./format";
import { ScrollBox } from "@/components/ui/scroll-box";

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

/** A small table that scrolls sideways inside itself on a phone; its caption is for screen readers. */
function Table({ caption, empty, head, rows }: { caption: string; empty: string; head: string[]; rows: ReactNode[][] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ScrollBox label={caption}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-slate-600">
          <tr>
            {head.map((label) => (
              <th key={label} scope="col" className="py-2 pr-3 font-medium">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, index) => (
            <tr key={index} className="border-t border-slate-100 align-top">
              {cells.map((cell, column) => (
                <td key={column} className="py-2 pr-3 break-words">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
