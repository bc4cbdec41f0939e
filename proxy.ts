import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, securityHeaders } from "@/lib/security-headers";

/**
 * Every page gets a Content-Security-Policy with a fresh nonce, and the other security headers
 * (lib/security-headers.ts). Next reads the nonce from the request's copy of the policy and puts
 * it on its scripts, which is why every page renders per request (app/layout.tsx).
 *
 * Not for /api (route handlers set their own headers) nor for requests with a body: Next buffers
 * and waits for the whole body of any request the proxy runs for, which would defeat the API's
 * body limits. Pages requested with a body get fixed headers from next.config.ts instead.
 */
export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy(Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64"));
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static/|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
  ],
};
