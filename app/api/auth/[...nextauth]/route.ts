import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { readBodyText, route } from "@/lib/api/route";
import { authOptions } from "@/lib/auth/options";
import { AppError } from "@/lib/errors";

/**
 * next-auth's handler, behind the API's body limit: it would read any body whole. The body is read
 * here (64 KiB at most, streamed) and handed on; malformed JSON is a 400 rather than its crash.
 */
const handler = route<{ nextauth: string[] }>(async ({ request, params }) => {
  let forwarded = request;
  if (request.method === "POST") {
    const text = await readBodyText(request);
    if (/json/i.test(request.headers.get("content-type") ?? "")) {
      try {
        JSON.parse(text);
      } catch {
        throw new AppError("bad_request", "The body is not valid JSON.");
      }
    }
    forwarded = new NextRequest(request.url, { method: "POST", headers: request.headers, body: text });
  }
  return NextAuth(authOptions())(forwarded, { params: Promise.resolve(params) });
});

export { handler as GET, handler as POST };
