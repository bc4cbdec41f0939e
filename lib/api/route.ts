import "server-only";
import { randomUUID } from "node:crypto";
import { trace } from "@opentelemetry/api";
import type { z } from "zod";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "@/lib/db/unavailable";
import { AppError } from "@/lib/errors";
import { getLogger } from "@/lib/logger";
import { apiSecurityHeaders } from "@/lib/security-headers";
import { invalidParamsOf } from "@/lib/validation";
import { problemResponse } from "./problem";

// Every route handler goes through route(): errors become problem+json here and nowhere else.

export type RouteContext<P> = { request: Request; requestId: string; params: P; url: URL; log: Logger };

type Logger = ReturnType<typeof getLogger>;

export const MAX_BODY_BYTES = 64 * 1024;
export const BODY_TIMEOUT_MS = 10_000;

export function route<P = Record<string, never>>(handler: (context: RouteContext<P>) => Promise<Response>) {
  return async (request: Request, segment: { params: Promise<P> }): Promise<Response> => {
    const started = performance.now();
    const incoming = request.headers.get("x-request-id");
    const requestId = incoming && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    const url = new URL(request.url);
    const log = getLogger().child({ requestId });
    trace.getActiveSpan()?.setAttribute("request.id", requestId);
    let response: Response;
    try {
      response = await handler({ request, requestId, params: await segment.params, url, log });
    } catch (error) {
      response = problemResponse(asAppError(error, log), { requestId, instance: url.pathname });
    }
    response = withHeaders(response, { ...apiSecurityHeaders(), "x-request-id": requestId });
    log.info({ method: request.method, path: url.pathname, status: response.status, ms: Math.round(performance.now() - started) }, "request");
    return response;
  };
}

function asAppError(error: unknown, log: Logger): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) {
    log.warn({ err: error }, "database unavailable");
    return new AppError("not_ready", `The database is not answering; retry in ${DATABASE_RETRY_AFTER_SECONDS} s.`, {
      retryAfter: DATABASE_RETRY_AFTER_SECONDS,
    });
  }
  log.error({ err: error }, "unhandled error");
  return new AppError("internal", "Something went wrong on our side. Quote the request id if you contact support.");
}

// A body over `max` is a 413 as soon as that is known (declared or streamed); one that stops arriving (a Content-Length larger
// than what is sent) is a 408 after BODY_TIMEOUT_MS instead of a request left hanging.
export async function readBodyText(request: Request, max = MAX_BODY_BYTES): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > max) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError("request_timeout", `The body did not arrive whole within ${BODY_TIMEOUT_MS / 1000} s.`)), BODY_TIMEOUT_MS);
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline]);
      if (done) break;
      size += value.byteLength;
      if (size > max) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    void reader.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(): AppError {
  return new AppError("payload_too_large", `The body may be at most ${MAX_BODY_BYTES / 1024} KiB.`);
}

export function checkJsonContentType(request: Request): void {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
  }
}

export function parseJsonText<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new AppError("validation_failed", "Some fields are missing or invalid; see invalidParams.", { invalidParams: invalidParamsOf(result.error) });
  }
  const nul = nulPath(result.data, []);
  if (nul !== null) {
    // PostgreSQL text cannot hold U+0000; refuse it here rather than fail in the database.
    throw new AppError("validation_failed", "Text may not contain the NUL character (U+0000).", {
      invalidParams: [{ name: nul || "body", reason: "Remove the NUL character" }],
    });
  }
  return result.data;
}

function nulPath(value: unknown, path: (string | number)[]): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulPath(item, [...path, index]);
      if (found !== null) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = nulPath(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

/** On a copy when the headers are immutable, as a redirect's are. */
function withHeaders(response: Response, headers: Record<string, string>): Response {
  const set = (target: Response) => {
    for (const [name, value] of Object.entries(headers)) target.headers.set(name, value);
    return target;
  };
  try {
    return set(response);
  } catch {
    return set(new Response(response.body, response));
  }
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify(body), { ...init, headers });
}
