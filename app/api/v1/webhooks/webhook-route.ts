import "server-only";
import { authenticate, type Principal } from "@/lib/api/principal";
import { problemResponse } from "@/lib/api/problem";
import { RateLimitedError, setRateHeaders, takeRequest, type RateState } from "@/lib/api/rate-limits";
import { route } from "@/lib/api/route";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Glue for the webhook routes: the API's principal (API key or session, CSRF for session writes)
 * and rate limit, as lib/api's operations get them, with RateLimit-* headers on every answer
 * after authentication. Authorization (owners write, members read) is inside the verbs.
 */
export function webhookRoute<P = Record<string, never>>(handler: (context: { request: Request; requestId: string; params: P; caller: Principal }) => Promise<Response>) {
  return route<P>(async ({ request, requestId, params }) => {
    const db = getDb();
    const caller = await authenticate(db, request, requestId);
    let rate: RateState | undefined;
    let response: Response;
    try {
      rate = await takeRequest(db, caller);
      response = await handler({ request, requestId, params, caller });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      response = problemResponse(error, { requestId, instance: new URL(request.url).pathname });
      if (error instanceof RateLimitedError) rate = error.state;
    }
    if (rate) setRateHeaders(response.headers, rate);
    return response;
  });
}
