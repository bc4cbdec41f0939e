import { AwsError, type JsonService } from "../errors";
import type { Caller, Runtime } from "../runtime";

/**
 * The REST-JSON protocol of vpc-lattice and RAM: an operation is a method and a path (with
 * `{name}` labels), its input the JSON body, the labels and the query string; an error is its
 * HTTP status, the `x-amzn-errortype` header naming the code, and `{ "message": ... }`.
 */

export interface JsonContext {
  runtime: Runtime;
  service: JsonService;
  action: string;
  region: string;
  caller: Caller;
  now: number;
  input: JsonInput;
}

/** The answer's body; undefined for none (a 204). */
export type JsonHandler = (ctx: JsonContext) => object | undefined;

export interface JsonRoute {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** `/resourcegateways/{resourceGatewayIdentifier}`: labels match one path segment. */
  path: string;
  action: string;
  /** The status of a success (201 for most creates, 204 for some deletes). */
  status?: number;
  handler: JsonHandler;
}

/** A validation failure in the service's own words: vpc-lattice's ValidationException, RAM's InvalidParameterException. */
export type Invalid = (message: string, field?: string) => AwsError;

/** A request's input: members by name, from the body, the path's labels or the query string. */
export class JsonInput {
  constructor(
    private readonly members: Record<string, unknown>,
    readonly invalid: Invalid,
  ) {}

  string(name: string): string | undefined {
    const value = this.members[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") throw this.invalid(`${name} must be a string.`, name);
    return value;
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === "") throw this.invalid(`${name} is required.`, name);
    return value;
  }

  bool(name: string): boolean | undefined {
    const value = this.members[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "false") return value === "true";
    throw this.invalid(`${name} must be true or false.`, name);
  }

  int(name: string, range: { min: number; max: number }): number | undefined {
    const value = this.members[name];
    if (value === undefined || value === null) return undefined;
    const number = typeof value === "number" ? value : typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < range.min || number > range.max) {
      throw this.invalid(`${name} must be an integer from ${range.min} to ${range.max}.`, name);
    }
    return number;
  }

  /** A list; one value of a query string's repeated parameter (`?tagKeys=a`) is a list of one. */
  strings(name: string): string[] {
    const value = this.members[name];
    if (value === undefined || value === null) return [];
    if (typeof value === "string") return [value];
    if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) throw this.invalid(`${name} must be a list of strings.`, name);
    return value as string[];
  }

  records(name: string): Record<string, unknown>[] {
    const value = this.members[name];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.some((item) => typeof item !== "object" || item === null || Array.isArray(item))) {
      throw this.invalid(`${name} must be a list of objects.`, name);
    }
    return value as Record<string, unknown>[];
  }

  object(name: string): Record<string, unknown> | undefined {
    const value = this.members[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "object" || Array.isArray(value)) throw this.invalid(`${name} must be an object.`, name);
    return value as Record<string, unknown>;
  }

  /** The input but its client token, as JSON in key order: the same token with another fingerprint is another request. */
  fingerprint(): string {
    return JSON.stringify(
      Object.entries(this.members)
        .filter(([key]) => key !== "clientToken")
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  }
}

interface CompiledRoute extends JsonRoute {
  pattern: RegExp;
  labels: string[];
}

export function compileRoutes(routes: JsonRoute[]): CompiledRoute[] {
  return routes.map((route) => {
    const labels: string[] = [];
    const source = route.path.replace(/\{(\w+)\}/g, (_, label: string) => {
      labels.push(label);
      return "([^/]+)";
    });
    return { ...route, pattern: new RegExp(`^${source}/?$`), labels };
  });
}

/** The route for this request and its input, or an UnknownOperationException as AWS answers one. */
export function matchRoute(
  routes: CompiledRoute[],
  method: string,
  path: string,
  query: URLSearchParams,
  body: Buffer,
  invalid: Invalid,
): { route: CompiledRoute; input: JsonInput } {
  for (const route of routes) {
    const match = route.method === method ? route.pattern.exec(path) : null;
    if (!match) continue;
    let parsed: unknown = {};
    if (body.length > 0) {
      try {
        parsed = JSON.parse(body.toString("utf8"));
      } catch {
        throw new AwsError("SerializationException", "The request body is not valid JSON.");
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        throw new AwsError("SerializationException", "The request body must be a JSON object.");
    }
    const fromQuery = [...new Set(query.keys())].map((key) => [key, query.getAll(key).length > 1 ? query.getAll(key) : query.get(key)]);
    const members: Record<string, unknown> = { ...Object.fromEntries(fromQuery), ...(parsed as Record<string, unknown>) };
    route.labels.forEach((label, i) => {
      members[label] = decodeURIComponent(match[i + 1] ?? "");
    });
    return { route, input: new JsonInput(members, invalid) };
  }
  throw new AwsError("UnknownOperationException", `The sandbox does not answer ${method} ${path}.`, 404);
}

/** An error as REST-JSON carries it; the SDKs read the code from the header. */
export function jsonError(error: AwsError): { status: number; headers: Record<string, string>; body: string } {
  const { fields } = error as AwsError & { fields?: Record<string, unknown> };
  return {
    status: error.status,
    headers: { "content-type": "application/json", "x-amzn-errortype": error.code },
    body: JSON.stringify({ message: error.message, ...fields }),
  };
}

/** An AwsError with the extra members a REST-JSON error shape has (resourceId, resourceType, reason, fieldList). */
export function withFields(error: AwsError, fields: Record<string, unknown>): AwsError {
  return Object.assign(error, { fields });
}

/** A page of the items in key order; the opaque token is the key of the last item returned. */
export function page<T>(unsorted: T[], keyOf: (item: T) => string, maxResults: number | undefined, nextToken: string | undefined, invalid: Invalid) {
  const items = unsorted.map((item) => ({ item, key: keyOf(item) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let start = 0;
  if (nextToken) {
    const after = Buffer.from(nextToken, "base64url").toString("utf8");
    if (!after) throw invalid("nextToken is not valid.", "nextToken");
    start = items.findIndex(({ key }) => key > after);
    if (start < 0) start = items.length;
  }
  const size = maxResults ?? 100;
  const slice = items.slice(start, start + size);
  const more = start + size < items.length;
  return { items: slice.map(({ item }) => item), nextToken: more && slice.length ? Buffer.from(slice.at(-1)!.key).toString("base64url") : undefined };
}
