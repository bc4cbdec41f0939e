import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { API_HEADERS, apiSecurityHeaders, contentSecurityPolicy, securityHeaders } from "@/lib/security-headers";
import nextConfig from "@/next.config";

describe("security headers", () => {
  it("refuse framing, sniffing and cross-site referrers everywhere; HSTS only when APP_URL is https", () => {
    const common = { "x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" };
    expect(securityHeaders(parseEnv({}))).toEqual(common);
    expect(securityHeaders(parseEnv({ APP_URL: "https://portal.example.com" }))).toEqual({ ...common, "strict-transport-security": "max-age=31536000" });
  });

  it("allow scripts by nonce only, eval only in development, and no framing", () => {
    const production = contentSecurityPolicy("abc", parseEnv({ NODE_ENV: "production", APP_URL: "https://portal.example.com" }));
    expect(production).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(production).toContain("style-src 'self' 'nonce-abc';");
    expect(production).toContain("frame-ancestors 'none'");
    expect(production).toContain("upgrade-insecure-requests");
    expect(production).not.toContain("unsafe");
    const development = contentSecurityPolicy("abc", parseEnv({ NODE_ENV: "development" }));
    expect(development).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic' 'unsafe-eval';");
    expect(development).toContain("style-src 'self' 'unsafe-inline';");
    expect(development).not.toContain("upgrade-insecure-requests"); // plain http would break
  });

  it("give API answers a policy that loads nothing and lets no site frame them, beside the common headers", async () => {
    const env = parseEnv({ APP_URL: "https://portal.example.com" });
    expect(apiSecurityHeaders(env)).toEqual({ ...securityHeaders(env), "content-security-policy": "default-src 'none'; frame-ancestors 'none'" });
    // What Next answers itself under /api (no route file matched) gets the same, but HSTS, fixed at build time.
    const rules = await nextConfig.headers!();
    const api = rules.find((rule) => rule.source === "/api/:path*")?.headers ?? [];
    expect(Object.fromEntries(api.map((h) => [h.key, h.value]))).toEqual(API_HEADERS);
    expect(API_HEADERS).toEqual(apiSecurityHeaders(parseEnv({})));
  });
});
