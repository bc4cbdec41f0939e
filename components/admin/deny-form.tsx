"use client";

import { ApiProblemError, messageOf } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import type { z } from "zod";
import { denyLinkInputSchema } from "@/lib/links/schemas";

/**
 * The reason a denial needs, asked inline: the customer reads it. Checked with the API's own
 * schema (a link's, or `schema` for another `what`) before sending; the server's refusal shows
 * here too.
 */
export function DenyForm({
  id,
  count,
  what = "link",
  schema = denyLinkInputSchema,
  onDeny,
  onCancel,
}: {
  id: string;
  count: number;
  what?: string;
  schema?: z.ZodType<{ reason: string }>;
  onDeny: (reason: string) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (form) => {
      const checked = schema.safeParse({ reason: form.get("reason") });
      return checked.success ? { data: checked.data.reason, errors: null } : { data: null, errors: { reason: checked.error.issues[0]!.message } };
    },
    send: onDeny,
    errorsOf: (e) => ({ reason: e instanceof ApiProblemError ? (e.problem.invalidParams?.[0]?.reason ?? messageOf(e)) : messageOf(e) }),
  });
  const error = errors.reason;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2" aria-label={count > 1 ? `Deny ${count} ${what}s` : `Deny the ${what}`}>
      <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-700">
        Why {count > 1 ? `deny these ${count} ${what}s` : "deny it"}? The customer sees this.
      </label>
      <textarea
        id={`${id}-reason`}
        name="reason"
        rows={2}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-reason-error` : undefined}
        className={`block w-full rounded-md border px-3 py-2 text-sm ${error ? "border-red-500" : "border-slate-300"}`}
      />
      {error ? (
        <p id={`${id}-reason-error`} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" isLoading={isSending}>
          {count > 1 ? `Deny ${count} ${what}s` : "Deny"}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
