import "server-only";
import type { z } from "zod";
import { isVendorAdmin, requireScope, type Ctx } from "@/lib/context";
import { appEngine } from "@/lib/engine";
import { AppError } from "@/lib/errors";
import { getLogger } from "@/lib/logger";
import { callerKey } from "./authenticate";
import { checkIdempotencyKey, complete, requestHash, reserve } from "./idempotency";
import { fileAnswerSchema, type Access, type OperationSpec } from "./operation";
import { parsePathParams, parseQuery } from "./params";
import { problemResponse } from "./problem";
import { admit, RateLimitedError, setRateHeaders, type RateState } from "./rate-limits";
import { checkJsonContentType, parseJsonText, readBodyText, route } from "./route";

/**
 * The one wrapper of every /api/v1 operation: authenticate (API key or session, CSRF for session
 * writes) -> rate limit -> scope and role -> parse query and body -> Idempotency-Key on POST ->
 * parse the path -> the handler (one domain verb, given the ctx) -> the answer parsed through the
 * operation's response schema. Problems after authentication carry the RateLimit-* headers too.
 * A public operation skips the first three and Idempotency-Key, and its handler gets a ctx
 * without an actor. Route files use it as
 * `POST: apiRoute(operations.approveLink, ({ ctx, params }) => approveLink({ ctx, input: { linkId: params.id } }))`.
 */
type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a public operation's handler gets instead of a caller's ctx: nobody is signed in. */
export type AnonymousCtx = Pick<Ctx, "requestId" | "engine" | "log">;

export type ApiContext<P, Q, B, C> = {
  request: Request;
  /** Who calls, for whom, with the engine: what the handler hands its verb. */
  ctx: C;
  params: Output<P>;
  query: Output<Q>;
  body: Output<B>;
};

type Handler<P, Q, B, R extends z.ZodType, A extends Access> = (context: ApiContext<P, Q, B, A extends "public" ? AnonymousCtx : Ctx>) => Promise<z.input<R>>;

export function apiRoute<
  Q extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
  P extends z.ZodObject | undefined,
  A extends Access,
>(operation: OperationSpec<Q, B, R, P, A>, handler: Handler<P, Q, B, R, A>) {
  return route<Record<string, string>>(async ({ request, requestId, params: rawParams }) => {
    const engine = appEngine();
    const { db } = engine;
    const url = new URL(request.url);
    const log = getLogger().child({ requestId });
    const access: Access = operation.access;
    let ctx: Ctx | AnonymousCtx = { requestId, engine, log };
    let rate: RateState | undefined;
    let idempotency: { caller: string; key: string } | undefined;
    let response: Response;
    if (access !== "public") {
      const admitted = await admit(db, request);
      ctx = { ...admitted.identity, requestId, engine, log };
      if (admitted.rate instanceof RateLimitedError) return withAnswerHeaders(problemOf(admitted.rate, requestId, url), admitted.rate.state);
      rate = admitted.rate;
    }
    try {
      if (access !== "public") {
        requireScope(ctx as Ctx, access.scope);
        if (access.admin && !isVendorAdmin(ctx as Ctx)) throw new AppError("forbidden", "This needs a vendor admin.");
      }
      const query = (operation.query ? parseQuery(url, operation.query) : undefined) as Output<Q>;
      const hasBody = request.method === "POST" || request.method === "PATCH";
      const text = hasBody ? await readBodyText(request) : "";
      let body = undefined as Output<B>;
      if (operation.body) {
        checkJsonContentType(request);
        body = parseJsonText(text, operation.body) as Output<B>;
      }
      const idempotencyKey = request.method === "POST" && access !== "public" ? request.headers.get("idempotency-key") : null;
      if (idempotencyKey !== null) {
        checkIdempotencyKey(idempotencyKey);
        const caller = callerKey(ctx as Ctx);
        const reservation = await reserve(db, caller, idempotencyKey, requestHash(request.method, url.pathname, text));
        if (reservation.kind === "replay") {
          response = new Response(reservation.body, {
            status: reservation.status,
            headers: { "content-type": "application/json", "idempotency-replayed": "true" },
          });
          return withAnswerHeaders(response, rate);
        }
        idempotency = { caller, key: idempotencyKey };
      }
      const params = (operation.params ? parsePathParams(rawParams, operation.params) : undefined) as Output<P>;
      const result = operation.success.schema.parse(await handler({ request, ctx: ctx as Ctx, params, query, body }));
      if (operation.success.files) {
        response = fileResponse(fileAnswerSchema.parse(result), operation.success.status);
      } else {
        const json = operation.success.status === 204 ? null : JSON.stringify(result);
        if (idempotency && json !== null) await complete(db, idempotency.caller, idempotency.key, { status: operation.success.status, body: json });
        response = new Response(json, { status: operation.success.status, headers: json === null ? {} : { "content-type": "application/json" } });
        if (operation.location) response.headers.set("location", operation.location(result));
      }
    } catch (error) {
      if (idempotency) await complete(db, idempotency.caller, idempotency.key, null);
      if (!(error instanceof AppError)) throw error;
      response = problemOf(error, requestId, url);
    }
    return withAnswerHeaders(response, rate, operation.success.cacheControl);
  });
}

function problemOf(error: AppError, requestId: string, url: URL): Response {
  return problemResponse(error, { requestId, instance: url.pathname });
}

/** The rate headers (after authentication) and Cache-Control: answers are the caller's own unless the operation says otherwise. */
function withAnswerHeaders(response: Response, rate: RateState | undefined, cacheControl = "no-store"): Response {
  if (rate) setRateHeaders(response.headers, rate);
  response.headers.set("cache-control", response.ok ? cacheControl : "no-store");
  return response;
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
