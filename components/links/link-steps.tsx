import type { LinkState } from "@/lib/api-client/client";

const STEPS = ["Verify", "Approve", "Create endpoint", "Accept", "Available"] as const;

/** Where each state stands on the way to available: the step it is at, and whether it stopped there. */
const POSITION: Partial<Record<LinkState, { step: number; isStopped?: boolean }>> = {
  verifying: { step: 0 },
  verification_failed: { step: 0, isStopped: true },
  pending_approval: { step: 1 },
  denied: { step: 1, isStopped: true },
  provisioning: { step: 2 },
  failed: { step: 2, isStopped: true },
  pending_acceptance: { step: 3 },
  rejected: { step: 3, isStopped: true },
  expired: { step: 3, isStopped: true },
  available: { step: 5 },
  disconnected: { step: 4, isStopped: true },
};

type StepStatus = "done" | "current" | "stopped" | "upcoming";

const STATUS_STYLE: Record<StepStatus, { mark: string; className: string; label: string }> = {
  done: { mark: "✓", className: "border-emerald-600 bg-emerald-600 text-white", label: "done" },
  current: { mark: "…", className: "border-indigo-600 bg-white text-indigo-700", label: "in progress" },
  stopped: { mark: "!", className: "border-red-600 bg-red-600 text-white", label: "stopped here" },
  upcoming: { mark: "", className: "border-slate-300 bg-white text-slate-500", label: "not yet" },
};

/** The link's way to available as five steps; none while it is being deleted or once deleted. */
export function LinkSteps({ state }: { state: LinkState }) {
  const position = POSITION[state];
  if (!position) return null;
  return (
    <ol aria-label="Progress" className="grid grid-cols-5 gap-1 text-center text-xs" data-testid="link-steps">
      {STEPS.map((label, index) => {
        const status: StepStatus = index < position.step ? "done" : index === position.step ? (position.isStopped ? "stopped" : "current") : "upcoming";
        const style = STATUS_STYLE[status];
        return (
          <li
            key={label}
            aria-current={status === "current" || status === "stopped" ? "step" : undefined}
            data-status={status}
            className="flex flex-col items-center gap-1"
          >
            <span aria-hidden className={`flex h-6 w-6 items-center justify-center rounded-full border-2 font-bold ${style.className}`}>
              {style.mark}
            </span>
            <span className={status === "upcoming" ? "text-slate-500" : "font-medium text-slate-800"}>{label}</span>
            <span className="sr-only">: {style.label}</span>
          </li>
        );
      })}
    </ol>
  );
}
