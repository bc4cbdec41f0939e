import "server-only";
import type { NextApiRequest, NextApiResponse } from "next";
import NextAuth from "next-auth";
import { getDb } from "@/lib/db/client";
import { getLogger } from "@/lib/logger";
import { loadOrganizationProvider } from "@/lib/sso/sign-in";
import { authOptions } from "./options";
import { cookiesOf } from "./sessions";

// next-auth's own App Router handler reads the request through next/headers, which exists only inside Next's request scope;
// its Pages handler takes the request as given. So the route hands it one built from the Request (the body already read under
// the API's limit), so it runs wherever the route runs (tests included) and the callbacks see this request (authOptions).
export async function answerNextAuth(request: Request, segments: string[], bodyText: string): Promise<Response> {
  const url = new URL(request.url);
  const req = {
    method: request.method,
    query: { ...Object.fromEntries(url.searchParams), nextauth: segments },
    headers: Object.fromEntries(request.headers),
    cookies: cookiesOf(request.headers.get("cookie")),
    body: bodyOf(request.headers.get("content-type") ?? "", bodyText),
  };
  const answer = new CollectedAnswer();
  const organizationProvider = await organizationProviderOf(segments);
  await NextAuth(req as unknown as NextApiRequest, answer as unknown as NextApiResponse, authOptions({ request, organizationProvider }));
  return answer.response();
}

/** For `signin/org-…` and `callback/org-…`: that organization's provider, when enabled (else next-auth knows no such provider). */
async function organizationProviderOf([action, providerId]: string[]) {
  if ((action !== "signin" && action !== "callback") || !providerId) return null;
  try {
    return await loadOrganizationProvider(getDb(), providerId);
  } catch (error) {
    // A secret sealed under another AUTH_SECRET: the owner has to enter it again; sign-in through it fails meanwhile.
    getLogger().error({ err: error, providerId }, "organization single sign-on provider unusable");
    return null;
  }
}

function bodyOf(contentType: string, text: string): unknown {
  if (!text) return undefined;
  if (/json/i.test(contentType)) return JSON.parse(text);
  if (/application\/x-www-form-urlencoded/i.test(contentType)) return Object.fromEntries(new URLSearchParams(text));
  return text;
}

/** The part of NextApiResponse next-auth's Pages handler uses. */
class CollectedAnswer {
  private statusCode = 200;
  private readonly headers = new Headers();
  private body: string | null = null;

  status(code: number) {
    this.statusCode = code;
    return this;
  }

  getHeader(name: string): string[] | undefined {
    return name.toLowerCase() === "set-cookie" ? this.headers.getSetCookie() : (this.headers.get(name)?.split(", ") ?? undefined);
  }

  setHeader(name: string, value: string | string[]) {
    this.headers.delete(name);
    for (const item of Array.isArray(value) ? value : [value]) this.headers.append(name, item);
    return this;
  }

  end() {}

  json(value: unknown) {
    this.headers.set("content-type", "application/json");
    this.body = JSON.stringify(value);
  }

  send(value: unknown) {
    if (typeof value === "string") this.body = value;
    else if (value !== undefined && value !== null) {
      this.headers.set("content-type", this.headers.get("content-type") ?? "application/json");
      this.body = JSON.stringify(value);
    }
  }

  response(): Response {
    const isRedirect = this.statusCode >= 300 && this.statusCode < 400;
    return new Response(isRedirect ? null : this.body, { status: this.statusCode, headers: this.headers });
  }
}
