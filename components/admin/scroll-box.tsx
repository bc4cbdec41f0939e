import type { ReactNode } from "react";

/**
 * A box that scrolls sideways on a narrow screen (a wide table), reachable by keyboard: it takes
 * focus, so the arrow keys scroll it, and is named for screen readers.
 */
export function ScrollBox({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`overflow-x-auto focus-visible:outline-2 focus-visible:outline-indigo-600 ${className}`}>
      {children}
    </div>
  );
}
