"use client";

import { lazy, Suspense, type ComponentProps } from "react";

// Loaded after the rest of Settings: their code would put the page over the client JavaScript budget.
const SecuritySection = lazy(() => import("./security-section").then((module) => ({ default: module.SecuritySection })));
const SsoSection = lazy(() => import("./sso-section").then((module) => ({ default: module.SsoSection })));

function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="text-sm text-slate-500">
      Loading {what}…
    </p>
  );
}

export function LazySecuritySection(props: ComponentProps<typeof SecuritySection>) {
  return (
    <Suspense fallback={<Loading what="security settings" />}>
      <SecuritySection {...props} />
    </Suspense>
  );
}

export function LazySsoSection(props: ComponentProps<typeof SsoSection>) {
  return (
    <Suspense fallback={<Loading what="single sign-on settings" />}>
      <SsoSection {...props} />
    </Suspense>
  );
}
