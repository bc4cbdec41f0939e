import { z } from "zod";
import type { ApiScope } from "@/lib/context";

/**
 * One API operation: what the route handler parses and answers, and what the OpenAPI document
 * says about it, from the same zod schemas.
 */
export type OperationSpec<Q extends z.ZodObject | undefined, B extends z.ZodType | undefined, R extends z.ZodType, N extends string = never> = {
  operationId: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** OpenAPI path template, e.g. /api/v1/links/{id}. */
  path: string;
  tag: "Connectivity" | "Links" | "AWS accounts" | "Admin" | "API keys" | "Webhooks";
  summary: string;
  description?: string;
  /** The scope a key needs; `admin`: vendor admins only; `owner`: organization owners signed in. */
  access: { scope: ApiScope; admin?: boolean; owner?: boolean };
  /** Replaces the access sentence derived from `access` in the document. */
  accessNote?: string;
  /** Path parameters are ids (uuid) unless they list their values. */
  pathParams?: readonly { name: N; description: string; values?: readonly string[] }[];
  query?: Q;
  body?: B;
  /**
   * 204 answers have no body (`schema` is then z.null() and undocumented). `files`: the answer is
   * a file (the handler returns a `fileAnswerSchema` value) in one of these media types.
   */
  success: { status: number; description: string; schema: R; files?: readonly { mediaType: string; description: string }[] };
  /** A Location header for the success answer (201s), from the answer's body. */
  location?: (result: z.output<R>) => string;
  /** Statuses beyond the ones every operation of its kind can answer (see openapi.ts). */
  errors?: readonly number[];
};

export type AnyOperation = OperationSpec<z.ZodObject | undefined, z.ZodType | undefined, z.ZodType, string>;

export function defineOperation<
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
  const N extends string = never,
>(spec: OperationSpec<Q, B, R, N>): OperationSpec<Q, B, R, N> {
  return spec;
}

/** What a handler of a file-answering operation returns; the wrapper sends `body` as the file. */
export const fileAnswerSchema = z.object({ fileName: z.string(), contentType: z.string(), body: z.string() });
