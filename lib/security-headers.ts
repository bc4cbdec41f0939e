import { appUrl, getEnv, type Env } from "@/lib/env";

// HSTS and Secure cookies only when APP_URL is https: on plain http they would lock browsers out.

export function isHttps(env: Env = getEnv()): boolean {
  return appUrl(env).startsWith("https://");
}

export function securityHeaders(env: Env = getEnv()): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    ...(isHttps(env) ? { "strict-transport-security": "max-age=31536000" } : {}),
  };
}

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
