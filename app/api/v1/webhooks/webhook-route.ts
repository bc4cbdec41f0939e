import "server-only";
import { checkIdempotencyKey, complete, requestHash, reserve } from "@/lib/api/idempotency";
import { authenticate, type Principal } from "@/lib/api/principal";
import { problemResponse } from "@/lib/api/problem";
import { RateLimitedError, setRateHeaders, takeRequest, type RateState } from "@/lib/api/rate-limits";
import { route } from "@/lib/api/route";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Glue for the webhook routes, as lib/api's operations get it: the principal (API key or
 * session, CSRF for session writes), the rate limit with RateLimit-* headers on every answer after
 * authentication, and Idempotency-Key on POST (a replayed create answers with the same secret, to
 * the same principal only). Authorization (owners write, members read) is inside the verbs.
 */
export function webhookRoute<P = Record<string, never>>(handler: (context: { request: Request; requestId: string; params: P; caller: Principal }) => Promise<Response>) {
  return route<P>(async ({ request, requestId, params }) => {
    const db = getDb();
    const path = new URL(request.url).pathname;
    const caller = await authenticate(db, request, requestId);
    let rate: RateState | undefined;
    let idempotency: { key: string } | undefined;
    let response: Response;
    try {
      rate = await takeRequest(db, caller);
      const key = request.method === "POST" ? request.headers.get("idempotency-key") : null;
      if (key !== null) {
        checkIdempotencyKey(key);
        const reservation = await reserve(db, caller.id, key, requestHash(request.method, path, await request.clone().text()));
        if (reservation.kind === "replay") {
          response = new Response(reservation.body, { status: reservation.status, headers: { "content-type": "application/json", "idempotency-replayed": "true" } });
          setRateHeaders(response.headers, rate);
          return response;
        }
        idempotency = { key };
      }
      response = await handler({ request, requestId, params, caller });
      if (idempotency) await complete(db, caller.id, idempotency.key, { status: response.status, body: await response.clone().text() });
    } catch (error) {
      if (idempotency) await complete(db, caller.id, idempotency.key, null);
      if (!(error instanceof AppError)) throw error;
      response = problemResponse(error, { requestId, instance: path });
      if (error instanceof RateLimitedError) rate = error.state;
    }
    if (rate) setRateHeaders(response.headers, rate);
    return response;
  });
}
