import { describe, expect, it } from "vitest";
import { adminMfa, appUrl, EnvError, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("applies defaults to an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ NODE_ENV: "development", PORT: 3000, EMBEDDED_PG_DIR: ".data/postgres", EMBEDDED_PG_PORT: 54329, LOG_LEVEL: "info" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.HOST).toBe("127.0.0.1");
    expect(appUrl(env)).toBe("http://127.0.0.1:3000");
    expect(appUrl(parseEnv({ HOST: "0.0.0.0", PORT: "8080" }))).toBe("http://localhost:8080");
  });

  it("treats empty strings as unset, defaults included (docker-compose.yml passes VAR= through)", () => {
    expect(parseEnv({ DATABASE_URL: "", AUTH_SECRET: "" }).DATABASE_URL).toBeUndefined();
    const env = parseEnv({ PORT: "", LOG_LEVEL: "", PRINCIPAL_MODE: "", JOB_EXPIRE_SECONDS: "", WORKER_HEALTH_PORT: "" });
    expect(env).toMatchObject({
      PORT: 3000,
      LOG_LEVEL: "info",
      PRINCIPAL_MODE: "per_organization",
      JOB_EXPIRE_SECONDS: 120,
    });
    expect(env.WORKER_HEALTH_PORT).toBeUndefined();
  });

  it("names each bad variable and what it expects", () => {
    let error: unknown;
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud", AUTH_SECRET: "short" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    expect(message).toMatch(/PORT: expected a port number \(got "eighty"\)/);
    expect(message).toMatch(/DATABASE_URL: expected a postgresql:\/\/ connection URL/);
    expect(message).toMatch(/LOG_LEVEL: .*\(got "loud"\)/);
    expect(message).toMatch(/AUTH_SECRET: expected at least 32 characters/);
    expect(message).not.toContain("short"); // secrets are never echoed
  });

  it("rejects a port out of range", () => {
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT: expected a port between 1 and 65535/);
  });

  it("requires all OIDC variables together", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://id.example.com" })).toThrow(/OIDC_CLIENT_ID: set all three OIDC_\* variables/);
    const env = parseEnv({ OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "portal", OIDC_CLIENT_SECRET: "s" });
    expect(env.OIDC_NAME).toBe("Single sign-on");
  });

  it("uses APP_URL without a trailing slash", () => {
    expect(appUrl(parseEnv({ APP_URL: "https://portal.example.com/" }))).toBe("https://portal.example.com");
  });

  it("requires vendor admins' second factor in production unless ADMIN_MFA says otherwise", () => {
    expect(adminMfa(parseEnv({ NODE_ENV: "production" }))).toBe("required");
    expect(adminMfa(parseEnv({}))).toBe("optional");
    expect(adminMfa(parseEnv({ NODE_ENV: "production", ADMIN_MFA: "optional" }))).toBe("optional");
    expect(adminMfa(parseEnv({ ADMIN_MFA: "required" }))).toBe("required");
    expect(() => parseEnv({ ADMIN_MFA: "yes" })).toThrow(/ADMIN_MFA: expected required or optional/);
  });
});
