import type { ReactNode } from "react";
import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";

/** A settings list's loading, error and empty states, or the list itself. */
export function ListStates<T>({
  query,
  what,
  empty,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data?: T[] };
  what: string;
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  if (query.isPending)
    return (
      <p role="status" className="text-sm text-slate-500">
        Loading {what}…
      </p>
    );
  if (query.isError || !query.data) return <Alert>{messageOf(query.error)}</Alert>;
  if (query.data.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return <>{children(query.data)}</>;
}

/** A secret shown once, right after it was made, with a copy button and a way to dismiss it. */
export function ShownOnce({ label, value, note, onDone }: { label: string; value: string; note: string; onDone: () => void }) {
  return (
    <div role="status" className="space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm">
      <p className="font-medium text-emerald-900">{label}</p>
      <p className="text-emerald-900">{note}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="min-w-0 break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900" data-testid="shown-once">
          {value}
        </code>
        <CopyButton value={value} />
        <button type="button" onClick={onDone} className="text-xs font-medium text-emerald-900 underline">
          Done
        </button>
      </div>
    </div>
  );
}

export function formatTime(iso: string | null | undefined, never = "never"): string {
  if (!iso) return never;
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
