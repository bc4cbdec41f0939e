import { expect, test } from "@playwright/test";
import { ACME, GLOBEX } from "./demo-credentials";
import { signIn } from "./sign-in";
import { send } from "./raw-http";

/**
 * What a browser and an attacker see of the production server: security headers and a nonce CSP
 * that Next's own scripts satisfy, no open redirect after sign-in, and sign-in throttling that a
 * forged X-Forwarded-For does not escape.
 */

test("pages carry a nonce CSP that every script of the page satisfies, and the other security headers", async ({ request }) => {
  const response = await request.get("/sign-in");
  const headers = response.headers();
  const policy = headers["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain("unsafe-eval");
  expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(headers).toMatchObject({ "x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" });
  expect(headers["strict-transport-security"]).toBeUndefined(); // APP_URL is http here
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  expect((await request.get("/sign-in")).headers()["content-security-policy"]).not.toContain(nonce!); // a fresh nonce per answer
});

test("API answers carry the security headers too, with a CSP of their own", async ({ request }) => {
  for (const path of ["/api/v1/links", "/api/v1/nope", "/api/health", "/api/auth/csrf", "/api/not-a-route"]) {
    expect((await request.get(path)).headers(), path).toMatchObject({
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
    });
  }
});

test("pages requested with a body, or with Content-Length: 0, still carry a CSP and the frame and sniffing headers", async () => {
  const requests: Parameters<typeof send>[0][] = [
    { method: "POST", path: "/sign-in", headers: { "content-type": "text/plain" }, body: "x" },
    { method: "GET", path: "/sign-in", headers: { "content-length": "0" } },
    { method: "POST", path: "/setup", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=b" },
    { method: "PUT", path: "/no-such-page", headers: { "content-type": "text/plain" }, body: "x" },
  ];
  for (const request of requests) {
    const { headers } = await send(request);
    const label = `${request.method} ${request.path}`;
    expect(headers["content-security-policy"], label).toContain("frame-ancestors 'none'");
    expect(headers, label).toMatchObject({
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
    });
  }
});

test("the portal works under its CSP: no violation on any page, signed out or in", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  for (const path of ["/sign-in", "/sign-up", "/docs/api", "/no-such-page"]) await page.goto(path);
  await signIn(page, ACME.email, ACME.password);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Analytics" })).toBeVisible(); // hydrated, navigated
  for (const path of ["/setup", "/links/new"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  expect(violations).toEqual([]);
});

test("signed in, /sign-in sends callbackUrl only to a path on this origin", async ({ page }) => {
  await signIn(page, GLOBEX.email, GLOBEX.password);
  await expect(page.getByRole("heading", { level: 1, name: "Globex Data" })).toBeVisible();
  const cases: [string, string][] = [
    ["/%5Cevil.example/", "/"],
    ["/%09/evil.example/", "/"],
    ["//evil.example/", "/"],
    ["%2F%2Fevil.example", "/"],
    ["https://evil.example/", "/"],
    ["/setup", "/setup"],
  ];
  for (const [callbackUrl, location] of cases) {
    const response = await page.request.get(`/sign-in?callbackUrl=${callbackUrl}`, { maxRedirects: 0 });
    expect(response.status(), callbackUrl).toBe(307);
    expect(response.headers().location, callbackUrl).toBe(location);
  }
});

test("a forged X-Forwarded-For does not escape sign-in throttling by address", async () => {
  // A loopback address of this test's own, so its failures do not throttle the other tests.
  const localAddress = `127.0.0.${2 + Math.floor(Math.random() * 250)}`;
  const csrf = await send({ path: "/api/auth/csrf", localAddress });
  const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = csrf.json() as { csrfToken: string };
  const attempt = async (i: number) => {
    const form = new URLSearchParams({ csrfToken, email: `spray-${i}-${localAddress}@example.com`, password: "not-the-password", json: "true" }).toString();
    const answer = await send({
      method: "POST",
      path: "/api/auth/callback/credentials",
      localAddress,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie,
        "x-forwarded-for": `203.0.113.${i}`,
        "content-length": String(Buffer.byteLength(form)),
      },
      body: form,
    });
    return new URL(String(answer.json().url)).searchParams.get("error");
  };
  for (let i = 0; i < 30; i++) expect(await attempt(i)).toBe("invalid_credentials");
  expect(await attempt(30)).toMatch(/^too_many_requests:\d+$/);
});
