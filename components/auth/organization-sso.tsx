"use client";

import { useCallback, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ssoDiscoverySchema, type SsoDiscovery } from "@/lib/sso/schemas";
import { startSingleSignOn } from "./credentials-sign-in";

export type DiscoveredSso = NonNullable<SsoDiscovery["sso"]>;

/** POST /api/v1/sso/discover (public, not in the typed client): the organization's provider for an address's domain, or null. */
async function discover(email: string): Promise<DiscoveredSso | null> {
  try {
    const response = await fetch("/api/v1/sso/discover", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email }),
      credentials: "same-origin",
    });
    if (!response.ok) return null;
    return ssoDiscoverySchema.parse(await response.json()).sso;
  } catch {
    return null;
  }
}

/** The provider of the last address looked up; one lookup per distinct domain. */
export function useSsoDiscovery() {
  const [sso, setSso] = useState<DiscoveredSso | null>(null);
  const looked = useRef(new Map<string, DiscoveredSso | null>());
  const lookUp = useCallback(async (email: string): Promise<DiscoveredSso | null> => {
    const domain = email.trim().toLowerCase().split("@")[1];
    if (!domain || !domain.includes(".")) {
      setSso(null);
      return null;
    }
    const found = looked.current.has(domain) ? looked.current.get(domain)! : await discover(email.trim());
    looked.current.set(domain, found);
    setSso(found);
    return found;
  }, []);
  return { sso, lookUp };
}

/** "Continue with <provider>": off to the organization's provider (next-auth's sign-in for it, with a CSRF token). */
export function OrganizationSsoButton({ sso, callbackUrl }: { sso: DiscoveredSso; callbackUrl: string }) {
  const [state, setState] = useState<"idle" | "starting" | "failed">("idle");
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant={sso.required ? "primary" : "secondary"}
        className="w-full"
        isLoading={state === "starting"}
        onClick={async () => {
          setState("starting");
          if (!(await startSingleSignOn(callbackUrl, sso.providerId))) setState("failed");
        }}
      >
        Continue with {sso.displayName}
      </Button>
      {state === "failed" ? (
        <p role="alert" className="text-sm text-red-600">
          We could not start single sign-on. Reload the page and try again.
        </p>
      ) : null}
    </div>
  );
}
