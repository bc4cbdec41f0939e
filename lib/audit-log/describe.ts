/**
 * An audit entry in words: what happened as a sentence ("approved link billing-db"), and its metadata as before/after rows
 * and plain details, for the admin page, the CSV and the API alike. Pure: no database, safe in the browser.
 */

export type DescribedEntry = {
  action: string;
  target: { type: string | null; id: string | null; name: string | null };
  metadata: Record<string, unknown>;
};

export type AuditChange = { field: string; before: string; after: string };
export type AuditDetail = { field: string; value: string };

type Sentence = (entry: DescribedEntry, target: string) => string;

// One sentence per action the code writes (tests/unit/audit-log/describe.test.ts finds them all in lib/); `target` is the
// target's name when known, else what the metadata says, else a short id.
const SENTENCES: Record<string, Sentence> = {
  "api_key.create": (_, t) => `created API key ${t}`,
  "api_key.revoke": (_, t) => `revoked API key ${t}`,
  "aws_account.declare": (e) => `declared AWS account ${text(e.metadata.accountId)}`,
  "aws_account.verify": (e) => `proved ownership of AWS account ${text(e.metadata.accountId)}`,
  "aws_account.remove": (e) => `removed AWS account ${text(e.metadata.accountId)}`,
  "invitation.create": (e) => `invited ${text(e.metadata.email)} as ${text(e.metadata.role)}`,
  "invitation.revoke": (e) => `revoked the invitation of ${text(e.metadata.email)}`,
  "invitation.accept": (e) => `accepted an invitation${e.metadata.role ? ` as ${text(e.metadata.role)}` : ""}`,
  "link.register": (_, t) => `registered link ${t}`,
  "link.approve": (_, t) => `approved link ${t}`,
  "link.deny": (e, t) => `denied link ${t}${e.metadata.reason ? `: ${text(e.metadata.reason)}` : ""}`,
  "link.verify": (_, t) => `asked to verify link ${t} again`,
  "link.retry": (_, t) => `retried link ${t}`,
  "link.reconnect": (_, t) => `reconnected link ${t}`,
  "link.release": (_, t) => `released the endpoint of link ${t}`,
  "link.delete": (_, t) => `deleted link ${t}`,
  "link.probe": (_, t) => `asked for a connectivity check of link ${t}`,
  "link.reconcile": (_, t) => `asked to reconcile link ${t} with AWS now`,
  "orphan.adopt": (e, t) => `gave the orphaned endpoint ${text(e.metadata.endpointId)} to link ${t}`,
  "orphan.delete": (_, t) => `asked to delete the orphaned endpoint ${t} now`,
  "orphan.deleted": (_, t) => `deleted the orphaned endpoint ${t} from AWS`,
  "member.change_role": (e) => `made ${text(e.metadata.email)} ${article(text(e.metadata.to))}`,
  "member.leave": () => "left the organization",
  "member.remove": (e) => `removed ${text(e.metadata.email)} from the organization`,
  "member.sso_join": (e) => `joined the organization through single sign-on${e.metadata.domain ? ` (${text(e.metadata.domain)})` : ""}`,
  "organization.update": () => "changed the organization's settings",
  "organization.require_mfa": (e) => (e.metadata.after ? "required two-factor sign-in for every member" : "stopped requiring two-factor sign-in"),
  "organization.repair_principal": () => "repaired the organization's AWS role",
  "plan.create": (_, t) => `created plan ${t}`,
  "plan.update": (_, t) => `changed plan ${t}`,
  "region.create": (_, t) => `added region ${t}`,
  "region.update": (_, t) => `changed region ${t}`,
  "region.remove": (_, t) => `removed region ${t}`,
  "sso.create": () => "set up single sign-on",
  "sso.update": () => "changed single sign-on",
  "sso.delete": () => "removed single sign-on",
  "sso_domain.claim": (e) => `claimed the domain ${text(e.metadata.domain)} for single sign-on`,
  "sso_domain.verify": (e) => `verified the domain ${text(e.metadata.domain)}${e.metadata.by === "admin" ? " (by a vendor admin)" : ""}`,
  "sso_domain.remove": (e) => `gave up the domain ${text(e.metadata.domain)}`,
  "upgrade_request.create": (e) => `asked to move from ${text(e.metadata.currentPlan)} to ${text(e.metadata.requestedPlan)}`,
  "upgrade_request.approve": (e) => `approved the move to ${text(e.metadata.requestedPlan)}`,
  "upgrade_request.deny": (e) => `denied the move to ${text(e.metadata.requestedPlan)}${e.metadata.reason ? `: ${text(e.metadata.reason)}` : ""}`,
  "user.sign_up": () => "signed up",
  "user.sign_up_existing_address": () => "tried to sign up with an address that already has an account",
  "user.sign_in": (e) => `signed in${e.metadata.via ? ` with ${text(e.metadata.via)}` : ""}`,
  "user.sign_out_everywhere": () => "signed out of every browser",
  "user.session_end": (e) => (e.metadata.current ? "signed out" : "signed out another browser"),
  "user.email_verified": () => "verified their email address",
  "user.password_change": () => "changed their password",
  "user.password_reset_requested": (_, t) => `sent a password reset to ${t}`,
  "user.password_reset": () => "reset their password",
  "user.sso_sign_up": () => "signed up through single sign-on",
  "user.sso_linked": () => "linked a single sign-on identity",
  "user.unproved_password_cleared": () => "lost an unproved password on first single sign-on",
  "user.mfa_totp_enrolled": () => "turned on an authenticator app",
  "user.mfa_totp_removed": () => "turned off their authenticator app",
  "user.mfa_passkey_added": () => "added a passkey",
  "user.mfa_passkey_removed": () => "removed a passkey",
  "user.mfa_recovery_codes_regenerated": () => "made new recovery codes",
  "webhook.create": (_, t) => `added webhook ${t}`,
  "webhook.delete": (_, t) => `deleted webhook ${t}`,
  "webhook.enable": (_, t) => `turned webhook ${t} back on`,
  "webhook.test": (_, t) => `sent a test event to webhook ${t}`,
  "webhook_delivery.retry": () => "retried a webhook delivery",
};

export const DESCRIBED_ACTIONS: readonly string[] = Object.keys(SENTENCES);

/** "approved link billing-db"; an action without a sentence reads from its own words ("reconnect link billing-db"). */
export function summaryOf(entry: DescribedEntry): string {
  const target = targetOf(entry);
  const sentence = SENTENCES[entry.action];
  if (sentence) return sentence(entry, target);
  const [subject = "", verb = ""] = entry.action.split(".");
  return [words(verb || subject), verb ? words(subject) : "", entry.target.id ? target : ""].filter(Boolean).join(" ");
}

/** Who, in a word or two: a person's name (else their email), an API key's name, or the system; one no longer known by its id. */
export function actorLabelOf(actor: { type: "user" | "api_key" | "system"; id: string | null; name: string | null; email: string | null }): string {
  if (actor.type === "system") return "System";
  if (actor.type === "api_key") return actor.name ? `API key ${actor.name}` : `An API key no longer known (${shortId(actor.id)})`;
  return actor.name ?? actor.email ?? `A user no longer known (${shortId(actor.id)})`;
}

function shortId(id: string | null): string {
  return id ? id.slice(0, 8) : "no id";
}

function targetOf({ target, metadata }: DescribedEntry): string {
  const named = target.name ?? [metadata.email, metadata.url, metadata.domain].find((v) => typeof v === "string");
  if (typeof named === "string") return named;
  if (!target.id) return "";
  return target.type === "plan" || target.type === "region" ? target.id : shortId(target.id);
}

/**
 * The metadata as people read it: `before`/`after` (objects or single values) and `from`/`to` become rows of what changed,
 * everything else plain field/value pairs. Unchanged fields of a before/after pair are left out.
 */
export function changesOf(metadata: Record<string, unknown>): { changes: AuditChange[]; details: AuditDetail[] } {
  const changes: AuditChange[] = [];
  const rest = { ...metadata };
  if ("before" in rest || "after" in rest) {
    changes.push(...pairs(rest.before, rest.after));
    delete rest.before;
    delete rest.after;
  }
  if ("from" in rest && "to" in rest) {
    changes.push({ field: "Role", before: text(rest.from), after: text(rest.to) });
    delete rest.from;
    delete rest.to;
  }
  if ("currentPlan" in rest && "requestedPlan" in rest) {
    changes.push({ field: "Plan", before: text(rest.currentPlan), after: text(rest.requestedPlan) });
    delete rest.currentPlan;
    delete rest.requestedPlan;
  }
  const details = Object.entries(rest)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) => ({ field: labelOf(field), value: text(value) }));
  return { changes, details };
}

function pairs(before: unknown, after: unknown): AuditChange[] {
  if (!isRecord(before) && !isRecord(after)) return [{ field: "Value", before: text(before), after: text(after) }];
  const was = isRecord(before) ? before : {};
  const is = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(was), ...Object.keys(is)])];
  return fields
    .filter((field) => JSON.stringify(was[field]) !== JSON.stringify(is[field]))
    .map((field) => ({ field: labelOf(field), before: field in was ? text(was[field]) : "—", after: field in is ? text(is[field]) : "—" }));
}

/** "linkQuota" -> "Link quota", "ended_sessions" -> "Ended sessions". */
export function labelOf(field: string): string {
  const spaced = field
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** A value as a cell: none, yes/no, lists joined, objects as field: value pairs. */
export function text(value: unknown): string {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length ? value.map(text).join(", ") : "none";
  if (isRecord(value))
    return (
      Object.entries(value)
        .map(([k, v]) => `${labelOf(k)}: ${text(v)}`)
        .join("; ") || "none"
    );
  return String(value);
}

function words(identifier: string): string {
  return identifier.replace(/_/g, " ");
}

function article(role: string): string {
  return /^[aeiou]/i.test(role) ? `an ${role}` : `a ${role}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
