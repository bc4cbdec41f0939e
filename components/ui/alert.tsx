import type { ReactNode } from "react";

/** An error for the whole form or page (field errors sit next to their field instead). */
export function Alert({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <p role="alert" className={`rounded-md bg-red-50 p-3 text-sm text-red-700 ${className ?? ""}`}>
      {children}
    </p>
  );
}
