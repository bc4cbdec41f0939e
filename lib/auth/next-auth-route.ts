import "server-only";
import type { NextApiRequest, NextApiResponse } from "next";
import NextAuth from "next-auth";
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
  await NextAuth(req as unknown as NextApiRequest, answer as unknown as NextApiResponse, authOptions({ request }));
  return answer.response();
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
