import { KIND_DISPLAY } from "@/lib/links/kind-display";
import type { LinkKind } from "@/lib/links/schemas";
import { STATE_DISPLAY, type StateTone } from "@/lib/links/state-display";
import type { LinkState } from "@/lib/links/state-machine";

const TONE_CLASS: Record<StateTone, string> = {
  progress: "bg-sky-100 text-sky-800",
  attention: "bg-amber-100 text-amber-900",
  review: "bg-violet-100 text-violet-800",
  success: "bg-emerald-100 text-emerald-800",
  danger: "bg-red-100 text-red-800",
  neutral: "bg-slate-200 text-slate-700",
  faded: "bg-slate-100 text-slate-700",
};

export function StateBadge({ state }: { state: LinkState }) {
  const { label, tone } = STATE_DISPLAY[state];
  return (
    <span data-state={state} className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium ${TONE_CLASS[tone]}`}>
      {label}
    </span>
  );
}

/** Beside an `available` link whose last connectivity probe failed somewhere: the link is up in AWS, bytes are not flowing. */
export function DegradedBadge() {
  return (
    <span
      data-testid="degraded-badge"
      title="Its last connectivity test failed"
      className="inline-flex rounded-full bg-red-100 px-2.5 py-0.5 text-xs font-medium text-red-800"
    >
      Degraded
    </span>
  );
}

/** What the link connects to: an endpoint service (behind a load balancer) or a resource configuration. */
export function KindBadge({ kind }: { kind: LinkKind }) {
  return (
    <span data-kind={kind} className="inline-flex rounded border border-slate-300 px-1.5 py-0.5 text-xs whitespace-nowrap text-slate-700">
      {KIND_DISPLAY[kind].label}
    </span>
  );
}
