import "server-only";
import { AppError } from "@/lib/errors";
import { problemResponse } from "./problem";
import { route } from "./route";

// Every method Next routes gets an export, so no answer under /api/v1 is one of Next's own (an empty 405). Methods Next does not
// route at all (TRACE, PROPFIND...) arrive as OPTIONS naming the method (scripts/server/http-hardening.mjs): the same 405.
// HEAD answers as GET, without the body.
type Handler<P> = (request: Request, segment: { params: Promise<P> }) => Promise<Response>;
type Implemented = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Routed = Implemented | "HEAD" | "OPTIONS";
const ROUTED: readonly Routed[] = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"];

/** Set by the server hook on a request whose method Next does not route; the hook names the same header (a unit test holds them equal). */
export const METHOD_HEADER = "x-portal-unsupported-method";

/** For the catch-all app/api/v1/[...path]. */
export function noOperationHere(): Record<Routed, Handler<{ path: string[] }>> {
  const notFound = route<{ path: string[] }>(async ({ request }) => {
    throw new AppError("not_found", `No API operation at ${new URL(request.url).pathname}; the operations are listed at /api/v1/openapi.json.`);
  });
  return { GET: notFound, HEAD: notFound, OPTIONS: notFound, POST: notFound, PUT: notFound, PATCH: notFound, DELETE: notFound };
}

export function routeMethods<P>(handlers: Partial<Record<Implemented, Handler<P>>>): Record<Routed, Handler<P>> {
  const allow = ROUTED.filter((method) => method === "OPTIONS" || handlers[method === "HEAD" ? "GET" : method]).join(", ");
  const refuse = (method: string, requestId: string, instance: string) => {
    const response = problemResponse(new AppError("method_not_allowed", `${method} is not allowed here; allowed: ${allow}.`), { requestId, instance });
    response.headers.set("allow", allow);
    return response;
  };
  const notAllowed = route<P>(async ({ request, requestId }) => refuse(request.method, requestId, new URL(request.url).pathname));
  const options = route<P>(async ({ request, requestId }) => {
    const unrouted = request.headers.get(METHOD_HEADER);
    if (unrouted) return refuse(unrouted, requestId, new URL(request.url).pathname);
    return new Response(null, { status: 204, headers: { allow } });
  });
  return {
    GET: handlers.GET ?? notAllowed,
    HEAD: handlers.GET ?? notAllowed,
    OPTIONS: options,
    POST: handlers.POST ?? notAllowed,
    PUT: handlers.PUT ?? notAllowed,
    PATCH: handlers.PATCH ?? notAllowed,
    DELETE: handlers.DELETE ?? notAllowed,
  };
}
