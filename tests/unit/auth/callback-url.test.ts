import { describe, expect, it } from "vitest";
import { redirectTo, safeCallbackUrl } from "@/lib/auth/callback-url";

describe("safeCallbackUrl", () => {
  it.each(["/", "/links/3f1c", "/links?state=available#top", "/admin/links/x%20y", "/setup/"])("keeps the same-origin path %s", (url) => {
    expect(safeCallbackUrl(url)).toBe(url);
    expect(safeCallbackUrl([url, "//evil.example"])).toBe(url);
  });

  it.each([
    ["a backslash", "/\\evil.example/"],
    ["two backslashes", "\\\\evil.example"],
    ["slash-backslash encoded", "/%5Cevil.example/"],
    ["slash-backslash double-encoded slash", "/%2F%2Fevil.example"],
    ["scheme-relative", "//evil.example/"],
    ["a tab", "/\t/evil.example"],
    ["a newline", "/\n/evil.example"],
    ["an encoded tab", "/%09/evil.example"],
    ["a NUL", "/\u0000"],
    ["an absolute URL", "https://evil.example/"],
    ["javascript:", "javascript:alert(1)"],
    ["a relative path", "links"],
    ["a malformed escape", "/%E0%A4%A"],
    ["nothing", undefined],
    ["a number", 5],
    ["a very long path", `/${"a".repeat(3000)}`],
  ])("replaces %s with /", (_, url) => {
    expect(safeCallbackUrl(url)).toBe("/");
  });
});

describe("next-auth's redirect callback", () => {
  const baseUrl = "https://portal.example.com";
  it.each([
    ["/links", "https://portal.example.com/links"],
    ["https://portal.example.com/links?x=1", "https://portal.example.com/links?x=1"],
    ["/\\evil.example/", "https://portal.example.com/"],
    ["https://portal.example.com/\\evil.example/", "https://portal.example.com/"],
    ["//evil.example/", "https://portal.example.com/"],
    ["https://evil.example/", "https://portal.example.com"],
    ["https://portal.example.com.evil.example/", "https://portal.example.com"],
    ["http://portal.example.com/links", "https://portal.example.com"],
    ["not a url", "https://portal.example.com"],
  ])("sends %s to %s", (url, expected) => {
    expect(redirectTo({ url, baseUrl })).toBe(expected);
  });
});
