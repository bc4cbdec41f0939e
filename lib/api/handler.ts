import "server-only";
import type { z } from "zod";
import { isVendorAdmin, requireScope, type Ctx } from "@/lib/context";
import { appEngine } from "@/lib/engine";
import { AppError } from "@/lib/errors";
import { getLogger } from "@/lib/logger";
import { callerKey } from "./authenticate";
import { checkIdempotencyKey, complete, requestHash, reserve } from "./idempotency";
import { fileAnswerSchema, type OperationSpec } from "./operation";
import { parseQuery } from "./params";
import { problemResponse } from "./problem";
import { admit, setRateHeaders, RateLimitedError, type RateState } from "./rate-limits";
import { checkJsonContentType, parseJsonText, readBodyText, route } from "./route";

/**
 * The /api/v1 handler: authenticate (API key or session, CSRF for session writes) -> rate limit
 * -> scope and role -> parse query and body -> Idempotency-Key on POST -> the handler (one domain
 * verb) -> the answer parsed through the operation's response schema. Problems after
 * authentication carry the RateLimit-* headers too.
 */
type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export type ApiContext<P, Q, B> = {
  request: Request;
  /** Who calls, for whom, with the engine: what the handler hands its verb. */
  ctx: Ctx;
  params: P;
  query: Output<Q>;
  body: Output<B>;
};

export function apiRoute<Q extends z.ZodObject | undefined, B extends z.ZodType | undefined, R extends z.ZodType, N extends string = never>(
  operation: OperationSpec<Q, B, R, N>,
  handler: (context: ApiContext<{ [K in N]: string }, Q, B>) => Promise<z.input<R>>,
) {
  return route<{ [K in N]: string }>(async ({ request, requestId, params }) => {
    const engine = appEngine();
    const { db } = engine;
    const url = new URL(request.url);
    const admitted = await admit(db, request);
    const ctx: Ctx = { ...admitted.identity, requestId, engine, log: getLogger().child({ requestId }) };
    const caller = callerKey(ctx);
    let rate: RateState | undefined;
    let idempotency: { principal: string; key: string } | undefined;
    let response: Response;
    try {
      if (admitted.rate instanceof RateLimitedError) throw admitted.rate;
      rate = admitted.rate;
      requireScope(ctx, operation.access.scope);
      if (operation.access.admin && !isVendorAdmin(ctx)) throw new AppError("forbidden", "This needs a vendor admin.");
      const query = (operation.query ? parseQuery(url, operation.query) : undefined) as Output<Q>;
      const hasBody = request.method === "POST" || request.method === "PATCH";
      const text = hasBody ? await readBodyText(request) : "";
      let body = undefined as Output<B>;
      if (operation.body) {
        checkJsonContentType(request);
        body = parseJsonText(text, operation.body) as Output<B>;
      }
      const idempotencyKey = request.method === "POST" ? request.headers.get("idempotency-key") : null;
      if (idempotencyKey !== null) {
        checkIdempotencyKey(idempotencyKey);
        const reservation = await reserve(db, caller, idempotencyKey, requestHash(request.method, url.pathname, text));
        if (reservation.kind === "replay") {
          response = new Response(reservation.body, { status: reservation.status, headers: { "content-type": "application/json", "idempotency-replayed": "true", "cache-control": "no-store" } });
          setRateHeaders(response.headers, rate);
          return response;
        }
        idempotency = { principal: caller, key: idempotencyKey };
      }
      const result = operation.success.schema.parse(await handler({ request, ctx, params, query, body }));
      if (operation.success.files) {
        response = fileResponse(fileAnswerSchema.parse(result), operation.success.status);
      } else {
        const json = operation.success.status === 204 ? null : JSON.stringify(result);
        if (idempotency && json !== null) await complete(db, idempotency.principal, idempotency.key, { status: operation.success.status, body: json });
        response = new Response(json, { status: operation.success.status, headers: json === null ? {} : { "content-type": "application/json" } });
        if (operation.location) response.headers.set("location", operation.location(result));
      }
    } catch (error) {
      if (idempotency) await complete(db, idempotency.principal, idempotency.key, null);
      if (!(error instanceof AppError)) throw error;
      response = problemResponse(error, { requestId, instance: url.pathname });
      if (error instanceof RateLimitedError) rate = error.state;
    }
    if (rate) setRateHeaders(response.headers, rate);
    response.headers.set("cache-control", "no-store"); // answers are the caller's own
    return response;
  });
}

function fileResponse(file: z.output<typeof fileAnswerSchema>, status: number): Response {
  return new Response(file.body, {
    status,
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.fileName.replace(/[^\w.-]/g, "_")}"`,
      "x-content-type-options": "nosniff",
    },
  });
}
