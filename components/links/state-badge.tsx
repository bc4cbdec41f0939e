import type { LinkState } from "@/lib/links/state-machine";

const STYLE: Record<LinkState, { label: string; className: string }> = {
  verifying: { label: "Verifying", className: "bg-sky-100 text-sky-800" },
  verification_failed: { label: "Needs your attention", className: "bg-amber-100 text-amber-900" },
  pending_approval: { label: "Waiting for approval", className: "bg-violet-100 text-violet-800" },
  provisioning: { label: "Provisioning", className: "bg-sky-100 text-sky-800" },
  pending_acceptance: { label: "Accept in your account", className: "bg-amber-100 text-amber-900" },
  available: { label: "Available", className: "bg-emerald-100 text-emerald-800" },
  rejected: { label: "Rejected", className: "bg-red-100 text-red-800" },
  disconnected: { label: "Disconnected", className: "bg-red-100 text-red-800" },
  failed: { label: "Failed", className: "bg-red-100 text-red-800" },
  expired: { label: "Expired", className: "bg-slate-200 text-slate-700" },
  deleting: { label: "Deleting", className: "bg-slate-200 text-slate-700" },
  deleted: { label: "Deleted", className: "bg-slate-100 text-slate-700" },
  denied: { label: "Denied", className: "bg-red-100 text-red-800" },
};

export function StateBadge({ state }: { state: LinkState }) {
  const { label, className } = STYLE[state];
  return (
    <span data-state={state} className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium ${className}`}>
      {label}
    </span>
  );
}

/** What the customer should do next, in one sentence per state. */
export const NEXT_STEP: Record<LinkState, string> = {
  verifying: "We are checking your endpoint service as your organization's principal.",
  verification_failed: "Fix what the failed check names, then verify again.",
  pending_approval: "Our team reviews new links for your organization; you will see the result here.",
  provisioning: "We are creating the interface endpoint in our VPC.",
  pending_acceptance: "Accept the connection request in your AWS account (VPC console → Endpoint services → Endpoint connections).",
  available: "Connected. Point your clients at the DNS names below.",
  rejected: "The request was rejected in your account. Delete this link, or register it again and accept the request.",
  disconnected: "The connection was revoked in your account. Delete this link, or register it again.",
  failed: "Something went wrong on our side or in AWS; the error says what. Our team can retry it.",
  expired: "Nobody accepted the request in time. Delete this link and register it again.",
  deleting: "We are deleting the endpoint.",
  deleted: "This link is deleted.",
  denied: "Our team denied this link; the reason is below.",
};
