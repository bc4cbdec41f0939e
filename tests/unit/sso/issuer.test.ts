import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { checkIssuerUrl, normalizeIssuer } from "@/lib/sso/issuer";

const production = { NODE_ENV: "production", SSO_ALLOW_LOOPBACK_ISSUERS: false } as const;
const reasonOf = (issuer: string, env: Parameters<typeof checkIssuerUrl>[1] = production) => {
  try {
    checkIssuerUrl(issuer, env);
    return null;
  } catch (error) {
    return error instanceof AppError ? error.invalidParams : error;
  }
};

describe("an organization's issuer URL", () => {
  it("is https", () => {
    expect(reasonOf("https://login.example.com/tenant")).toBeNull();
    expect(reasonOf("http://login.example.com")).toEqual([{ name: "issuer", reason: "The issuer must be an https URL" }]);
    expect(reasonOf("ftp://login.example.com")).toEqual([{ name: "issuer", reason: "The issuer must be an https URL" }]);
    expect(reasonOf("login.example.com")).toEqual([{ name: "issuer", reason: "Expected an https URL such as https://login.example.com" }]);
  });

  it("has no credentials, query or fragment", () => {
    for (const issuer of ["https://user:pass@login.example.com", "https://login.example.com?tenant=1", "https://login.example.com#x"]) {
      expect(reasonOf(issuer), issuer).toEqual([{ name: "issuer", reason: "An issuer has no credentials, query or fragment" }]);
    }
  });

  it("may be loopback http outside production, or in production only when allowed", () => {
    expect(reasonOf("http://127.0.0.1:4000")).toEqual([{ name: "issuer", reason: "The issuer must be an https URL" }]);
    expect(reasonOf("http://127.0.0.1:4000", { NODE_ENV: "production", SSO_ALLOW_LOOPBACK_ISSUERS: true })).toBeNull();
    expect(reasonOf("http://localhost:4000", { NODE_ENV: "development", SSO_ALLOW_LOOPBACK_ISSUERS: false })).toBeNull();
    expect(reasonOf("http://[::1]:4000", { NODE_ENV: "test", SSO_ALLOW_LOOPBACK_ISSUERS: false })).toBeNull();
    // Not loopback: never http, whatever the setting.
    expect(reasonOf("http://10.0.0.5", { NODE_ENV: "development", SSO_ALLOW_LOOPBACK_ISSUERS: true })).toEqual([
      { name: "issuer", reason: "The issuer must be an https URL" },
    ]);
  });

  it("is compared without trailing slashes", () => {
    expect(normalizeIssuer(" https://login.example.com/tenant// ")).toBe("https://login.example.com/tenant");
  });
});
