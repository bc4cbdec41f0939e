"use client";

import { lazy, Suspense, type ComponentProps } from "react";

// Security is loaded after the rest of Settings: its code would put the page over the client JavaScript budget.
const SecuritySection = lazy(() => import("./security-section").then((module) => ({ default: module.SecuritySection })));

export function LazySecuritySection(props: ComponentProps<typeof SecuritySection>) {
  return (
    <Suspense
      fallback={
        <p role="status" className="text-sm text-slate-500">
          Loading security settings…
        </p>
      }
    >
      <SecuritySection {...props} />
    </Suspense>
  );
}
