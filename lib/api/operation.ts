import { z } from "zod";
import type { Access, DeclaredAccess } from "./access";

// What the wrapper (handler.ts) checks, parses and answers, and what the OpenAPI document says, from the same zod schemas.

export type OperationSpec<
  Q extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
  P extends z.ZodObject | undefined = undefined,
  A extends Access = Access,
> = {
  operationId: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** e.g. /api/v1/links/{id}. */
  path: string;
  tag: "Connectivity" | "Links" | "AWS accounts" | "Admin" | "API keys" | "Webhooks" | "Members" | "Single sign-on" | "Plans" | "Account" | "Portal";
  summary: string;
  description?: string;
  /** Who may call (access.ts); "public" operations are not in the document, which lists what a key or session can do. */
  access: A;
  /** The path's parameters: ids are `idParam(...)` (not a UUID: 404), the others their own schema (422). */
  params?: P;
  query?: Q;
  body?: B;
  /** 204: `schema` is z.null() and undocumented. `files`: the handler returns a `fileAnswerSchema` value in one of these types. */
  success: {
    status: number;
    description: string;
    schema: R;
    files?: readonly { mediaType: string; description: string }[];
    /** `no-store` (the caller's own) unless set. */
    cacheControl?: string;
  };
  location?: (result: z.output<R>) => string;
  /**
   * The answer's field (or fields) holding a secret shown only in this answer (a key, an invitation link, a signing secret). The
   * idempotency store keeps the answer with it null and `secretAlreadyShown: true`, which is what a replay answers; the
   * schema must allow both.
   */
  secretField?: (keyof z.output<R> & string) | readonly (keyof z.output<R> & string)[];
  /** Statuses beyond the ones every operation of its kind can answer (see openapi.ts). */
  errors?: readonly number[];
};

export type AnyOperation = OperationSpec<z.ZodObject | undefined, z.ZodType | undefined, z.ZodType, z.ZodObject | undefined, DeclaredAccess>;

export function defineOperation<
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
  P extends z.ZodObject | undefined = undefined,
  const A extends Access = Access,
>(spec: OperationSpec<Q, B, R, P, A>): OperationSpec<Q, B, R, P, A> {
  return spec;
}

/** A stream `body` is sent as it is read. */
export const fileAnswerSchema = z.object({
  fileName: z.string(),
  contentType: z.string(),
  body: z.union([z.string(), z.custom<ReadableStream<Uint8Array>>((value) => value instanceof ReadableStream)]),
});
