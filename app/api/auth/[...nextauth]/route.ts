import { readBodyText, route } from "@/lib/api/route";
import { answerNextAuth } from "@/lib/auth/next-auth-route";
import { AppError } from "@/lib/errors";

/**
 * next-auth's handler, behind the API's body limit: it would read any body whole. The body is read
 * here (64 KiB at most, streamed) and handed on; malformed JSON is a 400 rather than its crash.
 */
const handler = route<{ nextauth: string[] }>(async ({ request, params }) => {
  const text = request.method === "POST" ? await readBodyText(request) : "";
  if (text && /json/i.test(request.headers.get("content-type") ?? "")) {
    try {
      JSON.parse(text);
    } catch {
      throw new AppError("bad_request", "The body is not valid JSON.");
    }
  }
  return answerNextAuth(request, params.nextauth, text);
});

export { handler as GET, handler as POST };
