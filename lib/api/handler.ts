import "server-only";
import type { z } from "zod";
import type { Ctx } from "@/lib/context";
import { runScopedRead, type ScopedRead } from "@/lib/db/scoped-read";
import { appEngine } from "@/lib/engine";
import { AppError } from "@/lib/errors";
import { requireAccess, requireSecondFactor, type Access, type DeclaredAccess } from "./access";
import { checkIdempotencyKey, complete, idempotencyScope, requestHash, reserve, storedAnswer } from "./idempotency";
import { fileAnswerSchema, type OperationSpec } from "./operation";
import { parsePathParams, parseQuery } from "./params";
import { problemResponse } from "./problem";
import { admit, RateLimitedError, setRateHeaders, type Admission, type RateState } from "./rate-limits";
import { checkJsonContentType, parseJsonText, readBodyText, route } from "./route";

// The one wrapper of every /api/v1 operation; its steps, in order: docs/ARCHITECTURE.md, The REST API. Problems after
// authentication carry the RateLimit-* headers too. Public operations skip authentication, rate limit, scope and role, and
// Idempotency-Key.
type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export type AnonymousCtx = Pick<Ctx, "requestId" | "engine" | "log">;

export type ApiContext<P, Q, B, C> = {
  request: Request;
  ctx: C;
  params: Output<P>;
  query: Output<Q>;
  body: Output<B>;
};

type Handler<P, Q, B, R extends z.ZodType, A extends Access> = (context: ApiContext<P, Q, B, A extends "public" ? AnonymousCtx : Ctx>) => Promise<z.input<R>>;

type Run<P, Q, B> = (context: ApiContext<P, Q, B, Ctx | AnonymousCtx>, admitted: Admission | undefined) => Promise<unknown>;

type ReadPlan<P, Q, T> = (args: { params: Output<P>; query: Output<Q> }) => ScopedRead<T, Ctx>;

export function apiRoute<
  Q extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
  P extends z.ZodObject | undefined,
  A extends Access,
>(operation: OperationSpec<Q, B, R, P, A>, handler: Handler<P, Q, B, R, A>) {
  return operationRoute(operation, undefined, async (context) => operation.success.schema.parse(await handler({ ...context, ctx: context.ctx as Ctx })));
}

// With an API key the read runs inside admission's statement (one round trip); its rows are used only when the verb's scope is
// the key's own organization, else it runs alone with that scope. The views build the answer typed as the schema's output, so
// it is not parsed again: tests hold it to the OpenAPI document.
export function apiRead<Q extends z.ZodObject | undefined, R extends z.ZodType, P extends z.ZodObject | undefined>(
  operation: OperationSpec<Q, undefined, R, P, DeclaredAccess>,
  plan: ReadPlan<P, Q, z.output<R>>,
) {
  return operationRoute(operation, plan, async ({ ctx, params, query }, admitted) => {
    const read = plan({ params, query });
    const prefetched = admitted?.read;
    if (prefetched && read.scope(ctx as Ctx) === prefetched.organizationId) return read.answer(prefetched.rows, ctx as Ctx);
    return runScopedRead(ctx.engine.db, read, ctx as Ctx);
  });
}

function operationRoute<Q extends z.ZodObject | undefined, B extends z.ZodType | undefined, R extends z.ZodType, P extends z.ZodObject | undefined>(
  operation: OperationSpec<Q, B, R, P, Access>,
  plan: ReadPlan<P, Q, unknown> | undefined,
  run: Run<P, Q, B>,
) {
  return route<Record<string, string>>(async ({ request, requestId, params: rawParams, url, log }) => {
    const engine = appEngine();
    const { db } = engine;
    const access: Access = operation.access;
    let ctx: Ctx | AnonymousCtx = { requestId, engine, log };
    let rate: RateState | undefined;
    let admitted: Admission | undefined;
    let early: Early<P, Q> | undefined;
    let idempotency: { caller: string; key: string } | undefined;
    let response: Response;
    if (access !== "public") {
      early = plan && request.headers.has("authorization") ? planEarly(plan, operation, url, rawParams) : undefined;
      admitted = await admit(db, request, early?.sql);
      ctx = { ...admitted.identity, requestId, engine, log };
      if (admitted.rate instanceof RateLimitedError) return withAnswerHeaders(problemOf(admitted.rate, requestId, url), admitted.rate.state);
      rate = admitted.rate;
    }
    try {
      if (access !== "public") {
        requireAccess(access, ctx as Ctx);
        requireSecondFactor(access, admitted?.mfaGap);
      }
      const query = early ? early.query : ((operation.query ? parseQuery(url, operation.query) : undefined) as Output<Q>);
      const hasBody = request.method === "POST" || request.method === "PATCH" || (request.method === "DELETE" && operation.body !== undefined);
      const text = hasBody ? await readBodyText(request) : "";
      let body = undefined as Output<B>;
      if (operation.body) {
        checkJsonContentType(request);
        body = parseJsonText(text, operation.body) as Output<B>;
      }
      const idempotencyKey = request.method === "POST" && access !== "public" ? request.headers.get("idempotency-key") : null;
      if (idempotencyKey !== null) {
        checkIdempotencyKey(idempotencyKey);
        const caller = idempotencyScope(ctx as Ctx);
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
      const params = early ? early.params : ((operation.params ? parsePathParams(rawParams, operation.params) : undefined) as Output<P>);
      const result = await run({ request, ctx, params, query, body }, admitted);
      if (operation.success.files) {
        response = fileResponse(fileAnswerSchema.parse(result), operation.success.status);
      } else {
        const json = operation.success.status === 204 ? null : JSON.stringify(result);
        if (idempotency && json !== null) {
          const stored = storedAnswer(result, json, { schema: operation.success.schema, secretField: operation.secretField });
          await complete(db, idempotency.caller, idempotency.key, { status: operation.success.status, body: stored });
        }
        response = new Response(json, { status: operation.success.status, headers: json === null ? {} : { "content-type": "application/json" } });
        if (operation.location) response.headers.set("location", operation.location(result as z.output<R>));
      }
    } catch (error) {
      if (idempotency) await complete(db, idempotency.caller, idempotency.key, null);
      if (!(error instanceof AppError)) throw error;
      response = problemOf(error, requestId, url);
    }
    return withAnswerHeaders(response, rate, operation.success.cacheControl);
  });
}

type Early<P, Q> = { query: Output<Q>; params: Output<P>; sql: ScopedRead<unknown, Ctx>["sql"] };

// Before admission, so the statement can run in admission's; if they do not parse, no read runs there and the same error is
// answered in its turn (after authentication), as for any operation.
function planEarly<Q extends z.ZodObject | undefined, P extends z.ZodObject | undefined>(
  plan: ReadPlan<P, Q, unknown>,
  operation: Pick<OperationSpec<Q, undefined, z.ZodType, P>, "query" | "params">,
  url: URL,
  rawParams: Record<string, string>,
): Early<P, Q> | undefined {
  try {
    const query = (operation.query ? parseQuery(url, operation.query) : undefined) as Output<Q>;
    const params = (operation.params ? parsePathParams(rawParams, operation.params) : undefined) as Output<P>;
    return { query, params, sql: plan({ params, query }).sql };
  } catch {
    return undefined;
  }
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
