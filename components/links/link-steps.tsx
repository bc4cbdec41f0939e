import type { LinkKind } from "@/lib/links/schemas";
import { linkStepsOf, stepOf } from "@/lib/links/state-display";
import type { LinkState } from "@/lib/links/state-machine";

type StepStatus = "done" | "current" | "stopped" | "upcoming";

const STATUS_STYLE: Record<StepStatus, { mark: string; className: string; label: string }> = {
  done: { mark: "✓", className: "border-emerald-600 bg-emerald-600 text-white", label: "done" },
  current: { mark: "…", className: "border-indigo-600 bg-white text-indigo-700", label: "in progress" },
  stopped: { mark: "!", className: "border-red-600 bg-red-600 text-white", label: "stopped here" },
  upcoming: { mark: "", className: "border-slate-300 bg-white text-slate-500", label: "not yet" },
};

/** The link's way to available as its steps (five, or four without acceptance for a resource link); none while it is being deleted or once deleted. */
export function LinkSteps({ state, kind }: { state: LinkState; kind: LinkKind }) {
  const position = stepOf(state, kind);
  const steps = linkStepsOf(kind);
  if (!position) return null;
  return (
    <ol aria-label="Progress" className={`grid ${steps.length === 4 ? "grid-cols-4" : "grid-cols-5"} gap-1 text-center text-xs`} data-testid="link-steps">
      {steps.map((label, index) => {
        const status: StepStatus = index < position.index ? "done" : index === position.index ? (position.isStopped ? "stopped" : "current") : "upcoming";
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
