"use client";

import { useSyncExternalStore } from "react";

/**
 * Email and password sign-in against next-auth's endpoints, step by step, so that every way it can
 * fail is told apart. next-auth's own `signIn()` answers "ok" when its CSRF check fails (it
 * redirects to `/sign-in?csrf=true`), which sent a quick first submit back to an empty form: a
 * first request without the CSRF cookie races the session request, and the two set different
 * tokens. Here the token is fetched first (`prepareSignIn`), a CSRF refusal is retried once with a
 * fresh token, and anything else becomes an error code the form turns into a message.
 */
export type SignInResult = { ok: true } | { ok: false; error: string };

const CSRF_URL = "/api/auth/csrf";
/** "credentials": email and password; "mfa": the second step, a challenge with a code or a passkey's answer (lib/auth/options.ts). */
export type SignInProvider = "credentials" | "mfa";

/** The CSRF token, which also sets next-auth's CSRF cookie; null when it cannot be had. */
export async function prepareSignIn(): Promise<string | null> {
  try {
    const response = await fetch(CSRF_URL, { credentials: "same-origin", cache: "no-store" });
    if (!response.ok) return null;
    const body: unknown = await response.json();
    const token = typeof body === "object" && body !== null && "csrfToken" in body ? body.csrfToken : null;
    return typeof token === "string" && token.length > 0 ? token : null;
  } catch {
    return null;
  }
}

/** What next-auth's answer says: `{ url }` is where it would send the browser. */
function outcomeOf(url: unknown): SignInResult | "csrf" {
  if (typeof url !== "string") return { ok: false, error: "internal" };
  const params = new URL(url, window.location.origin).searchParams;
  if (params.get("csrf") === "true") return "csrf";
  const error = params.get("error");
  return error ? { ok: false, error } : { ok: true };
}

async function attempt(
  provider: SignInProvider,
  credentials: Record<string, string>,
  callbackUrl: string,
  token: string | null,
): Promise<SignInResult | "csrf"> {
  const csrfToken = token ?? (await prepareSignIn());
  if (!csrfToken) return { ok: false, error: "csrf_unavailable" };
  try {
    const response = await fetch(`/api/auth/callback/${provider}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...credentials, csrfToken, callbackUrl, json: "true" }),
    });
    // A refusal is a 401 that still names where next-auth would go, with the reason as `error`.
    const body: unknown = await response.json().catch(() => null);
    const url = typeof body === "object" && body !== null && "url" in body ? body.url : null;
    if (url === null && !response.ok) return { ok: false, error: response.status === 429 ? "too_many_requests" : "internal" };
    return outcomeOf(url);
  } catch {
    return { ok: false, error: "network" };
  }
}

/** Signs in; `token` is the one `prepareSignIn` got when the page loaded, if any. */
export async function signInWithCredentials(
  credentials: Record<string, string>,
  callbackUrl: string,
  token: string | null,
  provider: SignInProvider = "credentials",
): Promise<SignInResult> {
  const first = await attempt(provider, credentials, callbackUrl, token);
  if (first !== "csrf") return first;
  // The cookie the token belonged to was replaced by a concurrent request's: once more, fresh.
  const second = await attempt(provider, credentials, callbackUrl, null);
  return second === "csrf" ? { ok: false, error: "csrf" } : second;
}

/**
 * Ends the session: POST to next-auth's sign-out with a fresh CSRF token, which clears the session
 * cookie. next-auth's own `signOut()` does the same but brings its whole client library to every
 * page that has a Sign out button.
 */
export async function signOut(): Promise<void> {
  const csrfToken = await prepareSignIn();
  if (csrfToken) {
    await fetch("/api/auth/signout", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/sign-in", json: "true" }),
    }).catch(() => undefined);
  }
}

const noSubscription = () => () => {};

/** False in the server's HTML and until React has hydrated the form: a submit before then would post natively. */
export function useIsHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * Starts single sign-on as next-auth's `signIn(providerId)` does (POST with a fresh CSRF token, then off to the provider), without
 * its client library; false when it could not start. `providerId`: the deployment's `oidc`, or an organization's `org-…`.
 */
export async function startSingleSignOn(callbackUrl: string, providerId = "oidc"): Promise<boolean> {
  const csrfToken = await prepareSignIn();
  if (!csrfToken) return false;
  try {
    const response = await fetch(`/api/auth/signin/${encodeURIComponent(providerId)}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
    });
    const body: unknown = await response.json();
    const url = typeof body === "object" && body !== null && "url" in body && typeof body.url === "string" ? body.url : null;
    if (!url || new URL(url, window.location.origin).searchParams.get("csrf") === "true") return false;
    window.location.assign(url);
    return true;
  } catch {
    return false;
  }
}
