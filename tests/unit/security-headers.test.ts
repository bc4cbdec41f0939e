import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { contentSecurityPolicy, securityHeaders } from "@/lib/security-headers";

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
});
