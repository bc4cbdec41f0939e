import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { checkIssuer, checkIssuerUrl, checkPublicUrl, normalizeIssuer } from "@/lib/sso/issuer";

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

describe("the hosts a provider makes us reach", () => {
  // A fixed answer per name: tests make no DNS query.
  const resolveTo = (answers: Record<string, string[]>) => async (host: string) => (answers[host] ?? []).map((address) => ({ address }));
  const refusal = async (run: Promise<unknown>) => {
    try {
      await run;
      return null;
    } catch (error) {
      return error instanceof AppError ? error.invalidParams?.[0]?.reason : error;
    }
  };

  it("resolve to public addresses only", async () => {
    const resolve = resolveTo({
      "login.example.com": ["93.184.215.14"],
      "idp.corp.example": ["93.184.215.14", "10.1.2.3"],
      "meta.example": ["169.254.169.254"],
    });
    expect(await refusal(checkPublicUrl("https://login.example.com/oauth/token", production, resolve))).toBeNull();
    expect(await refusal(checkPublicUrl("https://idp.corp.example", production, resolve))).toBe(
      "The host idp.corp.example resolves to 10.1.2.3, a private address; a provider must be reachable on public addresses",
    );
    expect(await refusal(checkPublicUrl("https://meta.example/latest", production, resolve))).toContain("a link-local address");
    expect(await refusal(checkPublicUrl("https://[::1]/token", production, resolve))).toContain("a loopback address");
    expect(await refusal(checkPublicUrl("http://login.example.com/token", production, resolve))).toBe("http://login.example.com/token is not an https URL");
  });

  it("are checked before the issuer's discovery document is fetched", async () => {
    // Were it fetched, 10.1.2.3 (not loopback) would not answer and the reason would be "could not be reached".
    const resolve = resolveTo({ "idp.corp.example": ["10.1.2.3"] });
    expect(await refusal(checkIssuer("https://idp.corp.example", production, resolve))).toContain("a private address");
  });
});
