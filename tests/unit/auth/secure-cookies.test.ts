import { afterAll, describe, expect, it, vi } from "vitest";

vi.stubEnv("APP_URL", "https://portal.example.com");
vi.stubEnv("AUTH_SECRET", "unit-secret-unit-secret-unit-secret-0123");
afterAll(() => vi.unstubAllEnvs());
const { authOptions } = await import("@/lib/auth/options");

describe("next-auth behind https", () => {
  it("sets Secure, prefixed cookies when APP_URL is https", () => {
    expect(authOptions().useSecureCookies).toBe(true);
  });
});
