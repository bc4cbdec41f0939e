import type { ReactNode } from "react";

/** The focus ring of anything that scrolls by itself: keyboard users reach it with Tab and scroll it with the arrows (WCAG 2.1.1). */
export const SCROLLABLE_FOCUS = "focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400";

/**
 * A table's box that scrolls sideways on a narrow screen, named and reachable by keyboard.
 * `bleed`: on a phone it reaches the card's edges, so the table gets the card's padding too.
 */
export function ScrollBox({
  label,
  testId,
  bleed = false,
  className = "",
  children,
}: {
  label: string;
  testId?: string;
  bleed?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`overflow-x-auto ${bleed ? "-mx-4 px-4 sm:mx-0 sm:px-0" : ""} ${SCROLLABLE_FOCUS} ${className}`}
      data-testid={testId}
    >
      {children}
    </div>
  );
}
