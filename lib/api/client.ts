import type { z } from "zod";
import { awsAccountOperations } from "./aws-account-operations";
import type { OperationSpec } from "./operation";
import { operations } from "./operations";
import { webhookOperations } from "./webhook-operations";

/**
 * A typed client of /api/v1 for TypeScript partners and scripts, from the same operation
 * definitions the routes and the OpenAPI document use: `client.call("createLink", { body })`
 * is checked against the request schema and returns the response schema's type.
 */
const ALL = { ...operations, ...awsAccountOperations, ...webhookOperations };
type All = typeof ALL;
export type OperationId = keyof All;

type Parts<Op> =
  Op extends OperationSpec<infer Q, infer B, infer R, infer P>
    ? {
        params: P extends z.ZodObject ? z.input<P> : undefined;
        query: Q extends z.ZodType ? z.input<Q> : undefined;
        body: B extends z.ZodType ? z.input<B> : undefined;
        result: z.output<R>;
      }
    : never;

type Defined<T> = { [K in keyof T as T[K] extends undefined ? never : K]: T[K] };
export type CallInput<K extends OperationId> = Defined<Pick<Parts<All[K]>, "params" | "body">> & {
  query?: Parts<All[K]>["query"];
  idempotencyKey?: string;
};
export type CallResult<K extends OperationId> = Parts<All[K]>["result"];

export type Problem = { type: string; title: string; status: number; detail: string; code: string; requestId: string; invalidParams?: { name: string; reason: string }[] };

export class ApiProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.name = "ApiProblemError";
  }
}

export function createApiClient({ baseUrl, apiKey, fetch: fetchImpl = fetch }: { baseUrl: string; apiKey: string; fetch?: typeof fetch }) {
  return {
    async call<K extends OperationId>(operationId: K, ...[input]: keyof Defined<Pick<Parts<All[K]>, "params" | "body">> extends never ? [CallInput<K>?] : [CallInput<K>]): Promise<CallResult<K>> {
      const op = ALL[operationId] as { method: string; path: string };
      const given = (input ?? {}) as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown; idempotencyKey?: string };
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(given.params?.[name] ?? ""));
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(given.query ?? {})) if (value !== undefined) search.set(name, String(value));
      const headers: Record<string, string> = { authorization: `Bearer ${apiKey}`, accept: "application/json" };
      if (given.body !== undefined) headers["content-type"] = "application/json";
      if (given.idempotencyKey) headers["idempotency-key"] = given.idempotencyKey;
      const url = `${baseUrl.replace(/\/$/, "")}${path}${search.size ? `?${search}` : ""}`;
      const response = await fetchImpl(url, { method: op.method, headers, body: given.body === undefined ? undefined : JSON.stringify(given.body) });
      const text = await response.text();
      const body: unknown = text ? JSON.parse(text) : undefined;
      if (!response.ok) throw new ApiProblemError(body as Problem);
      return body as CallResult<K>;
    },
  };
}
