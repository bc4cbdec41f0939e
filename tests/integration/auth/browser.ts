import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import type { Caller } from "../fixtures/callers";
import type { OidcClaims, OidcProvider } from "./oidc-provider";

const ORIGIN = "http://127.0.0.1:3000";
type Handler = (request: Request, segment: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

/**
 * A browser signing in through next-auth's real routes, called in-process: it keeps the cookies they set, sends its client
 * address as the web server would (the last X-Forwarded-For entry), and follows the sign-in flows step by step.
 */
export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly address = "198.51.100.1",
    readonly userAgent = "integration-browser",
  ) {}

  /** The session cookie as a copy of it would be sent, for the API routes (api/api-helpers.ts `call`). */
  get caller(): Caller {
    return { cookie: this.cookieHeader() };
  }

  get sessionCookie(): string | undefined {
    return this.cookies.get("next-auth.session-token");
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async send(method: "GET" | "POST", path: string, form?: Record<string, string>): Promise<Response> {
    const url = new URL(path, ORIGIN);
    const headers: Record<string, string> = { cookie: this.cookieHeader(), "x-forwarded-for": this.address, "user-agent": this.userAgent };
    if (form) headers["content-type"] = "application/x-www-form-urlencoded";
    const request = new Request(url, { method, headers, body: form ? new URLSearchParams(form).toString() : undefined });
    const segments = url.pathname.replace(/^\/api\/auth\//, "").split("/");
    const response = await (method === "GET" ? (GET as Handler) : (POST as Handler))(request, { params: Promise.resolve({ nextauth: segments }) });
    for (const line of response.headers.getSetCookie()) this.keep(line);
    return response;
  }

  private keep(line: string): void {
    const [pair = "", ...attributes] = line.split(";");
    const index = pair.indexOf("=");
    const name = pair.slice(0, index).trim();
    const value = pair.slice(index + 1).trim();
    const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split("=")[1]!) <= Date.now()));
    if (expired || value === "") this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  async csrfToken(): Promise<string> {
    const body = (await (await this.send("GET", "/api/auth/csrf")).json()) as { csrfToken: string };
    return body.csrfToken;
  }

  /** The sign-in form's post: the error code next-auth names, or null when signed in. */
  async signIn(email: string, password: string): Promise<string | null> {
    const csrfToken = await this.csrfToken();
    const response = await this.send("POST", "/api/auth/callback/credentials", { csrfToken, email, password, callbackUrl: "/", json: "true" });
    const { url } = (await response.json()) as { url: string };
    return new URL(url, ORIGIN).searchParams.get("error");
  }

  async signOut(): Promise<void> {
    const csrfToken = await this.csrfToken();
    await this.send("POST", "/api/auth/signout", { csrfToken, callbackUrl: "/sign-in", json: "true" });
  }

  /** "Continue with single sign-on", the person approving as `claims` at the provider: where the portal sends the browser last. */
  async signInWithSso(provider: OidcProvider, claims: OidcClaims, callbackUrl = "/"): Promise<URL> {
    return this.signInThrough(
      "oidc",
      async (url) => {
        const { code, state } = provider.approve(url, claims);
        return new URL(`/api/auth/callback/oidc?${new URLSearchParams({ code, state })}`, ORIGIN);
      },
      callbackUrl,
    );
  }

  /**
   * Sign-in through next-auth's provider `providerId`: `approve` is the person at the provider, from its authorization URL to
   * the redirect back to the portal's callback. Answers where the portal sends the browser last.
   */
  async signInThrough(providerId: string, approve: (authorizationUrl: string) => Promise<URL>, callbackUrl = "/"): Promise<URL> {
    const csrfToken = await this.csrfToken();
    const started = await this.send("POST", `/api/auth/signin/${providerId}`, { csrfToken, callbackUrl, json: "true" });
    const { url } = (await started.json()) as { url: string };
    const back = await approve(url);
    let path = `${back.pathname}${back.search}`;
    for (;;) {
      const answer = await this.send("GET", path);
      const location = answer.headers.get("location");
      if (!location) throw new Error(`${path} answered ${answer.status} without a redirect: ${await answer.text()}`);
      const next = new URL(location, ORIGIN);
      // next-auth's own error page only sends the browser on to the sign-in page with the error.
      if (!next.pathname.startsWith("/api/auth/")) return next;
      path = `${next.pathname}${next.search}`;
    }
  }
}
