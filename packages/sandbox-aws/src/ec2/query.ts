import { AwsError, invalidParameterValue } from "../errors";
import type { Filter, Tag } from "../wire/params";

/**
 * Filters and pages for EC2 describe calls. Filter values take EC2's wildcards (`*`, `?`); values
 * of one filter are OR-ed, filters are AND-ed.
 */

export type FieldReader<T> = (item: T, name: string) => string[] | undefined;

function wildcardRegex(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`);
}

/** Compiles filters once per request into one predicate (this keeps a 10,000-item scan cheap). */
export function compileFilters<T>(filters: Filter[], allowed: readonly string[], read: FieldReader<T>): (item: T) => boolean {
  const tests = filters.map((filter) => {
    const isTag = filter.name.startsWith("tag:");
    if (!isTag && !allowed.includes(filter.name)) {
      throw invalidParameterValue(`The filter '${filter.name}' is invalid`);
    }
    const exact = new Set(filter.values.filter((v) => !/[*?]/.test(v)));
    const patterns = filter.values.filter((v) => /[*?]/.test(v)).map(wildcardRegex);
    return (item: T) => {
      const actual = read(item, filter.name) ?? [];
      return actual.some((value) => exact.has(value) || patterns.some((regex) => regex.test(value)));
    };
  });
  return (item) => tests.every((test) => test(item));
}

/** `tag:<key>`, `tag-key` and `tag-value` for any resource with tags. */
export function readTags(tags: Tag[], name: string): string[] | undefined {
  if (name.startsWith("tag:")) {
    const key = name.slice(4);
    return tags.filter((tag) => tag.key === key).map((tag) => tag.value);
  }
  if (name === "tag-key") return tags.map((tag) => tag.key);
  if (name === "tag-value") return tags.map((tag) => tag.value);
  return undefined;
}

export const TAG_FILTERS = ["tag-key", "tag-value"] as const;

function encodeToken(after: string): string {
  return Buffer.from(JSON.stringify({ after }), "utf8").toString("base64url");
}

function decodeToken(token: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (typeof parsed === "object" && parsed !== null && "after" in parsed && typeof parsed.after === "string") return parsed.after;
  } catch {
    // fall through to the AWS error below
  }
  throw new AwsError("InvalidPaginationToken", `Invalid pagination token: ${token}`);
}

/**
 * One page of `items` (in a stable order) after the item the token names. Tokens name the last
 * id returned, so a page survives items created or deleted in between.
 */
export function paginate<T>(
  items: T[],
  idOf: (item: T) => string,
  maxResults: number | undefined,
  nextToken: string | undefined,
): { page: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken) {
    const after = decodeToken(nextToken);
    const index = items.findIndex((item) => idOf(item) > after);
    start = index < 0 ? items.length : index;
  }
  if (maxResults === undefined) return { page: items.slice(start) };
  const page = items.slice(start, start + maxResults);
  const last = page.at(-1);
  return { page, nextToken: start + maxResults < items.length && last ? encodeToken(idOf(last)) : undefined };
}

export function tagsXml(tags: Tag[]) {
  return tags.map((tag) => ({ key: tag.key, value: tag.value }));
}

/** Id format checks: `vpce-0123abcd` (8 hex) or the long form (17 hex). */
export function checkId(prefix: string, id: string, code: string): void {
  if (!new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`).test(id)) {
    throw new AwsError(code, `Invalid id: "${id}" (expecting "${prefix}-...")`);
  }
}
