"use client";

import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "./button";

export type ConfirmOptions = {
  /** The question, e.g. "Delete billing-db?": the dialog's accessible name. */
  title: string;
  /** What happens if they go ahead. */
  body?: ReactNode;
  /** The button that goes ahead, named by what it does ("Delete link"), never "OK". */
  confirmLabel: string;
  cancelLabel?: string;
  /** Styles the confirming button as destructive (the default). */
  isDestructive?: boolean;
};

type Pending = ConfirmOptions & { resolve: (confirmed: boolean) => void };

/**
 * A confirmation in the page instead of the browser's confirm(): `await confirm({ ... })` resolves true when the person goes
 * ahead; render `dialog` once in the component. It is a modal <dialog>: the rest of the page is inert, so focus stays inside
 * it; Escape cancels; focus starts on Cancel (the safe choice) and returns where it was.
 */
export function useConfirm(): { confirm: (options: ConfirmOptions) => Promise<boolean>; dialog: ReactNode } {
  const [pending, setPending] = useState<Pending | null>(null);
  const confirm = useCallback(
    (options: ConfirmOptions) =>
      new Promise<boolean>((resolve) => {
        setPending({ ...options, resolve });
      }),
    [],
  );
  const settle = (confirmed: boolean) => {
    pending?.resolve(confirmed);
    setPending(null);
  };
  return { confirm, dialog: pending ? <ConfirmDialog options={pending} onSettle={settle} /> : null };
}

function ConfirmDialog({ options, onSettle }: { options: ConfirmOptions; onSettle: (confirmed: boolean) => void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      dialog.close();
      returnTo?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={options.body ? `${id}-body` : undefined}
      // Escape fires `cancel`; the dialog is closed by unmounting, so React's state stays the one truth.
      onCancel={(event) => {
        event.preventDefault();
        onSettle(false);
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="space-y-3 p-5">
        <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
          {options.title}
        </h2>
        {options.body ? (
          <div id={`${id}-body`} className="text-sm text-slate-600">
            {options.body}
          </div>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2 pt-2">
          <Button ref={cancelRef} type="button" variant="secondary" onClick={() => onSettle(false)}>
            {options.cancelLabel ?? "Cancel"}
          </Button>
          <Button type="button" variant={options.isDestructive === false ? "primary" : "danger"} onClick={() => onSettle(true)}>
            {options.confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
