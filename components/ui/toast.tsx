"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";

export type ToastTone = "success" | "info" | "error";
type Toast = { id: number; key: string; message: string; tone: ToastTone };
type Show = (message: string, options?: { tone?: ToastTone; key?: string }) => void;

/** Long enough to read a sentence twice; an error, which says what to do, twice as long. */
const SHOWN_MS: Record<ToastTone, number> = { success: 6_000, info: 6_000, error: 12_000 };
const TONES: Record<ToastTone, string> = {
  success: "border-emerald-300 bg-emerald-50 text-emerald-900",
  info: "border-sky-300 bg-sky-50 text-sky-900",
  error: "border-red-300 bg-red-50 text-red-800",
};

const ToastContext = createContext<Show | null>(null);

/** Shows a short message in the corner: `toast("Approved billing-db")`, `toast(failure, { tone: "error" })`. */
export function useToast(): Show {
  const show = useContext(ToastContext);
  if (!show) throw new Error("useToast needs <ToastProvider> above it (app/providers.tsx)");
  return show;
}

/**
 * The page's toasts, announced by screen readers (errors assertively). A toast with the key of one on screen replaces
 * it, so a link's "Deleting…" becomes "…is deleted" rather than a pile; by default the key is the message.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(0);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);
  const show = useCallback<Show>((message, options = {}) => {
    const toast = { id: ++nextId.current, key: options.key ?? message, message, tone: options.tone ?? "success" };
    setToasts((all) => [...all.filter((other) => other.key !== toast.key), toast].slice(-4));
  }, []);
  const polite = useMemo(() => toasts.filter((toast) => toast.tone !== "error"), [toasts]);
  const urgent = useMemo(() => toasts.filter((toast) => toast.tone === "error"), [toasts]);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div
        role="region"
        aria-label="Status messages"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-3 sm:items-end sm:p-4"
      >
        <ol aria-live="assertive" className="contents">
          {urgent.map((toast) => (
            <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
          ))}
        </ol>
        <ol aria-live="polite" className="contents">
          {polite.map((toast) => (
            <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
          ))}
        </ol>
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(toast.id), SHOWN_MS[toast.tone]);
    return () => clearTimeout(timer);
  }, [toast, onDismiss]);
  return (
    <li
      data-testid="toast"
      data-tone={toast.tone}
      className={`pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-md border p-3 text-sm shadow-lg ${TONES[toast.tone]}`}
    >
      <p className="min-w-0 flex-1 break-words">{toast.message}</p>
      <button type="button" onClick={() => onDismiss(toast.id)} className="shrink-0 font-medium underline" aria-label={`Dismiss: ${toast.message}`}>
        Dismiss
      </button>
    </li>
  );
}
