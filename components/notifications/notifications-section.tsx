"use client";

import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { NOTIFICATION_KIND_INFO, NOTIFICATION_KINDS, type NotificationKind } from "@/lib/notifications/kinds";
import { useNotificationPreferences, useUpdateNotificationPreferences } from "./use-notifications";

type Audience = (typeof NOTIFICATION_KIND_INFO)[NotificationKind]["audience"];

/** Which emails you get: each kind a checkbox, saved as it changes; the kinds of the audiences you are in (members, vendor admins). */
export function NotificationsSection({ audiences }: { audiences: readonly Audience[] }) {
  const preferences = useNotificationPreferences();
  const update = useUpdateNotificationPreferences();
  const kinds = NOTIFICATION_KINDS.filter((kind) => audiences.includes(NOTIFICATION_KIND_INFO[kind].audience));
  const toggle = (kind: NotificationKind, isEnabled: boolean) => update.mutate({ [kind]: isEnabled });
  return (
    <Card title="Email notifications">
      <div className="space-y-3 text-sm">
        <p className="text-slate-600">
          {audiences.includes("members") ? "We email the members of an organization when one of its links needs them or changes. " : ""}
          {audiences.includes("admins") ? "We email vendor admins when links wait for their approval. " : ""}
          Each message also has a link that stops its kind at once.
        </p>
        {preferences.isPending ? <p className="text-slate-600">Loading your choices…</p> : null}
        {preferences.isError ? <Alert>{messageOf(preferences.error)}</Alert> : null}
        {preferences.data ? (
          <fieldset className="space-y-2" disabled={update.isPending}>
            <legend className="sr-only">Email me when</legend>
            {kinds.map((kind) => (
              <label key={kind} className="flex items-start gap-2">
                <input type="checkbox" name={kind} className="mt-1" checked={preferences.data[kind]} onChange={(event) => toggle(kind, event.target.checked)} />
                <span>{NOTIFICATION_KIND_INFO[kind].label}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
        {update.isError ? <Alert>{messageOf(update.error)}</Alert> : null}
        {update.isSuccess ? (
          <p role="status" className="text-emerald-800">
            Saved.
          </p>
        ) : null}
      </div>
    </Card>
  );
}
