// Relative: next.config.ts loads this file, and its loader does not resolve the @/ alias.
import { appUrl, getEnv, type Env } from "./env";

// HSTS and Secure cookies only when APP_URL is https: on plain http they would lock browsers out.

export function isHttps(env: Env = getEnv()): boolean {
  return appUrl(env).startsWith("https://");
}

const STATIC_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
};

export function securityHeaders(env: Env = getEnv()): Record<string, string> {
  return { ...STATIC_HEADERS, ...(isHttps(env) ? { "strict-transport-security": "max-age=31536000" } : {}) };
}

/**
 * Every answer under /api is data, never a document to render: its policy loads nothing and lets no site frame it.
 * lib/api/route.ts sets these on each route's answer; next.config.ts on what Next answers itself there (a path no route
 * file matches), fixed at build time and so without HSTS.
 */
export const API_HEADERS: Record<string, string> = {
  ...STATIC_HEADERS,
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
};

export function apiSecurityHeaders(env: Env = getEnv()): Record<string, string> {
  return { ...securityHeaders(env), ...API_HEADERS };
}

/**
 * For a page requested with a body, which the proxy (proxy.ts) must skip and no browser sends: no
 * script runs and no site frames it. Fixed at build time (next.config.ts), so without HSTS.
 */
export const BODY_REQUEST_HEADERS: Record<string, string> = {
  ...STATIC_HEADERS,
  "content-security-policy": "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

// Next puts the nonce on its own scripts, reading it from the request's copy of this header. React's development tooling
// needs eval and Next's development overlay inline styles, so `npm run dev` alone allows them.
export function contentSecurityPolicy(nonce: string, env: Env = getEnv()): string {
  const isDevelopment = env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${isDevelopment ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isHttps(env) ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
