"use client";

import dynamic from "next/dynamic";

/** Security, loaded after the rest of Settings: its code would put the page over the client JavaScript budget. */
export const LazySecuritySection = dynamic(() => import("./security-section").then((module) => module.SecuritySection), {
  ssr: false,
  loading: () => (
    <p role="status" className="text-sm text-slate-500">
      Loading security settings…
    </p>
  ),
});
