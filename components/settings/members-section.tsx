"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { messageOf } from "@/components/api/client";
import { validate } from "@/components/ui/field-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import type { CreatedInvitation, Member } from "@/lib/api-client/client";
import { createInvitationInputSchema, INVITATION_TTL_DAYS } from "@/lib/orgs/member-schemas";
import { formatTime, ListStates, ShownOnce } from "./section-states";
import { useChangeMemberRole, useCreateInvitation, useInvitations, useMembers, useRemoveMember, useRevokeInvitation } from "./use-settings";

/** Members and invitations. Owners see the controls; the API refuses the rest anyway. */
export function MembersSection({ isOwner }: { isOwner: boolean }) {
  const members = useMembers();
  return (
    <Card title="Members">
      <div className="space-y-6 text-sm">
        <ListStates query={members} what="members" empty="No members.">
          {(list) => <MemberList members={list} isOwner={isOwner} />}
        </ListStates>
        {isOwner ? <Invitations /> : <p className="text-slate-600">Ask an owner of your organization to invite someone.</p>}
      </div>
    </Card>
  );
}

function MemberList({ members, isOwner }: { members: Member[]; isOwner: boolean }) {
  const router = useRouter();
  const changeRole = useChangeMemberRole();
  const remove = useRemoveMember();
  const { confirm, dialog } = useConfirm();
  const error = changeRole.error ?? remove.error;
  // The API refuses to leave an organization without an owner (409): say so before anyone tries.
  const isSoleOwner = (member: Member) => member.role === "owner" && members.filter((m) => m.role === "owner").length === 1;
  return (
    <>
      {dialog}
      {error ? <Alert>{messageOf(error)}</Alert> : null}
      <ul className="divide-y divide-slate-100" aria-label="Members">
        {members.map((member) => {
          const blocked = isSoleOwner(member);
          const reasonId = `sole-owner-${member.id}`;
          return (
            <li key={member.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div className="min-w-0">
                <p className="break-all font-medium text-slate-900">
                  {member.name ?? member.email}
                  {member.isYou ? <span className="ml-1 font-normal text-slate-600">(you)</span> : null}
                </p>
                {member.name ? <p className="break-all text-slate-600">{member.email}</p> : null}
              </div>
              <div className="flex flex-wrap items-center gap-2">
                <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700">
                  {member.role === "owner" ? "Owner" : "Member"}
                </span>
                {isOwner ? (
                  <Button
                    variant="secondary"
                    isLoading={changeRole.isPending && changeRole.variables?.id === member.id}
                    disabled={blocked}
                    aria-describedby={blocked ? reasonId : undefined}
                    onClick={() => changeRole.mutate({ id: member.id, role: member.role === "owner" ? "member" : "owner" })}
                    aria-label={`${member.role === "owner" ? "Make member" : "Make owner"}: ${member.email}`}
                  >
                    {member.role === "owner" ? "Make member" : "Make owner"}
                  </Button>
                ) : null}
                {isOwner || member.isYou ? (
                  <Button
                    variant="secondary"
                    isLoading={remove.isPending && remove.variables === member.id}
                    disabled={blocked}
                    aria-describedby={blocked ? reasonId : undefined}
                    onClick={async () => {
                      const isSure = await confirm(
                        member.isYou
                          ? {
                              title: "Leave the organization?",
                              body: "You lose access to its links and settings, and the API keys you made for it are revoked.",
                              confirmLabel: "Leave organization",
                            }
                          : {
                              title: `Remove ${member.email} from the organization?`,
                              body: "They lose access at once, and the API keys they made for it are revoked.",
                              confirmLabel: "Remove member",
                            },
                      );
                      if (!isSure) return;
                      // Once you have left, nothing here is yours to see: back to the start.
                      remove.mutate(member.id, {
                        onSuccess: () => {
                          if (!member.isYou) return;
                          router.push("/");
                          router.refresh();
                        },
                      });
                    }}
                    aria-label={member.isYou ? "Leave the organization" : `Remove ${member.email}`}
                  >
                    {member.isYou ? "Leave" : "Remove"}
                  </Button>
                ) : null}
              </div>
              {blocked && (isOwner || member.isYou) ? (
                <p id={reasonId} className="w-full text-xs text-slate-600">
                  {member.isYou ? "You are" : `${member.name ?? member.email} is`} the only owner: make another member an owner before{" "}
                  {member.isYou ? "you step down or leave" : "stepping them down"}.
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function Invitations() {
  const invitations = useInvitations();
  const revoke = useRevokeInvitation();
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  return (
    <div className="space-y-4 border-t border-slate-100 pt-4">
      <h3 className="text-base font-semibold">Invite someone</h3>
      <InviteForm onCreated={setCreated} />
      {created?.url ? (
        <ShownOnce
          label={`Invitation link for ${created.email}`}
          note={`We emailed the invitation to ${created.email}. You may also send this link yourself: it is shown only now, works once, and expires on ${formatTime(created.expiresAt)}.`}
          value={created.url}
          onDone={() => setCreated(null)}
        />
      ) : null}
      <h3 className="text-base font-semibold">Pending invitations</h3>
      {revoke.error ? <Alert>{messageOf(revoke.error)}</Alert> : null}
      <ListStates query={invitations} what="invitations" empty="No pending invitations.">
        {(list) => (
          <ul className="divide-y divide-slate-100" aria-label="Pending invitations">
            {list.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div className="min-w-0">
                  <p className="break-all font-medium">{invitation.email}</p>
                  <p className="text-slate-600">
                    {invitation.role === "owner" ? "Owner" : "Member"} ·{" "}
                    {invitation.status === "expired" ? (
                      <span className="text-red-700">expired {formatTime(invitation.expiresAt)}</span>
                    ) : (
                      `expires ${formatTime(invitation.expiresAt)}`
                    )}
                  </p>
                </div>
                <Button
                  variant="secondary"
                  isLoading={revoke.isPending && revoke.variables === invitation.id}
                  onClick={() => revoke.mutate(invitation.id)}
                  aria-label={`Revoke the invitation of ${invitation.email}`}
                >
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
      </ListStates>
    </div>
  );
}

function InviteForm({ onCreated }: { onCreated: (invitation: CreatedInvitation) => void }) {
  const create = useCreateInvitation();
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (values) => validate(createInvitationInputSchema, { email: values.get("email"), role: values.get("role") }),
    send: create.mutateAsync,
    onSuccess: (invitation, { form }) => {
      form.reset();
      onCreated(invitation);
    },
  });
  return (
    <form noValidate onSubmit={onSubmit} aria-label="Invite someone" className="space-y-3">
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="off"
        error={errors.email}
        hint={`The link works for ${INVITATION_TTL_DAYS} days, once, for this email only.`}
      />
      <div className="space-y-1">
        <label htmlFor="invite-role" className="block text-sm font-medium text-slate-700">
          Role
        </label>
        <select id="invite-role" name="role" defaultValue="member" className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm sm:max-w-sm">
          <option value="member">Member: sees and manages links</option>
          <option value="owner">Owner: also members, keys and webhooks</option>
        </select>
      </div>
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      <Button type="submit" isLoading={isSending}>
        Create invitation link
      </Button>
    </form>
  );
}
